using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Cli.Commands;

namespace Liaison.Cli.Tests.Reconstruction;

/// <summary>
/// <c>liaison bundle export</c> and <c>liaison verify --bundle</c> against the demo server, whose checkpoints both
/// parties' witnesses cosign: the bundle verifies offline with the keys <c>liaison verify</c> pinned, a byte changed in
/// the file fails naming the entry, and without a pinned log key the user must give one or say to trust the bundle's.
/// </summary>
[Collection(DemoServerCollection.Name)]
public sealed class BundleCliTests(DemoServerFixture server)
{
    [Fact]
    public async Task ExportThenVerifyBundle_WithPinnedKeys_VerifiesOfflineAndAChangedByteFailsNamingTheEntry()
    {
        using var folder = new TempFolder();
        var file = folder.Sub("bundle.json");
        var seqs = await StatementSeqsAsync();
        await WaitForFinalAsync(seqs.Max());

        var export = await server.RunAsync(["--profile", "syr-officer", "bundle", "export", "--seq", seqs[0].ToString(System.Globalization.CultureInfo.InvariantCulture), "--seq", seqs[1].ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", file]);
        var verified = await server.RunAsync(["verify", "--bundle", file]);
        var json = await server.RunAsync(["verify", "--bundle", file, "--json"]);
        await File.WriteAllTextAsync(folder.Sub("tampered.json"), ChangeOnePayloadByte(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken)), TestContext.Current.CancellationToken);
        var tampered = await server.RunAsync(["verify", "--bundle", folder.Sub("tampered.json")]);
        await File.WriteAllTextAsync(folder.Sub("cut.json"), (await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken))[..100], TestContext.Current.CancellationToken);
        var cut = await server.RunAsync(["verify", "--bundle", folder.Sub("cut.json")]);

        Assert.True(export.ExitCode == 0, export.Err);
        Assert.Contains("Saved " + file + ": 2 entries", export.Out, StringComparison.Ordinal);
        Assert.True(verified.ExitCode == 0, verified.Out + verified.Err);
        Assert.Contains("pinned by your last 'liaison verify'", verified.Out, StringComparison.Ordinal);
        Assert.Contains("(final)", verified.Out, StringComparison.Ordinal);
        Assert.EndsWith("The bundle verifies." + Environment.NewLine, verified.Out, StringComparison.Ordinal);
        var report = JsonDocument.Parse(json.Out).RootElement;
        Assert.True(report.GetProperty("passed").GetBoolean());
        Assert.Equal(seqs[..2], report.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()).Order());
        Assert.Equal(2, report.GetProperty("cosignedBy").GetArrayLength());
        Assert.Equal(1, tampered.ExitCode);
        Assert.StartsWith($"FAIL entry {seqs[0]}: its payload does not hash", tampered.ErrLines[0], StringComparison.Ordinal);
        Assert.Contains("does NOT verify", tampered.Out, StringComparison.Ordinal);
        Assert.Equal(1, cut.ExitCode);
        Assert.StartsWith("FAIL bundle: the file is not a bundle", cut.ErrLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyBundle_NoPinnedLogKey_RefusedUnlessGivenOrTrustedFromTheBundle()
    {
        using var folder = new TempFolder();
        var file = folder.Sub("bundle.json");
        var seqs = await StatementSeqsAsync();
        await WaitForFinalAsync(seqs[0]);
        var export = await server.RunAsync(["--profile", "isr-officer", "bundle", "export", "--seq", seqs[0].ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", file]);
        Assert.True(export.ExitCode == 0, export.Err);
        var logKey = JsonNode.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken))!["logKey"]!.GetValue<string>();
        var fresh = folder.Sub("fresh-config");
        Directory.CreateDirectory(fresh);

        var unpinned = await CliRun.RunAsync(fresh, ["verify", "--bundle", file]);
        var trusted = await CliRun.RunAsync(fresh, ["verify", "--bundle", file, "--trust-bundle-keys"]);
        var given = await CliRun.RunAsync(fresh, ["verify", "--bundle", file, "--log-key", logKey]);
        using var otherKey = Liaison.Ledger.Crypto.Ed25519PrivateKey.Generate();
        var otherVkey = Liaison.Ledger.Notes.NoteVerifierKey.ForEd25519(logKey.Split('+')[0], otherKey.PublicKey).ToString();
        var other = await CliRun.RunAsync(fresh, ["verify", "--bundle", file, "--log-key", otherVkey]);
        var missing = await CliRun.RunAsync(fresh, ["verify", "--bundle", folder.Sub("none.json")]);

        Assert.Equal(2, unpinned.ExitCode);
        Assert.Contains("no trusted log key", unpinned.Err, StringComparison.Ordinal);
        Assert.Contains(logKey, unpinned.Err, StringComparison.Ordinal);
        Assert.True(trusted.ExitCode == 0, trusted.Out + trusted.Err);
        Assert.Contains("named by the bundle itself (--trust-bundle-keys)", trusted.Out, StringComparison.Ordinal);
        Assert.Contains("named by the bundle, not pinned", trusted.Out, StringComparison.Ordinal);
        Assert.True(given.ExitCode == 0, given.Out + given.Err);
        Assert.Contains("given with --log-key", given.Out, StringComparison.Ordinal);
        Assert.Equal(1, other.ExitCode);
        Assert.StartsWith($"FAIL log key: the bundle names {logKey}, but you trust {otherVkey}", other.ErrLines[0], StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("there is no file", missing.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyBundle_CheckpointOfTheSizeVerifiedBeforeWithAnotherRoot_ReportsForkWithBoth()
    {
        using var folder = new TempFolder();
        var file = folder.Sub("bundle.json");
        var seqs = await StatementSeqsAsync();
        await WaitForFinalAsync(seqs[0]);
        var export = await server.RunAsync(["--profile", "isr-officer", "bundle", "export", "--seq", seqs[0].ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", file]);
        Assert.True(export.ExitCode == 0, export.Err);
        var bundle = JsonNode.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken))!;
        var (origin, logKey, note) = (bundle["origin"]!.GetValue<string>(), bundle["logKey"]!.GetValue<string>(), bundle["checkpoint"]!.GetValue<string>());
        var lines = note.Split('\n');
        var otherRoot = Convert.ToBase64String(new byte[32]);
        var fresh = folder.Sub("fresh-config");
        var statePath = VerifyCommand.StatePath(fresh, origin);
        Directory.CreateDirectory(Path.GetDirectoryName(statePath)!);
        var state = new VerifyCommand.VerifiedState(origin, logKey, long.Parse(lines[1], System.Globalization.CultureInfo.InvariantCulture), otherRoot, note.Replace(lines[2], otherRoot, StringComparison.Ordinal));
        await File.WriteAllTextAsync(statePath, JsonSerializer.Serialize(state, JsonSerializerOptions.Web), TestContext.Current.CancellationToken);

        var result = await CliRun.RunAsync(fresh, ["verify", "--bundle", file]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("FAIL checkpoint: FORK:", result.ErrLines[0], StringComparison.Ordinal);
        Assert.Contains(otherRoot, result.Err, StringComparison.Ordinal);
        Assert.Contains(lines[2], result.Err, StringComparison.Ordinal);
        Assert.Contains("does NOT verify", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BundleExport_UnknownSeq_FailsWithTheProblem()
    {
        using var folder = new TempFolder();

        var result = await server.RunAsync(["--profile", "isr-officer", "bundle", "export", "--seq", "999999999", "--out", folder.Sub("b.json")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("999999999", result.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Sub("b.json")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("--seq 1 --incident 2")]
    public async Task BundleExport_NeitherOrBothOfSeqAndIncident_UsageError(string options)
    {
        var choice = options.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        using var folder = new TempFolder();

        var result = await server.RunAsync(["--profile", "isr-officer", "bundle", "export", .. choice, "--out", folder.Sub("b.json")]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--seq N", result.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Sub("b.json")));
    }

    /// <summary>The seqs of the demo's statements, oldest first (at least two; addressed to every party).</summary>
    private async Task<long[]> StatementSeqsAsync()
    {
        var list = await server.RunAsync(["--profile", "syr-officer", "entries", "list", "--type", "statement.issue", "--json"]);
        Assert.True(list.ExitCode == 0, list.Err);
        var seqs = JsonDocument.Parse(list.Out).RootElement.GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("payload").ValueKind == JsonValueKind.String && e.GetProperty("audience").GetArrayLength() >= 4)
            .Select(e => e.GetProperty("seq").GetInt64()).Order().ToArray();
        Assert.True(seqs.Length >= 2, list.Out);
        return seqs;
    }

    /// <summary>The bundle text with one byte of the first entry's payload changed (its base64 re-encoded).</summary>
    private static string ChangeOnePayloadByte(string text)
    {
        var bundle = JsonNode.Parse(text)!;
        var entry = bundle["entries"]![0]!;
        var payload = Convert.FromBase64String(entry["payload"]!.GetValue<string>());
        payload[payload.Length / 2] ^= 0x01;
        entry["payload"] = Convert.ToBase64String(payload);
        return bundle.ToJsonString();
    }

    /// <summary>Runs <c>liaison verify</c> (which pins the log and witness keys) until a final checkpoint covers <paramref name="seq"/>.</summary>
    private async Task WaitForFinalAsync(long seq)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var result = await server.RunAsync(["--profile", "syr-officer", "verify", "--json"]);
            if (result.ExitCode == 0)
            {
                var report = JsonDocument.Parse(result.Out).RootElement;
                if (report.GetProperty("final").GetBoolean() && report.GetProperty("treeSize").GetInt64() > seq)
                {
                    return;
                }
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"No final checkpoint covered entry {seq} within 30 s: {result.Out} {result.Err}");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }
}
