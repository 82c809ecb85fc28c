using Liaison.Cli.Witness;
using Liaison.Ledger.Checkpoints;
using Liaison.Ledger.Merkle;
using Liaison.Ledger.Notes;
using Liaison.Ledger.Witness;

namespace Liaison.Cli.Tests.Witness;

/// <summary>The state store: what it writes, and that it never starts from a state it cannot trust.</summary>
public sealed class WitnessStateTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_780_000_000);

    [Fact]
    public void WitnessState_SavedThenReopened_SameEntryAndNoTemporaryFile()
    {
        using var folder = new TempFolder();
        using var log = new TestLog();
        var entry = Entry(log, TestLog.Tree("main", 4), 4);
        using (var state = WitnessState.Open(folder.Path).Value)
        {
            state.Save(entry);
        }

        using var reopened = WitnessState.Open(folder.Path).Value;

        Assert.Equal(entry, reopened.Find(TestLog.Origin));
        Assert.Empty(Directory.GetFiles(Path.Combine(folder.Path, WitnessState.StateFolder), "*.tmp"));
    }

    [Fact]
    public void WitnessState_LeftoverTemporaryFile_RemovedAndSavedStateKept()
    {
        using var folder = new TempFolder();
        using var log = new TestLog();
        var entry = Entry(log, TestLog.Tree("main", 4), 4);
        using (var state = WitnessState.Open(folder.Path).Value)
        {
            state.Save(entry);
        }

        var temporary = Path.Combine(folder.Path, WitnessState.StateFolder, WitnessState.FileNameFor(TestLog.Origin) + ".tmp");
        File.WriteAllText(temporary, "{ half a wri");

        using var reopened = WitnessState.Open(folder.Path).Value;

        Assert.Equal(4, reopened.Find(TestLog.Origin)!.Size);
        Assert.False(File.Exists(temporary));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"origin\":\"liaison.test/log\",\"size\":9}")]
    public void WitnessState_UnreadableStateFile_RefusesToOpen(string contents)
    {
        using var folder = new TempFolder();
        var stateFolder = Directory.CreateDirectory(Path.Combine(folder.Path, WitnessState.StateFolder)).FullName;
        File.WriteAllText(Path.Combine(stateFolder, WitnessState.FileNameFor(TestLog.Origin)), contents);

        var opened = WitnessState.Open(folder.Path);

        Assert.False(opened.IsSuccess);
        Assert.Equal("witness-state-invalid", opened.Error.Code);
    }

    [Fact]
    public void WitnessState_SizeEditedAwayFromCheckpoint_RefusesToOpen()
    {
        using var folder = new TempFolder();
        using var log = new TestLog();
        using (var state = WitnessState.Open(folder.Path).Value)
        {
            state.Save(Entry(log, TestLog.Tree("main", 4), 4));
        }

        var path = Path.Combine(folder.Path, WitnessState.StateFolder, WitnessState.FileNameFor(TestLog.Origin));
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"size\": 4", "\"size\": 2", StringComparison.Ordinal));

        var opened = WitnessState.Open(folder.Path);

        Assert.False(opened.IsSuccess);
        Assert.Equal("witness-state-invalid", opened.Error.Code);
    }

    [Fact]
    public void WitnessServer_InvalidState_BuildFails()
    {
        using var folder = new TempFolder();
        using var log = new TestLog();
        WitnessKeyFile.Create(folder.Path, "witness.test");
        var stateFolder = Directory.CreateDirectory(Path.Combine(folder.Path, WitnessState.StateFolder)).FullName;
        File.WriteAllText(Path.Combine(stateFolder, WitnessState.FileNameFor(TestLog.Origin)), "{}");

        var built = WitnessServer.Build(new WitnessServerOptions(folder.Path, [log.Witnessed], "http://127.0.0.1:0"));

        Assert.False(built.IsSuccess);
        Assert.Equal("witness-state-invalid", built.Error.Code);
    }

    private static WitnessStateEntry Entry(TestLog log, MemoryTree tree, long size)
    {
        using var signer = CosignatureSigner.FromSeed("witness.test", new byte[32]);
        var response = CheckpointWitness.AddCheckpoint(log.Request(tree, 0, size), [log.Witnessed], new Dictionary<string, WitnessRecord>(), signer, Now);
        Assert.True(response.IsCosigned, response.Body);
        Assert.True(SignedNote.Open(response.Checkpoint!, [signer.VerifierKey]).IsSuccess);
        return WitnessStateEntry.From(response.NewRecord!, response.Checkpoint!, Now);
    }
}
