using Liaison.Cli.Client;
using Spectre.Console;
using Profile = Liaison.Cli.Client.Profile;

namespace Liaison.Cli;

/// <summary>What a command runs against: its output streams, the user's config folder, the clock, and how it reaches servers.</summary>
public sealed class CliContext(TextWriter output, TextWriter error, TextReader input, string configDirectory, TimeProvider time, HttpMessageHandler? httpHandler = null)
{
    public TextWriter Out { get; } = output;

    public TextWriter Err { get; } = error;

    public TextReader In { get; } = input;

    public string ConfigDirectory { get; } = configDirectory;

    public TimeProvider Time { get; } = time;

    public HttpMessageHandler? HttpHandler { get; } = httpHandler;

    /// <summary>A Spectre console that writes tables to <see cref="Out"/>, without colours when it is not a terminal.</summary>
    public IAnsiConsole Console => _console ??= CreateConsole();

    private IAnsiConsole? _console;

    private IAnsiConsole CreateConsole()
    {
        var isTerminal = ReferenceEquals(Out, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!isTerminal)
        {
            // A file or a pipe has no width; do not squeeze tables into 80 columns.
            console.Profile.Width = 200;
        }

        return console;
    }

    /// <summary>The profile a client command uses: <c>--profile</c>, else the default profile; <c>--server</c> overrides its URL.</summary>
    public (string Name, Profile Profile) ResolveProfile(string? profileName, string? serverOverride)
    {
        var store = ProfileStore.Load(ConfigDirectory);
        var name = profileName ?? store.Default ?? (store.Profiles.Count == 1 ? store.Profiles.Keys.Single() : null);
        if (name is null)
        {
            throw new CliFailure("no profile chosen: pass --profile NAME or run 'liaison login' first.", ExitCodes.Usage);
        }

        if (!store.Profiles.TryGetValue(name, out var profile))
        {
            var known = store.Profiles.Count == 0 ? "none" : string.Join(", ", store.Profiles.Keys.Order(StringComparer.Ordinal));
            throw new CliFailure($"there is no profile '{name}' (profiles: {known}).", ExitCodes.Usage);
        }

        return (name, serverOverride is null ? profile : profile with { Server = serverOverride });
    }

    public LiaisonClient ClientFor(Profile profile) => new(profile.Server, profile.Token, HttpHandler);
}
