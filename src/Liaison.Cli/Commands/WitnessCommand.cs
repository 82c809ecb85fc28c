using System.CommandLine;
using System.Text.Json;
using Liaison.Cli.Client;
using Liaison.Cli.Witness;
using Liaison.Domain.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison witness init --name NAME --data DIR</c>: makes the witness's cosignature key and prints its vkey.
/// <c>liaison witness serve --data DIR --log ORIGIN=VKEY [--log ...] [--urls URL]</c>: serves C2SP tlog-witness
/// add-checkpoint for those logs, keeping its state in DIR and writing evidence of forks to DIR/forks.log.
/// </summary>
public static class WitnessCommand
{
    public static Command Create(CliContext context, CliApp.GlobalOptions globals)
    {
        var witness = new Command("witness", "This party's witness: cosign the joint record's checkpoints that are consistent with those it cosigned before");

        var name = new Option<string>("--name") { Description = "The witness's name, e.g. witness.isr.example", Required = true };
        var initData = new Option<string>("--data") { Description = "The witness's folder (created if missing); the key goes to DIR/witness.skey", Required = true };
        var init = new Command("init", "Make the witness's cosignature key and print its verifier key for the log operator") { name, initData };
        init.SetAction((parse, _) => InitAsync(context, parse.GetValue(name)!, parse.GetValue(initData)!, parse.GetValue(globals.Json)));
        witness.Subcommands.Add(init);

        var serveData = new Option<string>("--data") { Description = "The witness's folder, made by 'liaison witness init'", Required = true };
        var logs = new Option<string[]>("--log") { Description = "A log to witness, as ORIGIN=VKEY (the log's Ed25519 verifier key); repeat for more logs or keys", Required = true };
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => WitnessServer.DefaultUrl };
        var serve = new Command("serve", "Serve add-checkpoint (C2SP tlog-witness) and GET /state") { serveData, logs, urls };
        serve.SetAction((parse, cancellationToken) => ServeAsync(context, parse.GetValue(serveData)!, parse.GetValue(logs)!, parse.GetValue(urls)!, cancellationToken));
        witness.Subcommands.Add(serve);
        return witness;
    }

    private static async Task<int> InitAsync(CliContext context, string name, string data, bool json)
    {
        var directory = Path.GetFullPath(data);
        var created = WitnessKeyFile.Create(directory, name);
        if (!created.IsSuccess)
        {
            throw Failure(created.Error);
        }

        var vkey = created.Value.ToString();
        var keyFile = WitnessKeyFile.PathIn(directory);
        if (json)
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(new { name, vkey, keyFile }, JsonSerializerOptions.Web));
            return ExitCodes.Ok;
        }

        await context.Out.WriteLineAsync($"Made the witness key {name} in {keyFile} (readable by you only; back it up).");
        await context.Out.WriteLineAsync("Give the log operator this cosignature verifier key:");
        await context.Out.WriteLineAsync(vkey);
        return ExitCodes.Ok;
    }

    private static async Task<int> ServeAsync(CliContext context, string data, string[] logSpecifications, string urls, CancellationToken cancellationToken)
    {
        var logs = WitnessLogs.Parse(logSpecifications);
        if (!logs.IsSuccess)
        {
            throw new CliFailure(logs.Error.Detail, ExitCodes.Usage);
        }

        var directory = Path.GetFullPath(data);
        var built = WitnessServer.Build(new WitnessServerOptions(directory, logs.Value, urls) { Time = context.Time });
        if (!built.IsSuccess)
        {
            throw Failure(built.Error);
        }

        await using var app = built.Value;
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            throw new CliFailure($"cannot listen on {urls}: {ex.Message}");
        }

        var url = app.Urls.First().TrimEnd('/');
        var state = app.Services.GetRequiredService<WitnessService>().State();
        await context.Out.WriteLineAsync($"Witness {state.Name} is serving {url}/add-checkpoint for {logs.Value.Count} log(s) (data: {directory}).");
        await context.Out.WriteLineAsync($"Its cosignature verifier key: {state.VerifierKey}");
        foreach (var log in state.Logs.Where(l => l.Followed))
        {
            await context.Out.WriteLineAsync($"  {log.Origin}: cosigned size {log.Size}");
        }

        await context.Out.WriteLineAsync($"Forks are logged as errors and recorded in {Path.Combine(directory, WitnessState.ForksFile)}. Press Ctrl+C to stop.");
        await app.WaitForShutdownAsync(cancellationToken);
        return ExitCodes.Ok;
    }

    // A bad name is a usage error; a key or state on disk that is missing, taken or invalid is a failure.
    private static CliFailure Failure(Error error) => new(error.Detail, error.Code == "witness-name-invalid" ? ExitCodes.Usage : ExitCodes.Failed);
}
