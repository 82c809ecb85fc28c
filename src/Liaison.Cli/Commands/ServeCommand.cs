using System.CommandLine;
using Liaison.Cli.Client;
using Liaison.Features.Bootstrap;
using Liaison.Web.Hosting;
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
            var folder = new DataFolder(dataDirectory);
            if (demo && File.Exists(folder.DemoCredentials))
            {
                PrintDemoUsers(context, folder, url);
            }

            context.Console.WriteLine("Press Ctrl+C to stop.");
            await app.WaitForShutdownAsync(cancellationToken);
        }

        return ExitCodes.Ok;
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
