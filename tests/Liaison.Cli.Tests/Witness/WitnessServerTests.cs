using System.Text.Json;
using Liaison.Cli.Witness;
using Liaison.Ledger.Notes;
using Liaison.Ledger.Witness;

namespace Liaison.Cli.Tests.Witness;

/// <summary>The standalone witness over real HTTP: the C2SP vectors, durability across restarts, one request at a time per origin.</summary>
public sealed class WitnessServerTests
{
    public static TheoryData<string> Sequences => [.. WitnessVectorFile.Load().Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Sequences))]
    public async Task WitnessServer_VectorSequence_EveryStepAnsweredAsSpecified(string sequenceName)
    {
        var sequence = WitnessVectorFile.Get(sequenceName);
        using var folder = new TempFolder();
        var vkey = WitnessKeyFile.Create(folder.Path, sequence.WitnessName).Value;
        var logs = WitnessLogs.Parse([$"{sequence.LogOrigin}={sequence.LogVkey}"]).Value;
        await using var witness = await RunningWitness.StartAsync(folder.Path, logs);
        var mismatches = new List<string>();

        foreach (var step in sequence.Steps)
        {
            var (status, contentType, body) = await witness.AddCheckpointAsync(step.RequestBody);
            if (status != step.ExpectedStatus)
            {
                mismatches.Add($"{step.Id} ({step.Name}): status {status}, expected {step.ExpectedStatus}: {body.TrimEnd()}");
            }

            if (!body.Contains(step.ExpectedBodyContains, StringComparison.Ordinal))
            {
                mismatches.Add($"{step.Id} ({step.Name}): body {body.TrimEnd()} lacks {step.ExpectedBodyContains.TrimEnd()}");
            }

            if (status == 409 && contentType != AddCheckpointResponse.TreeSizeContentType)
            {
                mismatches.Add($"{step.Id} ({step.Name}): 409 with content type {contentType}");
            }

            if (status == 200 && !SignedNote.Open(WitnessVectorFile.NoteOf(step.RequestBody) + body, [vkey]).IsSuccess)
            {
                mismatches.Add($"{step.Id} ({step.Name}): the cosignature does not verify with the witness's vkey");
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task WitnessServer_RestartOnSameFolder_RefusesOlderCheckpointWith409AndCurrentSize()
    {
        using var folder = new TempFolder();
        using var log = new TestLog();
        var tree = TestLog.Tree("main", 7);
        WitnessKeyFile.Create(folder.Path, "witness.test");
        await using (var first = await RunningWitness.StartAsync(folder.Path, [log.Witnessed]))
        {
            Assert.Equal(200, (await first.AddCheckpointAsync(log.Request(tree, 0, 3))).Status);
            Assert.Equal(200, (await first.AddCheckpointAsync(log.Request(tree, 3, 5))).Status);
        }

        await using var second = await RunningWitness.StartAsync(folder.Path, [log.Witnessed]);
        var older = await second.AddCheckpointAsync(log.Request(tree, 0, 1));
        var state = await second.StateAsync();
        var next = await second.AddCheckpointAsync(log.Request(tree, 5, 7));

        Assert.Equal((409, AddCheckpointResponse.TreeSizeContentType, "5\n"), older);
        var recorded = state.GetProperty("logs").EnumerateArray().Single();
        Assert.Equal(TestLog.Origin, recorded.GetProperty("origin").GetString());
        Assert.Equal(5, recorded.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToBase64String(tree.Root(5)), recorded.GetProperty("rootHash").GetString());
        Assert.Equal(200, next.Status);
    }

    [Fact]
    public async Task WitnessServer_Cosigned_StateFileOnDiskHoldsNewSizeAndCosignedNote()
    {
        using var folder = new TempFolder();
        using var log = new TestLog();
        var tree = TestLog.Tree("main", 3);
        var vkey = WitnessKeyFile.Create(folder.Path, "witness.test").Value;
        var time = new FixedTime(DateTimeOffset.FromUnixTimeSeconds(1_780_000_000));
        await using var witness = await RunningWitness.StartAsync(folder.Path, [log.Witnessed], time);

        var response = await witness.AddCheckpointAsync(log.Request(tree, 0, 3));

        Assert.Equal(200, response.Status);
        var stateFolder = Path.Combine(folder.Path, WitnessState.StateFolder);
        Assert.Equal([WitnessState.FileNameFor(TestLog.Origin)], Directory.GetFiles(stateFolder).Select(Path.GetFileName));
        using var stored = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(stateFolder, WitnessState.FileNameFor(TestLog.Origin)), TestContext.Current.CancellationToken));
        Assert.Equal(3, stored.RootElement.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToBase64String(tree.Root(3)), stored.RootElement.GetProperty("rootHash").GetString());
        Assert.Equal(time.GetUtcNow(), stored.RootElement.GetProperty("cosignedAt").GetDateTimeOffset());
        var note = stored.RootElement.GetProperty("checkpoint").GetString()!;
        Assert.True(SignedNote.Open(note, [vkey, .. log.Witnessed.Keys]) is { IsSuccess: true, Value.Signatures.Count: 2 });
        Assert.EndsWith(response.Body, note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WitnessServer_ConcurrentRequestsForOneOrigin_ExactlyOneCosignedOthersConflict()
    {
        using var folder = new TempFolder();
        using var log = new TestLog();
        var tree = TestLog.Tree("main", 1);
        WitnessKeyFile.Create(folder.Path, "witness.test");
        await using var witness = await RunningWitness.StartAsync(folder.Path, [log.Witnessed]);
        var request = log.Request(tree, 0, 1);

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => witness.AddCheckpointAsync(request)));

        Assert.Single(responses, r => r.Status == 200);
        Assert.All(responses.Where(r => r.Status != 200), r => Assert.Equal((409, AddCheckpointResponse.TreeSizeContentType, "1\n"), r));
    }

    [Fact]
    public async Task WitnessServer_StateBeforeAnyCheckpoint_ListsFollowedLogsAtSizeZero()
    {
        using var folder = new TempFolder();
        using var log = new TestLog();
        var vkey = WitnessKeyFile.Create(folder.Path, "witness.test").Value;
        await using var witness = await RunningWitness.StartAsync(folder.Path, [log.Witnessed]);

        var state = await witness.StateAsync();

        Assert.Equal("witness.test", state.GetProperty("name").GetString());
        Assert.Equal(vkey.ToString(), state.GetProperty("verifierKey").GetString());
        var recorded = state.GetProperty("logs").EnumerateArray().Single();
        Assert.Equal(0, recorded.GetProperty("size").GetInt64());
        Assert.True(recorded.GetProperty("followed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, recorded.GetProperty("cosignedAt").ValueKind);
    }

    [Fact]
    public async Task WitnessServer_SecondWitnessOnSameFolder_RefusedAsBusy()
    {
        using var folder = new TempFolder();
        using var log = new TestLog();
        WitnessKeyFile.Create(folder.Path, "witness.test");
        await using var witness = await RunningWitness.StartAsync(folder.Path, [log.Witnessed]);

        var second = WitnessServer.Build(new WitnessServerOptions(folder.Path, [log.Witnessed], "http://127.0.0.1:0"));

        Assert.False(second.IsSuccess);
        Assert.Equal("witness-busy", second.Error.Code);
    }

    [Fact]
    public async Task WitnessServer_BodyOverLimit_RefusedWith413()
    {
        using var folder = new TempFolder();
        using var log = new TestLog();
        WitnessKeyFile.Create(folder.Path, "witness.test");
        await using var witness = await RunningWitness.StartAsync(folder.Path, [log.Witnessed]);

        var response = await witness.AddCheckpointAsync("old 0\n\n" + new string('a', WitnessEndpoints.MaxRequestBytes));

        Assert.Equal(413, response.Status);
    }

    [Fact]
    public async Task WitnessServer_BodyNotUtf8_RefusedWith400()
    {
        using var folder = new TempFolder();
        using var log = new TestLog();
        WitnessKeyFile.Create(folder.Path, "witness.test");
        await using var witness = await RunningWitness.StartAsync(folder.Path, [log.Witnessed]);
        using var content = new ByteArrayContent([.. "old 0\n\n"u8, 0xff, 0xfe, (byte)'\n']);

        using var response = await witness.Client.PostAsync(new Uri("/add-checkpoint", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.StartsWith("invalid input", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
