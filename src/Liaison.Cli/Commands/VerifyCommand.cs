using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Liaison.Cli.Client;
using Liaison.Features.Keys;
using Liaison.Features.Log;
using Liaison.Features.Verification;
using Liaison.Ledger.Checkpoints;
using Liaison.Ledger.Merkle;
using Liaison.Ledger.Notes;
using Liaison.Ledger.Tiles;
using Liaison.Web.Api;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison verify</c>: fetches the latest checkpoint and every tile, leaf and readable entry, recomputes the tree,
/// checks every signature and enrolment chain, and checks the checkpoint is consistent with the last one this user
/// verified. Exits 1 on any failure, naming what failed; reports a fork loudly with both checkpoints.
/// </summary>
public static class VerifyCommand
{
    /// <summary>What this user last verified of a log: kept so the next run can prove the log only grew.</summary>
    /// <param name="Origin">The log's origin.</param>
    /// <param name="Vkey">The log key trusted.</param>
    /// <param name="Size">The size of the checkpoint verified.</param>
    /// <param name="RootHash">Its root hash (base64).</param>
    /// <param name="Note">The checkpoint as a signed note.</param>
    /// <param name="Witnesses">The vkeys of the witnesses whose cosignatures make a checkpoint final, as the server named them (pinned for <c>verify --bundle</c>).</param>
    public sealed record VerifiedState(string Origin, string Vkey, long Size, string RootHash, string Note, IReadOnlyList<string>? Witnesses = null);

    public static Command Create(CliContext context, CliApp.GlobalOptions globals)
    {
        var logKey = new Option<string?>("--log-key") { Description = "The log's vkey, if you have it from elsewhere (otherwise it is pinned on first use)" };
        var bundle = new Option<string?>("--bundle") { Description = "Check a reconstruction bundle file offline instead of the server's record" };
        var witnessKeys = new Option<string[]>("--witness-key") { Description = "With --bundle: a witness vkey whose cosignature the checkpoint must carry (repeat for each)" };
        var trustBundleKeys = new Option<bool>("--trust-bundle-keys") { Description = "With --bundle and no pinned log key: trust the keys the bundle names (say where you checked them)" };
        var command = new Command("verify", "Verify the joint record: tree, leaves, signatures, enrolment chains, and consistency with your last check; or, with --bundle FILE, a reconstruction bundle offline") { logKey, bundle, witnessKeys, trustBundleKeys };
        command.SetAction((parse, cancellationToken) => parse.GetValue(bundle) is { } file
            ? BundleCommands.VerifyAsync(context, parse.GetValue(globals.Json), file, parse.GetValue(logKey), parse.GetValue(witnessKeys) ?? [], parse.GetValue(trustBundleKeys), cancellationToken)
            : RunAsync(context, globals, parse, parse.GetValue(logKey), cancellationToken));
        return command;
    }

    /// <summary>Where <c>liaison verify</c> keeps what it last verified of the log <paramref name="origin"/>.</summary>
    internal static string StatePath(string configDirectory, string origin) => Path.Combine(configDirectory, "verify", Sanitize(origin) + ".json");

