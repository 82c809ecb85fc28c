using System.CommandLine;
using System.Text.Json;
using Liaison.Cli.Client;
using Liaison.Domain.Mechanism;
using Liaison.Features;
using Liaison.Features.Bootstrap;
using Liaison.Features.Data;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Liaison.Cli.Commands;

/// <summary><c>liaison admin init --config FILE --data DIR</c>: establishes a mechanism in an empty data folder.</summary>
public static class AdminCommands
{
    public static Command Create(CliContext context, CliApp.GlobalOptions globals)
    {
        var config = new Option<string>("--config") { Description = "The mechanism's configuration file", Required = true };
        var data = new Option<string>("--data") { Description = "The new data folder", DefaultValueFactory = _ => "liaison-data" };
        var init = new Command("init", "Establish a mechanism: each party's root key and first administrator") { config, data };
        init.SetAction((parse, cancellationToken) => InitAsync(context, parse.GetValue(config)!, parse.GetValue(data)!, parse.GetValue(globals.Json), cancellationToken));
        return new Command("admin", "Administer a mechanism's data folder") { init };
    }

    private static async Task<int> InitAsync(CliContext context, string configPath, string data, bool json, CancellationToken cancellationToken)
    {
        var config = MechanismConfigLoader.Load(configPath);
        if (!config.IsSuccess)
        {
            throw new CliFailure(config.Error.Detail);
        }

        var folder = new DataFolder(Path.GetFullPath(data));
        Directory.CreateDirectory(folder.Root);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(context.Time);
        services.AddLiaisonFeatures(_ => DatabaseSetup.SqliteConnectionString(folder.Root));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<InitMechanism>().HandleAsync(config.Value, configPath, folder, cancellationToken);
        if (!result.IsSuccess)
        {
            throw new CliFailure(result.Error.Detail);
        }

        if (json)
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(result.Value, JsonSerializerOptions.Web));
            return ExitCodes.Ok;
        }

        context.Console.MarkupLineInterpolated($"Established [bold]{config.Value.Name}[/] ({result.Value.MechanismId}) in {folder.Root}; configuration SHA-256 {result.Value.ConfigSha256}.");
        var table = new Table().AddColumns("Party", "Administrator", "Password (shown once)", "Key file");
        foreach (var admin in result.Value.Administrators)
        {
            table.AddRow(admin.Party, Markup.Escape(admin.UserName), Markup.Escape(admin.Password), Markup.Escape(admin.KeyFile));
        }

        context.Console.Write(table);
        context.Console.WriteLine("Root keys (move them offline; they enrol administrators):");
        foreach (var file in result.Value.RootKeyFiles)
        {
            context.Console.WriteLine("  " + file);
        }

        return ExitCodes.Ok;
    }
}
