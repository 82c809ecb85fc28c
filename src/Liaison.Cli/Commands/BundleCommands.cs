using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Liaison.Cli.Client;
using Liaison.Features.Reconstruction;
using Liaison.Ledger.Notes;

namespace Liaison.Cli.Commands;

/// <summary>
/// Reconstruction bundles: <c>liaison bundle export (--seq N … | --incident ID) --out FILE</c> saves one from the server, and
/// <c>liaison verify --bundle FILE</c> (<see cref="VerifyAsync"/>) checks one offline, with no network, against the keys
/// the user trusts.
/// </summary>
public static class BundleCommands
{
    public static Command Create(CliContext context, CliApp.GlobalOptions globals)
    {
        var seqs = new Option<long[]>("--seq") { Description = "An entry to include, by its seq (repeat for more)", AllowMultipleArgumentsPerToken = true };
        var incident = new Option<long?>("--incident") { Description = "Instead of --seq: an incident, with every entry of its reconstruction" };
        var output = new Option<string>("--out", "-o") { Description = "The bundle file to write", Required = true };
        var export = new Command("export", "Save a bundle of entries your party may read, with inclusion proofs against the latest final checkpoint, key chains and attachments") { seqs, incident, output };
        export.Validators.Add(result =>
        {
            if ((result.GetValue(seqs) is { Length: > 0 }) == (result.GetValue(incident) is not null))
            {
                result.AddError("Name the entries with --seq N (repeat for more), or an incident with --incident ID.");
            }
        });
        export.SetAction((parse, cancellationToken) =>
        {
            var path = parse.GetValue(incident) is { } id
                ? "/api/v1/incidents/" + id.ToString(CultureInfo.InvariantCulture) + "/bundle"
                : "/api/v1/bundles?" + string.Join("&", parse.GetValue(seqs)!.Select(s => "seq=" + s.ToString(CultureInfo.InvariantCulture)));
            return ExportAsync(context, globals, parse, path, parse.GetValue(output)!, cancellationToken);
        });
        return new Command("bundle", "Reconstruction bundles: entries with everything needed to check them offline ('liaison verify --bundle FILE')") { export };
    }