    private static async Task<int> RunAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, string? pinnedKey, CancellationToken cancellationToken)
    {
        var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        using var client = context.ClientFor(profile);
        var identity = await client.GetAsync<LogKeyView>("/api/v1/log/key", cancellationToken);
        var statePath = StatePath(context.ConfigDirectory, identity.Origin);
        var previous = File.Exists(statePath) ? JsonSerializer.Deserialize<VerifiedState>(await File.ReadAllTextAsync(statePath, cancellationToken), JsonSerializerOptions.Web) : null;
        var trusted = pinnedKey ?? previous?.Vkey ?? identity.Vkey;
        if (trusted != identity.Vkey)
        {
            throw new CliFailure($"the log's key changed: the server now shows {identity.Vkey}, you trust {trusted}.");
        }

        var logVkey = NoteVerifierKey.Parse(trusted);
        if (!logVkey.IsSuccess)
        {
            throw new CliFailure($"the log key is not a vkey: {logVkey.Error.Detail}");
        }

        var witnessKeys = identity.Witnesses.Select(w => NoteVerifierKey.Parse(w.Vkey)).Where(k => k.IsSuccess).Select(k => k.Value).ToList();
        var note = Encoding.UTF8.GetString(await client.GetBytesAsync("/log/checkpoint", cancellationToken));
        var opened = SignedCheckpoint.Open(note, identity.Origin, [logVkey.Value, .. witnessKeys], logVkey.Value);
        if (!opened.IsSuccess)
        {
            throw new CliFailure($"checkpoint: {opened.Error.Detail}");
        }

        var checkpoint = opened.Value.Checkpoint;
        var size = (long)checkpoint.Size;
        var root = checkpoint.RootHash.ToArray();
        var cosigners = opened.Value.Note.Signatures.Select(s => s.Name).Where(n => n != logVkey.Value.Name).Distinct().ToList();

        var tiles = new Dictionary<TileId, byte[]>();
        foreach (var tile in TileLayout.Tiles(size))
        {
            tiles[tile] = await client.GetBytesAsync("/log/" + tile.Path, cancellationToken);
        }

        var leaves = new List<byte[]>();
        for (var first = 0L; first < size; first += TileLayout.FullWidth)
        {
            var bundle = TileLayout.EntryBundleFor(first, size)!.Value;
            var decoded = TileLayout.DecodeEntryBundle(await client.GetBytesAsync("/log/" + bundle.Path, cancellationToken));
            if (!decoded.IsSuccess)
            {
                throw new CliFailure($"{bundle.Path}: {decoded.Error.Detail}");
            }

            leaves.AddRange(decoded.Value);
        }

        var entries = (await client.GetAllEntriesAsync(cancellationToken)).Where(e => e.Seq < size).ToList();

        var report = RecordAudit.Audit(size, root, tiles, leaves, entries);
        var failures = report.Failures.Select(f => f.ToString()).ToList();
        var fork = await CheckConsistencyAsync(client, previous, size, root, note, leaves, cancellationToken);
        if (fork is not null)
        {
            failures.Insert(0, fork);
        }

        if (failures.Count == 0)
        {
            OwnerOnlyFiles.WriteAllText(statePath, JsonSerializer.Serialize(new VerifiedState(identity.Origin, trusted, size, Convert.ToBase64String(root), note, identity.Witnesses.Where(w => identity.RequiredWitnesses.Contains(w.Name)).Select(w => w.Vkey).ToList()), JsonSerializerOptions.Web), overwrite: true);
        }

        var final = identity.RequiredWitnesses.Count > 0 && identity.RequiredWitnesses.All(cosigners.Contains);
        if (parse.GetValue(globals.Json))
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(new { report.TreeSize, report.RootHash, report.LeavesChecked, report.PayloadsChecked, report.PayloadsHidden, cosignedBy = cosigners, final, failures }, JsonSerializerOptions.Web));
        }
        else
        {
            await context.Out.WriteLineAsync($"Checkpoint {identity.Origin} size {size}, root {report.RootHash}; cosigned by {(cosigners.Count == 0 ? "no witness" : string.Join(", ", cosigners))}{(final ? " (final)" : " (not final)")}.");
            await context.Out.WriteLineAsync($"{report.LeavesChecked} leaves checked against the tree; {report.PayloadsChecked} readable entries checked (payload, signature, enrolment chain); {report.PayloadsHidden} entries not addressed to your party.");
            if (previous is not null && fork is null)
            {
                await context.Out.WriteLineAsync($"Consistent with the checkpoint of size {previous.Size} you verified before.");
            }
        }

        if (failures.Count == 0)
        {
            return ExitCodes.Ok;
        }

        foreach (var failure in failures)
        {
            await context.Err.WriteLineAsync("FAIL " + failure);
        }

        return ExitCodes.Failed;
    }

    /// <summary>Null when the new checkpoint extends the one verified before; otherwise the fork, with both checkpoints as evidence.</summary>
    private static async Task<string?> CheckConsistencyAsync(LiaisonClient client, VerifiedState? previous, long size, byte[] root, string note, IReadOnlyList<byte[]> leaves, CancellationToken cancellationToken)
    {
        if (previous is null)
        {
            return null;
        }

        var previousRoot = Convert.FromBase64String(previous.RootHash);

        // The served leaves also say what the server's history now holds at the size verified before: the third piece of evidence.
        string ServedAtPreviousSize() => previous.Size < size && previous.Size <= leaves.Count
            ? $"--- the tree served now, cut at size {previous.Size}, has root {Convert.ToBase64String(MerkleTree.Root([.. leaves.Take((int)previous.Size).Select(leaf => Rfc6962.HashLeaf(leaf))]))} ---\n"
            : string.Empty;
        string Evidence() => $"FORK: the log shows two histories that cannot both be true.\n--- checkpoint you verified before ---\n{previous.Note}--- checkpoint served now ---\n{note}{ServedAtPreviousSize()}";
        if (size < previous.Size || (size == previous.Size && !root.AsSpan().SequenceEqual(previousRoot)))
        {
            return Evidence();
        }

        if (size == previous.Size)
        {
            return null;
        }

        var proof = await client.GetAsync<ConsistencyProofView>(string.Create(CultureInfo.InvariantCulture, $"/api/v1/log/proof/consistency?from={previous.Size}&to={size}"), cancellationToken);
        var verified = MerkleTree.VerifyConsistency(previous.Size, size, previousRoot, root, proof.Hashes.Select(Convert.FromBase64String).ToList());
        return verified.IsSuccess ? null : Evidence();
    }

    private static string Sanitize(string origin) => string.Concat(origin.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
}
