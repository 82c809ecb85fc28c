using Liaison.Ledger.Checkpoints;
using Liaison.Ledger.Merkle;
using Liaison.Ledger.Notes;
using Liaison.Ledger.Witness;

namespace Liaison.Ledger.Tests.Witness;

public sealed class CheckpointWitnessTests : IDisposable
{
    private const string Origin = "liaison.example/il-sy";
    private static readonly DateTimeOffset Now = new(2026, 1, 6, 9, 0, 0, TimeSpan.Zero);

    private readonly NoteSignerKey _log = NoteSignerKey.FromSeed(Origin, Enumerable.Repeat((byte)7, 32).ToArray());
    private readonly CosignatureSigner _witness = CosignatureSigner.FromSeed("witness.example/il", Enumerable.Repeat((byte)9, 32).ToArray());
    private readonly MemoryTree _tree = MemoryTree.FromLeafHashes(TestTrees.LeafHashes(20));
    private readonly Dictionary<string, WitnessRecord> _records = [];

    public void Dispose()
    {
        _log.Dispose();
        _witness.Dispose();
    }

    [Fact]
    public void AddCheckpoint_FirstCheckpoint_CosignsAndRecordsIt()
    {
        var response = Add(0, [], Signed(5));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(_witness.Sign(Body(5), Now).Line, response.Body);
        Assert.Equal(5, _records[Origin].Size);
        Assert.Equal(TestTrees.Hex(_tree.Root(5)), TestTrees.Hex(_records[Origin].RootHash));
    }

    [Fact]
    public void AddCheckpoint_Grow_RequiresTheRecordedOldSizeAndAValidProof()
    {
        Add(0, [], Signed(5));

        var grown = Add(5, _tree.ConsistencyProof(5, 12), Signed(12));
        var stale = Add(5, _tree.ConsistencyProof(5, 13), Signed(13));
        var badProof = Add(12, _tree.ConsistencyProof(11, 13), Signed(13));

        Assert.Equal(200, grown.StatusCode);
        Assert.Equal(409, stale.StatusCode);
        Assert.Equal("12\n", stale.Body);
        Assert.Equal("text/x.tlog.size", stale.ContentType);
        Assert.Equal(422, badProof.StatusCode);
        Assert.Equal(12, _records[Origin].Size);
    }

    [Fact]
    public void AddCheckpoint_GrowFromCosignedEmptyTree_NeedsNoProof()
    {
        var empty = Add(0, [], Signed(0));

        var grown = Add(0, [], Signed(5));

        Assert.Equal(200, empty.StatusCode);
        Assert.Equal(200, grown.StatusCode);
        Assert.True(SignedNote.Open(grown.Checkpoint!, [_witness.VerifierKey]).IsSuccess);
    }

    [Fact]
    public void AddCheckpoint_ProofWithOldSizeZero_Is422()
    {
        var response = Add(0, [_tree.Root(1)], Signed(5));

        Assert.Equal(422, response.StatusCode);
    }

    [Fact]
    public void AddCheckpoint_SizeZeroWithNonEmptyRoot_Is422BothFirstAndOverRecordedZero()
    {
        var bogus = SignedNote.Sign(new Checkpoint(Origin, 0, _tree.Root(1)).ToBody(), [_log]);

        var first = Add(0, [], bogus);
        Add(0, [], Signed(0));
        var overZero = Add(0, [], bogus);

        Assert.Equal(422, first.StatusCode);
        Assert.Equal(422, overZero.StatusCode);
    }

    [Fact]
    public void AddCheckpoint_SameSizeDifferentRoot_Is422()
    {
        Add(0, [], Signed(5));
        var fork = SignedNote.Sign(new Checkpoint(Origin, 5, _tree.Root(6)).ToBody(), [_log]);

        var response = Add(5, [], fork);
        var same = Add(5, [], Signed(5));

        Assert.Equal(422, response.StatusCode);
        Assert.Equal(200, same.StatusCode);
    }

    [Fact]
    public void AddCheckpoint_ExtensionLines_Is400MentioningExtensions()
    {
        var withExtension = SignedNote.Sign(new Checkpoint(Origin, 3, _tree.Root(3), ["extra extension line"]).ToBody(), [_log]);

        var response = Add(0, [], withExtension);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("extension", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCheckpoint_OldSizeAboveCheckpointSize_Is400()
    {
        var response = Add(6, [], Signed(5));

        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public void AddCheckpoint_ForgedWitnessLine_IsNeitherEchoedNorStored()
    {
        var forged = NoteSignature.Create(_witness.Name, _witness.VerifierKey.KeyId, new byte[72]);

        var response = Add(0, [], Signed(3) + forged.Line);

        Assert.Equal(200, response.StatusCode);
        Assert.Single(response.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(forged.Base64, response.Checkpoint, StringComparison.Ordinal);
        Assert.True(SignedNote.Open(response.Checkpoint!, [_witness.VerifierKey]).IsSuccess);
        Assert.True(SignedNote.Open(response.Checkpoint!, [_log.VerifierKey]).IsSuccess);
    }

    [Fact]
    public void AddCheckpoint_SignedByAnotherKey_Is403()
    {
        using var impostor = NoteSignerKey.Generate(Origin);

        var response = Add(0, [], SignedNote.Sign(Body(3), [impostor]));

        Assert.Equal(403, response.StatusCode);
    }

    [Theory]
    [InlineData("old 01\n\n")]
    [InlineData("old -1\n\n")]
    [InlineData("old 0\nnot base64\n\n")]
    [InlineData("new 0\n\n")]
    [InlineData("old 0\n")]
    public void AddCheckpoint_MalformedRequest_Is400(string header)
    {
        var response = CheckpointWitness.AddCheckpoint(header + Signed(3), Logs(), _records, _witness, Now);

        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public void AddCheckpoint_MoreThan63ProofLines_Is400()
    {
        var response = Add(0, [.. Enumerable.Repeat(_tree.Root(1), 64)], Signed(3));

        Assert.Equal(400, response.StatusCode);
    }

    private static string Header(long oldSize, IEnumerable<byte[]> proof) =>
        $"old {oldSize}\n" + string.Concat(proof.Select(p => Convert.ToBase64String(p) + "\n")) + "\n";

    private WitnessedLog[] Logs() => [new(Origin, [_log.VerifierKey])];

    private string Body(long size) => new Checkpoint(Origin, (ulong)size, _tree.Root(size)).ToBody();

    private string Signed(long size) => SignedNote.Sign(Body(size), [_log]);

    private AddCheckpointResponse Add(long oldSize, IEnumerable<byte[]> proof, string note)
    {
        var response = CheckpointWitness.AddCheckpoint(Header(oldSize, proof) + note, Logs(), _records, _witness, Now);
        if (response.NewRecord is { } record)
        {
            _records[record.Origin] = record;
        }

        return response;
    }
}
