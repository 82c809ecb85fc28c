using Liaison.Ledger.Checkpoints;
using Liaison.Ledger.Merkle;

namespace Liaison.Ledger.Tests.Checkpoints;

public sealed class CheckpointTests
{
    [Fact]
    public void ToBody_WithExtensions_ParsesBackToEqualFields()
    {
        var checkpoint = new Checkpoint("liaison.example/il-sy", 42, Rfc6962.EmptyRoot(), ["ext one", "ext two"]);

        var parsed = Checkpoint.Parse(checkpoint.ToBody()).Value;

        Assert.Equal("liaison.example/il-sy\n42\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\next one\next two\n", checkpoint.ToBody());
        Assert.Equal(checkpoint.Origin, parsed.Origin);
        Assert.Equal(checkpoint.Size, parsed.Size);
        Assert.Equal(checkpoint.Extensions, parsed.Extensions);
    }

    [Theory]
    [InlineData("o\n18446744073709551615\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", true)]
    [InlineData("o\n18446744073709551616\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", false)]
    [InlineData("o\n-1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", false)]
    [InlineData("o\n+1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", false)]
    [InlineData("o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV=\n", false)]
    [InlineData("o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU\n", false)]
    [InlineData("o\n1\n 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", false)]
    [InlineData("o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n", false)]
    [InlineData("o\r\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", false)]
    public void Parse_EdgeBody_MatchesStrictReading(string body, bool valid)
    {
        Assert.Equal(valid, Checkpoint.Parse(body).IsSuccess);
    }

    [Fact]
    public void Constructor_RootOfWrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Checkpoint("o", 1, new byte[31]));
    }

    [Fact]
    public void Open_SignedByLogAndCosigned_ChecksLogKeyAndOrigin()
    {
        using var log = Liaison.Ledger.Notes.NoteSignerKey.Generate("liaison.example/il-sy");
        using var witness = CosignatureSigner.FromSeed("witness.example/sy", new byte[32]);
        var body = new Checkpoint("liaison.example/il-sy", 1, Rfc6962.HashLeaf([1])).ToBody();
        var note = Liaison.Ledger.Notes.SignedNote.Sign(body, [log]) + witness.Sign(body, DateTimeOffset.FromUnixTimeSeconds(1_767_225_600)).Line;

        var ok = SignedCheckpoint.Open(note, "liaison.example/il-sy", [witness.VerifierKey], log.VerifierKey);
        var onlyWitness = SignedCheckpoint.Open(note, "liaison.example/il-sy", [witness.VerifierKey], NoteKeyOf("other"));
        var wrongOrigin = SignedCheckpoint.Open(note, "liaison.example/il-lb", [witness.VerifierKey], log.VerifierKey);

        Assert.Equal(2, ok.Value.Note.Signatures.Count);
        Assert.Equal(1767225600, Cosignature.FromNoteSignature(ok.Value.Note.Signatures[1]).Value.Timestamp);
        Assert.Equal(LedgerErrorKind.NoLogSignature, onlyWitness.Error.Kind);
        Assert.Equal(LedgerErrorKind.WrongOrigin, wrongOrigin.Error.Kind);
    }

    private static Liaison.Ledger.Notes.NoteVerifierKey NoteKeyOf(string name)
    {
        using var key = Liaison.Ledger.Notes.NoteSignerKey.Generate(name);
        return key.VerifierKey;
    }
}
