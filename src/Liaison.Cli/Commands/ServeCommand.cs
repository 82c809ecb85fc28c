using System.CommandLine;
using Liaison.Cli.Client;
using Liaison.Cli.Witness;
using Liaison.Domain.Parties;
using Liaison.Features.Bootstrap;
using Liaison.Features.Log;
using Liaison.Features.Mechanism;
using Liaison.Ledger.Witness;
using Liaison.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Profile = Liaison.Cli.Client.Profile;

namespace Liaison.Cli.Commands;

/// <summary><c>liaison serve [--demo] [--data DIR] [--urls URL]</c>: runs the server on embedded SQLite.</summary>
public static class ServeCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static Command Create(CliContext context)
    {
        var demo = new Option<bool>("--demo") { Description = "Establish the Israel–Syria demo mechanism in an empty data folder, with demo users and CLI profiles" };
        var data = new Option<string>("--data") { Description = "Data folder (created if missing, reused if present)", DefaultValueFactory = _ => "liaison-data" };
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => DefaultUrl };
        var config = new Option<string?>("--config") { Description = "With --demo: establish this configuration instead of the shipped demo" };
        var command = new Command("serve", "Run the server") { demo, data, urls, config };
        command.SetAction((parse, cancellationToken) => RunAsync(context, parse.GetValue(demo), parse.GetValue(data)!, parse.GetValue(urls)!, parse.GetValue(config), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, bool demo, string data, string urls, string? config, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.GetFullPath(data);
        var settings = new Dictionary<string, string?>
        {
            ["Liaison:Data"] = dataDirectory,
            ["Liaison:Demo"] = demo ? "true" : "false",
            ["Liaison:DemoConfig"] = config is null ? null : Path.GetFullPath(config),
        };
        var app = LiaisonWebHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls(urls);
        });
        await using (app)
        {
            var prepared = await MechanismStartup.TryPrepareAsync(app.Services, cancellationToken);
            if (!prepared.IsSuccess)
            {
                throw new CliFailure(prepared.Error.Detail);
            }

            var folder = new DataFolder(dataDirectory);
            var witnesses = demo ? await StartDemoWitnessesAsync(prepared.Value, folder, cancellationToken) : [];
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException ex)
            {
                throw new CliFailure($"cannot listen on {urls}: {ex.Message}");
            }

            var url = urls.Split(';')[0].TrimEnd('/');
            context.Console.MarkupLineInterpolated($"Liaison is serving [bold]{prepared.Value.Config.Name}[/] at [link]{url}[/] (data: {dataDirectory}).");
            if (demo && File.Exists(folder.DemoCredentials))
            {
                PrintDemoUsers(context, folder, url);
            }

            foreach (var (party, witness) in witnesses)
            {
                context.Console.WriteLine($"Demo witness of {party} at {witness.Urls.First()} (state in {Path.Combine(folder.Root, "witnesses", party.ToLowerInvariant())}).");
            }

            context.Console.WriteLine("Press Ctrl+C to stop.");
            await app.WaitForShutdownAsync(cancellationToken);
            foreach (var (_, witness) in witnesses)
            {
                await witness.StopAsync(CancellationToken.None);
                await witness.DisposeAsync();
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// Starts one witness per party (kind party), each with its own key and state under <c>witnesses/</c>, on free
    /// loopback ports, and lists them in <c>witnesses.json</c> for the log. A real deployment runs <c>liaison witness</c>
    /// on each party's own machine instead.
    /// </summary>
    private static async Task<List<(string Party, WebApplication App)>> StartDemoWitnessesAsync(ServedMechanism mechanism, DataFolder folder, CancellationToken cancellationToken)
    {
        var started = new List<(string, WebApplication)>();
        var endpoints = new List<WitnessEndpoint>();
        foreach (var party in mechanism.Config.PartiesOfKind(PartyKind.Party))
        {
            var directory = Path.Combine(folder.Root, "witnesses", party.Code.Value.ToLowerInvariant());
            if (!File.Exists(WitnessKeyFile.PathIn(directory)))
            {
                var created = WitnessKeyFile.Create(directory, $"{party.Code.Value.ToLowerInvariant()}-witness.liaison.local");
                if (!created.IsSuccess)
                {
                    throw new CliFailure(created.Error.Detail);
                }
            }

            var app = WitnessServer.Build(new WitnessServerOptions(directory, [new WitnessedLog(mechanism.Origin, [mechanism.LogKey.VerifierKey])], "http://127.0.0.1:0"));
            if (!app.IsSuccess)
            {
                throw new CliFailure(app.Error.Detail);
            }

            await app.Value.StartAsync(cancellationToken);
            var signer = WitnessKeyFile.Load(directory);
            using (signer.Value)
            {
                endpoints.Add(new WitnessEndpoint(party.Code.Value, app.Value.Urls.First(), signer.Value.VerifierKey.ToString()));
            }

            started.Add((party.Code.Value, app.Value));
        }

        new WitnessDirectory(endpoints).Save(folder.WitnessesFile);
        return started;
    }

    private static void PrintDemoUsers(CliContext context, DataFolder folder, string url)
    {
        var credentials = DemoCredentials.Load(folder.DemoCredentials);
        if (!credentials.IsSuccess)
        {
            throw new CliFailure(credentials.Error.Detail);
        }

        var store = ProfileStore.Load(context.ConfigDirectory);
        foreach (var user in credentials.Value.Users)
        {
            store.Profiles[user.UserName] = new Profile(url, user.UserName, user.Token, user.KeyFile);
        }

        (store with { Default = store.Default ?? "isr-officer" }).Save(context.ConfigDirectory);

        var table = new Table().AddColumns("User (and CLI profile)", "Party", "Role", "Password");
        foreach (var user in credentials.Value.Users)
        {
            table.AddRow(Markup.Escape(user.UserName), user.Party, string.Join(", ", user.Roles), Markup.Escape(user.Password));
        }

        context.Console.Write(table);
        context.Console.MarkupLineInterpolated($"Sign in at [link]{url}/Account/SignIn[/] as any user above; the passwords are also in {folder.DemoCredentials}.");
        context.Console.MarkupLineInterpolated($"CLI profiles for every user are in {ProfileStore.FileIn(context.ConfigDirectory)}: e.g. 'liaison --profile isr-officer entries list'.");
    }
}
