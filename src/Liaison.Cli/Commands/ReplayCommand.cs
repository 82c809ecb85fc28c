using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Liaison.Cli.Client;
using Liaison.Domain.Entries;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;
using Liaison.Domain.Record;
using Liaison.Domain.Zones;
using Liaison.Features.Bootstrap;
using Liaison.Features.Data;
using Liaison.Features.Disputes;
using Liaison.Features.Hotline;
using Liaison.Features.Incidents;
using Liaison.Features.Log;
using Liaison.Features.Mechanism;
using Liaison.Features.Notices;
using Liaison.Features.Replay;
using Liaison.Features.VerificationVisits;
using Liaison.Web.Api;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison replay [--config FILE] | --data DIR [--party CODE]</c>: folds every projection afresh from the record's
/// entries the viewer may read (from a server, your party; from a data folder, <c>--party</c> or the convener), renders what the
/// server shows the viewer of each, and compares each projection's digest with the server's (its live books) or, for a
/// data folder, with the books the server loads from it and its keys table. Exits 1 naming the projections that differ.
/// </summary>
public static class ReplayCommand
{
    public static Command Create(CliContext context, CliApp.GlobalOptions globals)
    {
        var data = new Option<string?>("--data") { Description = "Replay a server's data folder instead of asking a server" };
        var config = new Option<string?>("--config") { Description = "The mechanism's configuration file (default: a bundled one with the SHA-256 the record names)" };
        var party = new Option<string?>("--party") { Description = "With --data: whose view to digest (default: the convener's)" };
        var command = new Command("replay", "Recompute every projection from the entries and compare its digest with the server's") { data, config, party };
        command.SetAction((parse, cancellationToken) => parse.GetValue(data) is { } folder
            ? FromDataAsync(context, globals, parse, folder, parse.GetValue(party), cancellationToken)
            : FromServerAsync(context, globals, parse, parse.GetValue(config), cancellationToken));
        return command;
    }

