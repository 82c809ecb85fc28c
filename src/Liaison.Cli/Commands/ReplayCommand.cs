using System.CommandLine;
using System.Text.Json;
using Liaison.Cli.Client;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Record;
using Liaison.Features.Bootstrap;
using Liaison.Features.Data;
using Liaison.Features.Log;
using Liaison.Web.Api;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison replay [--data DIR]</c>: recomputes the record's state from its entries alone (from a server, as your
/// party sees it, or from a data folder) and compares its digest with the server's own projections.
/// </summary>
public static class ReplayCommand
{
    public static Command Create(CliContext context, CliApp.GlobalOptions globals)
    {
        var data = new Option<string?>("--data") { Description = "Replay a server's data folder instead of asking a server" };
        var command = new Command("replay", "Recompute the record's state from its entries and compare the digest with the server's") { data };
        command.SetAction((parse, cancellationToken) => parse.GetValue(data) is { } folder
            ? FromDataAsync(context, globals, parse, folder, cancellationToken)
            : FromServerAsync(context, globals, parse, cancellationToken));
        return command;
    }

    private static async Task<int> FromServerAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, CancellationToken cancellationToken)
    {
        var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        using var client = context.ClientFor(profile);
        var mechanism = await client.GetAsync<MechanismView>("/api/v1/mechanism", cancellationToken);
        var convener = mechanism.Parties.Single(p => p.Kind == "convener").Code;
        var entries = (await client.GetAllEntriesAsync(cancellationToken))
            .Select(e => new ReplayEntry(e.Seq, e.Type, e.Author, e.KeyId, e.Payload is null ? null : Convert.FromBase64String(e.Payload)))
            .ToList();
        var server = await client.GetAsync<RecordStateView>("/api/v1/log/state", cancellationToken);
        var replayed = RecordReplay.Replay(mechanism.Id, convener, entries.Where(e => e.Seq < server.Size));
        return await ReportAsync(context, parse, globals, replayed, replayed.Digest(), server.Digest, "the server");
    }

    private static async Task<int> FromDataAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, string data, CancellationToken cancellationToken)
    {
        var folder = new DataFolder(Path.GetFullPath(data));
        var configFile = folder.FindConfigFile();
        if (!File.Exists(folder.Database) || configFile is null)
        {
            throw new CliFailure($"{folder.Root} is not a Liaison data folder.", ExitCodes.Usage);
        }

        var config = MechanismConfigLoader.Load(configFile);
        if (!config.IsSuccess)
        {
            throw new CliFailure(config.Error.Detail);
        }

        var options = new DbContextOptionsBuilder<LiaisonDbContext>();
        DatabaseSetup.Configure(options, DatabaseSetup.SqliteConnectionString(folder.Root));
        await using var db = new LiaisonDbContext(options.Options);
        var entries = await db.Entries.AsNoTracking().OrderBy(e => e.Seq).Select(e => new ReplayEntry(e.Seq, e.Type, e.Author, e.KeyId, e.Payload)).ToListAsync(cancellationToken);
        var replayed = RecordReplay.Replay(config.Value.Id, config.Value.Convener.Code.Value, entries);
        var stored = await new RecordProjections(db).StateAsync(config.Value.Id, cancellationToken);
        return await ReportAsync(context, parse, globals, replayed, replayed.Digest(), stored.Digest(), "the stored projections");
    }

    private static async Task<int> ReportAsync(CliContext context, ParseResult parse, CliApp.GlobalOptions globals, RecordState replayed, string digest, string other, string otherName)
    {
        var match = digest == other;
        if (parse.GetValue(globals.Json))
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(new { replayed.Mechanism, replayed.Size, keys = replayed.Keys.Count, digest, compared = other, match }, JsonSerializerOptions.Web));
        }
        else
        {
            await context.Out.WriteLineAsync($"Replayed {replayed.Size} entries of {replayed.Mechanism}: {replayed.Keys.Count} keys.");
            await context.Out.WriteLineAsync($"state digest {digest}");
            await context.Out.WriteLineAsync($"{otherName,-8}: {other} ({(match ? "match" : "MISMATCH")})");
        }

        if (!match)
        {
            await context.Err.WriteLineAsync($"liaison: the state replayed from the entries differs from {otherName}.");
            return ExitCodes.Failed;
        }

        return ExitCodes.Ok;
    }
}
