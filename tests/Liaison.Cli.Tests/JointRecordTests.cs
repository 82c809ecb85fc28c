using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Liaison.Cli.Tests;

/// <summary>The joint record end to end: checkpoints cosigned by both parties' witnesses, verify, replay, tampering and forks.</summary>
public sealed class JointRecordTests
{
    [Fact]
    public async Task Verify_DemoRecord_PassesFinalAndReplayMatches()
    {
        using var folder = new TempFolder();
        await using var server = await ServerProcess.StartAsync(folder.Sub("data"), folder.Sub("config"), demo: true, TestContext.Current.CancellationToken);

        var verified = await WaitForFinalAsync(folder.Sub("config"));
        var replay = await CliRun.RunAsync(folder.Sub("config"), ["--profile", "isr-officer", "replay", "--json"]);
        var replayData = await CliRun.RunAsync(folder.Sub("config"), ["replay", "--data", folder.Sub("data")]);

        Assert.Equal(0, verified.ExitCode);
        var report = JsonDocument.Parse(verified.Out).RootElement;
        Assert.Empty(report.GetProperty("failures").EnumerateArray());
        Assert.True(report.GetProperty("final").GetBoolean());
        Assert.Equal(2, report.GetProperty("cosignedBy").GetArrayLength());
        Assert.Equal(0, replay.ExitCode);
        Assert.True(JsonDocument.Parse(replay.Out).RootElement.GetProperty("match").GetBoolean());
        Assert.Equal(0, replayData.ExitCode);
        Assert.Contains("(match)", replayData.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE entries SET Signature = zeroblob(1) || substr(Signature, 2) WHERE Seq = 20", "entry 20")]
    [InlineData("UPDATE entries SET Payload = CAST(' ' AS BLOB) || substr(Payload, 2) WHERE Seq = 19", "entry 19")]
    [InlineData("UPDATE entries SET LeafHash = zeroblob(1) || substr(LeafHash, 2) WHERE Seq = 5", "entry 5")]
    [InlineData("UPDATE entries SET Author = 'isr-admin' WHERE Seq = 21", "entry 21")]
    [InlineData("UPDATE log_tiles SET Hashes = substr(Hashes, 1, 320) || zeroblob(1) || substr(Hashes, 322) WHERE Level = 0 AND \"Index\" = 0", "entry 10")]
    public async Task Verify_OneByteChangedInTheDatabase_FailsNamingIt(string tamper, string named)
    {
        using var folder = new TempFolder();
        await using var server = await ServerProcess.StartAsync(folder.Sub("data"), folder.Sub("config"), demo: true, TestContext.Current.CancellationToken);
        var before = await WaitForFinalAsync(folder.Sub("config"));
        Assert.Equal(0, before.ExitCode);

        await ExecuteAsync(folder.Sub("data"), tamper);
        var after = await CliRun.RunAsync(folder.Sub("config"), ["--profile", "syr-officer", "verify"]);

        Assert.Equal(1, after.ExitCode);
        Assert.Contains(after.ErrLines, line => line.StartsWith("FAIL " + named + ":", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_CheckpointThatCannotExtendTheOneVerifiedBefore_ReportsForkWithBoth()
    {
        using var folder = new TempFolder();
        await using var server = await ServerProcess.StartAsync(folder.Sub("data"), folder.Sub("config"), demo: true, TestContext.Current.CancellationToken);
        var (state, otherRoot) = await ForgeVerifiedStateAsync(folder.Sub("config"));

        var result = await CliRun.RunAsync(folder.Sub("config"), ["--profile", "syr-officer", "verify"]);

        Assert.True(result.ExitCode == 1, $"verify should fail with a fork: exit {result.ExitCode}: {result.Out} {result.Err}");
        Assert.Contains("FORK", result.Err, StringComparison.Ordinal);
        Assert.Contains(otherRoot, result.Err, StringComparison.Ordinal);
        Assert.Contains(state.GetProperty("rootHash").GetString()!, result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ForkedCheckpointThenTheLogGrew_ReportsForkWithTheServedTreeCutAtTheOldSize()
    {
        using var folder = new TempFolder();
        await using var server = await ServerProcess.StartAsync(folder.Sub("data"), folder.Sub("config"), demo: true, TestContext.Current.CancellationToken);
        var (state, otherRoot) = await ForgeVerifiedStateAsync(folder.Sub("config"));
        var savedSize = state.GetProperty("size").GetInt64();
        var sent = await CliRun.RunAsync(folder.Sub("config"), ["--profile", "syr-officer", "send", "--channel", "isr-syr-security", "--precedence", "ROUTINE", "--subject", "grows the log", "--body", "after the verify"]);
        Assert.True(sent.ExitCode == 0, sent.Err);

        // Verify once a checkpoint covers the new entry, so the fork is between two sizes.
        CliResult result;
        var clock = Stopwatch.StartNew();
        do
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            result = await CliRun.RunAsync(folder.Sub("config"), ["--profile", "syr-officer", "verify", "--json"]);
        }
        while (JsonDocument.Parse(result.Out).RootElement.GetProperty("treeSize").GetInt64() <= savedSize && clock.Elapsed < TimeSpan.FromSeconds(30));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FORK", result.Err, StringComparison.Ordinal);
        Assert.Contains(otherRoot, result.Err, StringComparison.Ordinal);
        Assert.Contains($"the tree served now, cut at size {savedSize}, has root {state.GetProperty("rootHash").GetString()}", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_ProjectionChangedInTheDatabase_Mismatch()
    {
        using var folder = new TempFolder();
        await using var server = await ServerProcess.StartAsync(folder.Sub("data"), folder.Sub("config"), demo: true, TestContext.Current.CancellationToken);

        await ExecuteAsync(folder.Sub("data"), "UPDATE signing_keys SET Owner = 'mallory' WHERE Owner = 'syr-duty'");
        var fromServer = await CliRun.RunAsync(folder.Sub("config"), ["--profile", "usa-mediator", "replay"]);
        var fromData = await CliRun.RunAsync(folder.Sub("config"), ["replay", "--data", folder.Sub("data")]);

        Assert.Equal(1, fromServer.ExitCode);
        Assert.Contains("MISMATCH", fromServer.Out, StringComparison.Ordinal);
        Assert.Equal(1, fromData.ExitCode);
    }

    /// <summary>
    /// Verifies until final, then replaces the saved checkpoint's root with another (zeros) in the CLI's verify state,
    /// as if this user had been shown another history before: the state as verified, and the other root.
    /// </summary>
    private static async Task<(JsonElement State, string OtherRoot)> ForgeVerifiedStateAsync(string config)
    {
        var verified = await WaitForFinalAsync(config);
        Assert.True(verified.ExitCode == 0, $"the first verify failed: {verified.Out} {verified.Err}");
        var statePath = Directory.GetFiles(Path.Combine(config, "verify")).Single();
        var state = JsonDocument.Parse(await File.ReadAllTextAsync(statePath, TestContext.Current.CancellationToken)).RootElement;
        var otherRoot = Convert.ToBase64String(new byte[32]);
        var otherNote = state.GetProperty("note").GetString()!.Replace(state.GetProperty("rootHash").GetString()!, otherRoot, StringComparison.Ordinal);
        var forged = JsonSerializer.Serialize(new { origin = state.GetProperty("origin").GetString(), vkey = state.GetProperty("vkey").GetString(), size = state.GetProperty("size").GetInt64(), rootHash = otherRoot, note = otherNote });
        await File.WriteAllTextAsync(statePath, forged, TestContext.Current.CancellationToken);
        return (state, otherRoot);
    }

    /// <summary>Verifies until the latest checkpoint covers the whole record and both witnesses have cosigned it.</summary>
    private static async Task<CliResult> WaitForFinalAsync(string config)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var result = await CliRun.RunAsync(config, ["--profile", "syr-officer", "verify", "--json"]);
            if (result.ExitCode == 0 && JsonDocument.Parse(result.Out).RootElement.GetProperty("final").GetBoolean())
            {
                return result;
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                return result;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    private static async Task ExecuteAsync(string data, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "liaison.db")};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
    }
}
