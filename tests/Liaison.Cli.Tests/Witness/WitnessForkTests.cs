using System.Text.Json;
using Liaison.Cli.Witness;
using Liaison.Ledger.Checkpoints;
using Microsoft.Extensions.Logging;

namespace Liaison.Cli.Tests.Witness;

/// <summary>A log that signs two histories is refused, and reported loudly: an error log line and both checkpoints in forks.log.</summary>
public sealed class WitnessForkTests
{
    private const int ForkEventId = 3004;

    [Theory]
    [InlineData(3, 422)]
    [InlineData(0, 409)]
    public async Task WitnessServer_SameSizeDifferentRoot_RefusedAndBothCheckpointsInForksLog(long oldSize, int expectedStatus)
    {
        using var folder = new TempFolder();
        using var log = new TestLog();
        var honest = TestLog.Tree("honest", 3);
        var forked = TestLog.Tree("forked", 3);
        WitnessKeyFile.Create(folder.Path, "witness.test");
        await using var witness = await RunningWitness.StartAsync(folder.Path, [log.Witnessed]);
        Assert.Equal(200, (await witness.AddCheckpointAsync(log.Request(honest, 0, 3))).Status);
        var forkedCheckpoint = log.Checkpoint(forked, 3);

        var response = await witness.AddCheckpointAsync(TestLog.Request(oldSize, [], forkedCheckpoint));

        Assert.Equal(expectedStatus, response.Status);
        var evidence = Assert.Single(await ForksAsync(folder.Path));
        Assert.Equal(ForkEvidence.SameSizeDifferentRoot, evidence.Kind);
        Assert.Equal(TestLog.Origin, evidence.Origin);
        Assert.Equal((3, Convert.ToBase64String(honest.Root(3))), (evidence.Cosigned.Size, evidence.Cosigned.RootHash));
        Assert.Equal((3, Convert.ToBase64String(forked.Root(3))), (evidence.Presented.Size, evidence.Presented.RootHash));
        Assert.Equal(forkedCheckpoint, evidence.Presented.Note);
        Assert.Equal(oldSize, evidence.Presented.OldSize);
        AssertSignedByLog(log, evidence.Cosigned.Note, honest.Root(3));
        AssertSignedByLog(log, evidence.Presented.Note, forked.Root(3));
        Assert.Contains(witness.Logs.Entries, e => e.Level == LogLevel.Error && e.EventId.Id == ForkEventId && e.Message.Contains(TestLog.Origin, StringComparison.Ordinal));
        Assert.Equal(3, (await witness.StateAsync()).GetProperty("logs")[0].GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task WitnessServer_LargerCheckpointNotProvablyConsistent_RefusedWith422AndRecordedWithItsProof()
    {
        using var folder = new TempFolder();
        using var log = new TestLog();
        var honest = TestLog.Tree("honest", 3);
        var forked = TestLog.Tree("forked", 5);
        WitnessKeyFile.Create(folder.Path, "witness.test");
        await using var witness = await RunningWitness.StartAsync(folder.Path, [log.Witnessed]);
        Assert.Equal(200, (await witness.AddCheckpointAsync(log.Request(honest, 0, 3))).Status);

        var response = await witness.AddCheckpointAsync(log.Request(forked, 3, 5));

        Assert.Equal(422, response.Status);
        var evidence = Assert.Single(await ForksAsync(folder.Path));
        Assert.Equal(ForkEvidence.UnprovenConsistency, evidence.Kind);
        Assert.Equal((3L, 5L), (evidence.Cosigned.Size, evidence.Presented.Size));
        Assert.Equal(forked.ConsistencyProof(3, 5).Select(Convert.ToBase64String), evidence.Presented.Proof!);
        AssertSignedByLog(log, evidence.Cosigned.Note, honest.Root(3));
        AssertSignedByLog(log, evidence.Presented.Note, forked.Root(5));
        Assert.Contains(witness.Logs.Entries, e => e.Level == LogLevel.Error && e.EventId.Id == ForkEventId);
    }

    [Fact]
    public async Task WitnessServer_SameForkPresentedTwice_RecordedOnceLoggedTwice()
    {
        using var folder = new TempFolder();
        using var log = new TestLog();
        var honest = TestLog.Tree("honest", 3);
        WitnessKeyFile.Create(folder.Path, "witness.test");
        await using var witness = await RunningWitness.StartAsync(folder.Path, [log.Witnessed]);
        Assert.Equal(200, (await witness.AddCheckpointAsync(log.Request(honest, 0, 3))).Status);
        var fork = TestLog.Request(3, [], log.Checkpoint(TestLog.Tree("forked", 3), 3));

        await witness.AddCheckpointAsync(fork);
        await witness.AddCheckpointAsync(fork);

        Assert.Single(await ForksAsync(folder.Path));
        Assert.Equal(2, witness.Logs.Entries.Count(e => e.EventId.Id == ForkEventId));
    }

    [Fact]
    public async Task WitnessServer_ContradictingCheckpointNotSignedByLog_RefusedWith403AndNoFork()
    {
        using var folder = new TempFolder();
        using var log = new TestLog();
        using var impostor = new TestLog();
        var honest = TestLog.Tree("honest", 3);
        WitnessKeyFile.Create(folder.Path, "witness.test");
        await using var witness = await RunningWitness.StartAsync(folder.Path, [log.Witnessed]);
        Assert.Equal(200, (await witness.AddCheckpointAsync(log.Request(honest, 0, 3))).Status);

        var response = await witness.AddCheckpointAsync(TestLog.Request(3, [], impostor.Checkpoint(TestLog.Tree("forked", 3), 3)));

        Assert.Equal(403, response.Status);
        Assert.False(File.Exists(Path.Combine(folder.Path, WitnessState.ForksFile)));
        Assert.DoesNotContain(witness.Logs.Entries, e => e.EventId.Id == ForkEventId);
    }

    [Fact]
    public async Task WitnessServer_StaleRetryOfCosignedCheckpoint_RefusedWith409AndNoFork()
    {
        using var folder = new TempFolder();
        using var log = new TestLog();
        var honest = TestLog.Tree("honest", 5);
        WitnessKeyFile.Create(folder.Path, "witness.test");
        await using var witness = await RunningWitness.StartAsync(folder.Path, [log.Witnessed]);
        Assert.Equal(200, (await witness.AddCheckpointAsync(log.Request(honest, 0, 3))).Status);
        Assert.Equal(200, (await witness.AddCheckpointAsync(log.Request(honest, 3, 5))).Status);

        var staleSameSize = await witness.AddCheckpointAsync(log.Request(honest, 3, 5));
        var staleOlder = await witness.AddCheckpointAsync(log.Request(honest, 0, 3));

        Assert.Equal((409, "5\n"), (staleSameSize.Status, staleSameSize.Body));
        Assert.Equal((409, "5\n"), (staleOlder.Status, staleOlder.Body));
        Assert.False(File.Exists(Path.Combine(folder.Path, WitnessState.ForksFile)));
    }

    private static async Task<List<ForkEvidence>> ForksAsync(string directory)
    {
        var lines = await File.ReadAllLinesAsync(Path.Combine(directory, WitnessState.ForksFile), TestContext.Current.CancellationToken);
        return [.. lines.Select(line => JsonSerializer.Deserialize<ForkEvidence>(line, JsonSerializerOptions.Web)!)];
    }

    private static void AssertSignedByLog(TestLog log, string note, byte[] root)
    {
        var opened = SignedCheckpoint.Open(note, TestLog.Origin, log.Witnessed.Keys);
        Assert.True(opened.IsSuccess, opened.IsSuccess ? null : opened.Error.Detail);
        Assert.Equal(root, opened.Value.Checkpoint.RootHash.ToArray());
    }
}
