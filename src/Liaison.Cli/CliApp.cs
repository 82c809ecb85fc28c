using System.CommandLine;
using Liaison.Cli.Client;
using Liaison.Cli.Commands;

namespace Liaison.Cli;

/// <summary>The <c>liaison</c> command line: parses, runs one command, and maps every outcome to an exit code and at most one error line.</summary>
public static class CliApp
{
    /// <summary>Options every command accepts.</summary>
    public sealed record GlobalOptions(Option<string?> Server, Option<string?> Profile, Option<bool> Json);

    public static RootCommand BuildRoot(CliContext context)
    {
        var globals = new GlobalOptions(
            new Option<string?>("--server") { Description = "Server URL, overriding the profile's", Recursive = true },
            new Option<string?>("--profile") { Description = "Profile to use (see 'liaison login')", Recursive = true },
            new Option<bool>("--json") { Description = "Print JSON instead of tables", Recursive = true });
        var root = new RootCommand("Liaison: the joint security coordination mechanism's server and client.");
        root.Options.Add(globals.Server);
        root.Options.Add(globals.Profile);
        root.Options.Add(globals.Json);
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(AdminCommands.Create(context, globals));
        root.Subcommands.Add(ConfigCommands.Create(context));
        root.Subcommands.Add(LoginCommand.Create(context, globals));
        root.Subcommands.Add(KeysCommands.Create(context, globals));
        root.Subcommands.Add(EntriesCommands.Create(context, globals));
        root.Subcommands.Add(ConformanceCommand.Create(context, globals));
        root.Subcommands.Add(VerifyCommand.Create(context, globals));
        root.Subcommands.Add(BundleCommands.Create(context, globals));
        root.Subcommands.Add(ReplayCommand.Create(context, globals));
        root.Subcommands.Add(OfflineCommands.Create(context, globals));
        root.Subcommands.Add(WatchCommand.Create(context, globals));
        root.Subcommands.Add(NoticeCommands.Create(context, globals));
        root.Subcommands.Add(DisputeCommands.Create(context, globals));
        root.Subcommands.Add(VerificationCommands.Create(context, globals));
        root.Subcommands.Add(IncidentCommands.Create(context, globals));
        foreach (var command in HotlineCommands.Create(context, globals))
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(AttachmentCommands.Create(context, globals));
        root.Subcommands.Add(WitnessCommand.Create(context, globals));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            await context.Err.WriteLineAsync($"liaison: {parse.Errors[0].Message} (see 'liaison --help')");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Err, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (CliFailure failure)
        {
            await context.Err.WriteLineAsync($"liaison: {failure.Message}");
            return failure.ExitCode;
        }
    }
}