    private static async Task<int> FromServerAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, string? configFile, CancellationToken cancellationToken)
    {
        var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        using var client = context.ClientFor(profile);
        var mechanism = await client.GetAsync<MechanismView>("/api/v1/mechanism", cancellationToken);

        // The state first: it pins the size, and the entries listed afterwards cover it.
        var server = await client.GetAsync<RecordStateView>("/api/v1/log/state", cancellationToken);
        var viewer = server.Viewer ?? (await client.GetAsync<MeView>("/api/v1/me", cancellationToken)).Party;
        var entries = (await client.GetAllEntriesAsync(cancellationToken))
            .Where(e => e.Seq < server.Size)
            .Select(e => new ReplayEntry(e.Seq, e.Type, e.Author, e.KeyId, e.Payload is null ? null : Convert.FromBase64String(e.Payload), e.ServerTime))
            .ToList();
        if (entries.Count != server.Size)
        {
            throw new CliFailure($"the server listed {entries.Count} entries below the size {server.Size} it pinned the state at.");
        }

        var establishment = Establishment(entries);
        var recordedSha256 = establishment is { } body && body.TryGetProperty("configSha256", out var sha) && sha.ValueKind == JsonValueKind.String ? sha.GetString() : null;
        var (config, zones) = Recorded(LoadConfiguration(configFile, recordedSha256 ?? mechanism.ConfigSha256), establishment);
        var replayed = RecordFold.Fold(config, zones, entries).DigestFor(config, Viewer(config, viewer));
        return await ReportAsync(context, parse, globals, replayed, server.ToDigest(), "the server", server.Source);
    }

    private static async Task<int> FromDataAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, string data, string? party, CancellationToken cancellationToken)
    {
        var folder = new DataFolder(Path.GetFullPath(data));
        var configFile = folder.FindConfigFile();
        if (!File.Exists(folder.Database) || configFile is null)
        {
            throw new CliFailure($"{folder.Root} is not a Liaison data folder.", ExitCodes.Usage);
        }

        var options = new DbContextOptionsBuilder<LiaisonDbContext>();
        DatabaseSetup.Configure(options, DatabaseSetup.SqliteConnectionString(folder.Root));
        await using var db = new LiaisonDbContext(options.Options);
        var loaded = Load(configFile);
        var viewer = Viewer(loaded.Config, party ?? loaded.Config.Convener.Code.Value);

        // The entries the viewer may read, as the server would serve them; the establish entry is addressed to every party.
        var entries = await RecordFold.ReadableEntriesAsync(db, viewer, cancellationToken);
        var (config, zones) = Recorded(loaded, Establishment(entries));
        var replayed = RecordFold.Fold(config, zones, entries).DigestFor(config, viewer);
        var stored = await StoredAsync(db, new FolderContexts(options.Options), config, viewer, replayed, cancellationToken);
        return await ReportAsync(context, parse, globals, replayed, stored, "the stored projections", "load");
    }

    /// <summary>
    /// What the server would serve from this folder: its keys table, and each book as the server loads it at start-up
    /// (party from the users table, not from keys), rendered for <paramref name="viewer"/> at the replay's size and time.
    /// </summary>
    private static async Task<RecordDigest> StoredAsync(LiaisonDbContext db, FolderContexts contexts, MechanismConfig config, PartyCode viewer, RecordDigest replayed, CancellationToken cancellationToken)
    {
        var established = new EstablishedMechanism();
        established.Set(config);
        var now = replayed.AsOf ?? DateTimeOffset.MinValue;
        var keys = await RecordProjections.KeysAsync(db, config.Id, replayed.Size, cancellationToken);
        using var incidents = new IncidentBook(established, contexts);
        return replayed with
        {
            Projections =
            [
                ProjectionViews.Keys(keys),
                ProjectionViews.Hotline(await new HotlineBook(established, contexts).StateAsync(cancellationToken), viewer),
                await new NoticeBook(established, contexts).ReadAsync(viewer, (board, durable) => ProjectionViews.Notices(board, durable, viewer, now), cancellationToken),
                await incidents.ReadAsync((register, durable) => ProjectionViews.Incidents(register, durable, viewer, config.Deadlines, now), cancellationToken),
                ProjectionViews.Disputes(await new DisputeBook(established, contexts).StateAsync(cancellationToken), config, viewer, now),
                ProjectionViews.Verification(await new VerificationBook(established, contexts).StateAsync(cancellationToken), config, viewer, now),
            ],
        };
    }

    private static async Task<int> ReportAsync(CliContext context, ParseResult parse, CliApp.GlobalOptions globals, RecordDigest replayed, RecordDigest other, string otherName, string? source)
    {
        var digest = replayed.Overall();
        var compared = other.Overall();
        var rows = replayed.Projections.Select(p => (Projection: p, Other: other.Find(p.Name))).ToList();
        var mismatched = rows.Where(r => r.Other?.Digest != r.Projection.Digest).Select(r => r.Projection.Name).ToList();
        var match = digest == compared && mismatched.Count == 0;
        var keys = replayed.Find(ProjectionNames.Keys)?.Count ?? 0;
        if (parse.GetValue(globals.Json))
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(
                new
                {
                    replayed.Mechanism,
                    replayed.Size,
                    keys,
                    digest,
                    compared,
                    match,
                    replayed.Viewer,
                    replayed.AsOf,
                    source,
                    projections = rows.Select(r => new { r.Projection.Name, r.Projection.Count, r.Projection.Digest, compared = r.Other?.Digest, match = r.Other?.Digest == r.Projection.Digest }),
                    mismatched,
                },
                JsonSerializerOptions.Web));
        }
        else
        {
            var asOf = replayed.AsOf is { } at ? at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", CultureInfo.InvariantCulture) : "the start";
            await context.Out.WriteLineAsync($"Replayed {replayed.Size} entries of {replayed.Mechanism} as {replayed.Viewer}, as of {asOf}: {keys} keys; compared with {Source(otherName, source)}.");
            foreach (var (projection, theirs) in rows)
            {
                var verdict = theirs?.Digest == projection.Digest ? "match" : $"MISMATCH ({otherName}: {theirs?.Digest ?? "none"})";
                await context.Out.WriteLineAsync($"  {projection.Name,-12} {projection.Count,6}  {projection.Digest}  {verdict}");
            }

            await context.Out.WriteLineAsync($"state digest {digest}");
            await context.Out.WriteLineAsync($"{otherName,-8}: {compared} ({(match ? "match" : "MISMATCH")})");
        }

        if (!match)
        {
            var named = mismatched.Count > 0 ? $" in {string.Join(", ", mismatched)}" : string.Empty;
            await context.Err.WriteLineAsync($"liaison: the state replayed from the entries differs from {otherName}{named}.");
            return ExitCodes.Failed;
        }

        return ExitCodes.Ok;
    }

    private static string Source(string otherName, string? source) => source switch
    {
        "live" => "the server's live books",
        "fold" => "the server's fresh fold (its live books could not be pinned)",
        "load" => "the books as the server loads this folder, and its keys table",
        _ => otherName,
    };

    private static PartyCode Viewer(MechanismConfig config, string code) =>
        PartyCode.TryParse(code.ToUpperInvariant(), out var party) && config.FindParty(party) is not null
            ? party
            : throw new CliFailure($"'{code}' is not a party of {config.Id}.", ExitCodes.Usage);

    /// <summary>The body of the signed <c>mechanism.establish</c> entry (configuration and zone files' SHA-256), if the viewer may read it.</summary>
    private static JsonElement? Establishment(IEnumerable<ReplayEntry> entries)
    {
        var establish = entries.FirstOrDefault(e => e.Type == EntryTypes.MechanismEstablish && e.Payload is not null);
        return establish is not null && EntryPayload.Parse(establish.Payload) is { IsSuccess: true } header ? header.Value.Body : null;
    }

    /// <summary>The configuration and zones, once the zone files are shown to be those the establish entry recorded.</summary>
    private static (MechanismConfig Config, ZoneAtlas Zones) Recorded((MechanismConfig Config, ZoneAtlas Zones) loaded, JsonElement? establishment)
    {
        var check = establishment is { } body ? ZoneFiles.CheckRecorded(loaded.Config, body) : Domain.Common.Unit.Value;
        return check.IsSuccess ? loaded : throw new CliFailure(check.Error.Detail, ExitCodes.Usage);
    }

    /// <summary>
    /// The configuration the record was established with: <paramref name="file"/>, which must hash to
    /// <paramref name="sha256"/>, or else the configuration bundled with the CLI that does.
    /// </summary>
    private static (MechanismConfig Config, ZoneAtlas Zones) LoadConfiguration(string? file, string sha256)
    {
        if (file is not null)
        {
            var actual = Sha256Of(file);
            return actual == sha256
                ? Load(file)
                : throw new CliFailure($"{file} is not the configuration the mechanism was established with (SHA-256 {actual}, recorded {sha256}).", ExitCodes.Usage);
        }

        var bundled = Path.Combine(AppContext.BaseDirectory, "config");
        var match = Directory.Exists(bundled) ? Directory.GetFiles(bundled, "*.json").Order(StringComparer.Ordinal).FirstOrDefault(f => Sha256Of(f) == sha256) : null;
        return match is not null
            ? Load(match)
            : throw new CliFailure($"no configuration with SHA-256 {sha256} (the one the mechanism was established with) to fold the projections with: give it with --config FILE.", ExitCodes.Usage);
    }

    private static (MechanismConfig Config, ZoneAtlas Zones) Load(string file)
    {
        if (!File.Exists(file))
        {
            throw new CliFailure($"{file} does not exist.", ExitCodes.Usage);
        }

        var config = MechanismConfigLoader.Load(file);
        if (!config.IsSuccess)
        {
            throw new CliFailure(config.Error.Detail);
        }

        var zones = ZoneFiles.Load(config.Value);
        return zones.IsSuccess ? (config.Value, zones.Value) : throw new CliFailure(zones.Error.Detail);
    }

    private static string Sha256Of(string file) =>
        File.Exists(file) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))) : string.Empty;

    /// <summary>Contexts on a data folder's database, for the books to load it as the server does.</summary>
    private sealed class FolderContexts(DbContextOptions<LiaisonDbContext> options) : IDbContextFactory<LiaisonDbContext>
    {
        public LiaisonDbContext CreateDbContext() => new(options);
    }
}