    private static async Task<int> ExportAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, string path, string output, CancellationToken cancellationToken)
    {
        if (File.Exists(output))
        {
            throw new CliFailure($"'{output}' already exists; choose another --out.", ExitCodes.Usage);
        }

        var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        using var client = context.ClientFor(profile);
        var bytes = await client.GetBytesAsync(path, cancellationToken);
        var (bundle, problem) = ReconstructionBundle.Parse(bytes);
        if (bundle is null)
        {
            throw new CliFailure("the server sent something that is not a bundle: " + problem);
        }

        await File.WriteAllBytesAsync(output, bytes, cancellationToken);
        if (parse.GetValue(globals.Json))
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(new { file = output, entries = bundle.Entries.Select(e => e.Seq), keys = bundle.Keys.Count, attachments = bundle.Attachments.Count, bundle.Pending, bundle.Withheld }, JsonSerializerOptions.Web));
            return ExitCodes.Ok;
        }

        await context.Out.WriteLineAsync($"Saved {output}: {bundle.Entries.Count} entries, {bundle.Keys.Count} key entries, {bundle.Attachments.Count} attachments, against the final checkpoint of {bundle.Origin}.");
        if (bundle.Pending.Count > 0)
        {
            await context.Out.WriteLineAsync($"Left out, newer than the final checkpoint (export again later): {Seqs(bundle.Pending)}.");
        }

        if (bundle.Withheld.Count > 0)
        {
            await context.Out.WriteLineAsync($"Left out, not addressed to your party: {Seqs(bundle.Withheld)}.");
        }

        await context.Out.WriteLineAsync($"Check it offline with: liaison verify --bundle {output}");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Checks a bundle file offline. The log key is <paramref name="logKey"/>, else the one your last <c>liaison verify</c>
    /// of that log pinned, else (only with <paramref name="trustBundleKeys"/>) the bundle's own; the witness keys likewise
    /// (<paramref name="witnessKeys"/>, your last verify, else the bundle's, said as not pinned). Prints what it trusted
    /// and what it checked; exits 1 with a <c>FAIL</c> line per failure, the first failing entry or attachment first. A
    /// checkpoint of the size your last verify saw, with another root, is a fork, reported with both checkpoints.
    /// </summary>
    internal static async Task<int> VerifyAsync(CliContext context, bool json, string file, string? logKey, string[] witnessKeys, bool trustBundleKeys, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            throw new CliFailure($"there is no file '{file}'.", ExitCodes.Usage);
        }

        var (bundle, problem) = ReconstructionBundle.Parse(await File.ReadAllBytesAsync(file, cancellationToken));
        if (bundle is null)
        {
            await context.Err.WriteLineAsync("FAIL bundle: " + problem);
            return ExitCodes.Failed;
        }

        var (trust, saved) = ResolveTrust(context, bundle, logKey, witnessKeys, trustBundleKeys);
        var report = VerifyBundle.Verify(bundle, trust);
        var failures = report.Failures.Select(f => f.ToString()).ToList();
        if (saved is not null && saved.Origin == bundle.Origin && saved.Size == report.TreeSize && saved.RootHash != report.RootHash)
        {
            // Offline, only a checkpoint of the same size can be compared: two roots for one size are two histories.
            failures.Insert(0, $"checkpoint: FORK: the bundle's checkpoint of size {report.TreeSize} has root {report.RootHash}, the one you verified before has {saved.RootHash}.\n--- checkpoint you verified before ---\n{saved.Note}--- checkpoint in the bundle ---\n{bundle.Checkpoint}");
        }
        if (json)
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(
                new
                {
                    bundle.Origin,
                    bundle.Mechanism,
                    bundle.Subject,
                    bundle.ExportedBy,
                    trusted = new { logKey = trust.LogKey.ToString(), logKeySource = trust.LogKeySource, witnesses = trust.Witnesses.Select(w => w.ToString()), witnessesSource = trust.WitnessesSource },
                    report.TreeSize,
                    report.RootHash,
                    report.CosignedBy,
                    entries = report.Entries.Where(e => !e.IsKey),
                    report.KeyEntriesChecked,
                    report.AttachmentsChecked,
                    bundle.Pending,
                    bundle.Withheld,
                    passed = failures.Count == 0,
                    failures,
                },
                JsonSerializerOptions.Web));
        }
        else
        {
            await PrintAsync(context, bundle, trust, report, failures.Count);
        }

        foreach (var failure in failures)
        {
            await context.Err.WriteLineAsync("FAIL " + failure);
        }

        return failures.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static (BundleTrust Trust, VerifyCommand.VerifiedState? Saved) ResolveTrust(CliContext context, ReconstructionBundle bundle, string? logKey, string[] witnessKeys, bool trustBundleKeys)
    {
        var statePath = VerifyCommand.StatePath(context.ConfigDirectory, bundle.Origin);
        var saved = File.Exists(statePath) ? JsonSerializer.Deserialize<VerifyCommand.VerifiedState>(File.ReadAllText(statePath), JsonSerializerOptions.Web) : null;
        var (logText, logSource) = logKey is not null ? (logKey, "given with --log-key")
            : saved is not null ? (saved.Vkey, $"pinned by your last 'liaison verify' of {bundle.Origin}")
            : trustBundleKeys ? (bundle.LogKey, "named by the bundle itself (--trust-bundle-keys): check it against a key you got elsewhere")
            : throw new CliFailure($"no trusted log key for {bundle.Origin}: pass --log-key VKEY (the bundle names {bundle.LogKey}), run 'liaison verify' against its server once to pin it, or pass --trust-bundle-keys.", ExitCodes.Usage);
        var log = Parse(logText, "log key");

        var (witnessTexts, witnessSource) = witnessKeys.Length > 0 ? ((IReadOnlyList<string>)witnessKeys, "given with --witness-key")
            : saved?.Witnesses is { Count: > 0 } pinned ? (pinned, $"pinned by your last 'liaison verify' of {bundle.Origin}")
            : (bundle.Witnesses.Select(w => w.Vkey).ToList(), "named by the bundle, not pinned (pass --witness-key, or run 'liaison verify' to pin them)");
        return (new BundleTrust(log, logSource, witnessTexts.Select(w => Parse(w, "witness key")).ToList(), witnessSource), saved);
    }

    private static NoteVerifierKey Parse(string vkey, string what)
    {
        var parsed = NoteVerifierKey.Parse(vkey);
        return parsed.IsSuccess ? parsed.Value : throw new CliFailure($"the {what} '{vkey}' is not a vkey: {parsed.Error.Detail}", ExitCodes.Usage);
    }

    private static async Task PrintAsync(CliContext context, ReconstructionBundle bundle, BundleTrust trust, BundleReport report, int failures)
    {
        var subject = bundle.Subject.Id is { } id ? $"{bundle.Subject.Kind} {id.ToString(CultureInfo.InvariantCulture)}" : bundle.Subject.Kind;
        await context.Out.WriteLineAsync($"Bundle of {bundle.Mechanism} ({subject}), exported by {bundle.ExportedBy.User} ({bundle.ExportedBy.Party}) at {bundle.ExportedAt.ToString("u", CultureInfo.InvariantCulture)}.");
        await context.Out.WriteLineAsync($"Trusted log key {trust.LogKey.Name}+{trust.LogKey.KeyId.ToString("x8", CultureInfo.InvariantCulture)}: {trust.LogKeySource}.");
        await context.Out.WriteLineAsync($"Trusted witness keys {string.Join(", ", trust.Witnesses.Select(w => w.Name))}: {trust.WitnessesSource}.");
        if (report.TreeSize == 0 && !report.Passed)
        {
            return;
        }

        await context.Out.WriteLineAsync($"Checkpoint {report.Origin} size {report.TreeSize}, root {report.RootHash}: signed by the log, cosigned by {string.Join(", ", report.CosignedBy)} (final).");
        var entries = report.Entries.Where(e => !e.IsKey).ToList();
        await context.Out.WriteLineAsync($"{entries.Count} of {bundle.Entries.Count} entries checked (payload, leaf hash, inclusion proof, signature, key chain through {report.KeyEntriesChecked} key entries); {report.AttachmentsChecked} attachments checked (SHA-256, size).");
        foreach (var entry in entries.OrderBy(e => e.ServerTime).ThenBy(e => e.Seq))
        {
            await context.Out.WriteLineAsync($"  {entry.Seq,6}  {entry.ServerTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}  {entry.Type,-24} {entry.Author}");
        }

        if (bundle.Pending.Count > 0)
        {
            await context.Out.WriteLineAsync($"Not in the bundle, newer than its checkpoint: {Seqs(bundle.Pending)}.");
        }

        if (bundle.Withheld.Count > 0)
        {
            await context.Out.WriteLineAsync($"Not in the bundle, not addressed to {bundle.ExportedBy.Party}: {Seqs(bundle.Withheld)}.");
        }

        await context.Out.WriteLineAsync(failures == 0 ? "The bundle verifies." : $"The bundle does NOT verify: {failures} failure(s).");
    }

    private static string Seqs(IEnumerable<long> seqs) => string.Join(", ", seqs.Select(s => s.ToString(CultureInfo.InvariantCulture)));
}
