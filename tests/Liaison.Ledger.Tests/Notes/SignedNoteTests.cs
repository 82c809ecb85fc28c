using System.Text;
using Liaison.Ledger.Checkpoints;
using Liaison.Ledger.Notes;

namespace Liaison.Ledger.Tests.Notes;

public sealed class SignedNoteTests
{
    private const string Text = "example.com/log\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";

    [Fact]
    public void Open_SignedByGeneratedKey_VerifiesWithItsVkey()
    {
        using var signer = NoteSignerKey.Generate("example.com/log");
        var note = SignedNote.Sign(Text, [signer]);
        var vkey = NoteVerifierKey.Parse(signer.VerifierKey.ToString()).Value;

        var opened = SignedNote.Open(note, [vkey]);

        Assert.Equal(Text, opened.Value.Text);
        Assert.Equal("example.com/log", Assert.Single(opened.Value.Signatures).Name);
        Assert.Empty(opened.Value.UnverifiedSignatures);
    }

    [Fact]
    public void Parse_ExportedSkey_RecreatesTheSameKey()
    {
        using var signer = NoteSignerKey.Generate("party.example/israel");

        using var parsed = NoteSignerKey.Parse(signer.ExportSkey()).Value;

        Assert.Equal(signer.VerifierKey, parsed.VerifierKey);
        Assert.DoesNotContain("PRIVATE", signer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_CosignatureAppendedToLogSignedNote_VerifiesBoth()
    {
        using var log = NoteSignerKey.Generate("example.com/log");
        using var witness = CosignatureSigner.FromSeed("witness.example/w1", new byte[32]);
        var note = SignedNote.Sign(Text, [log]) + witness.Sign(Text, 1_700_000_000).Line;

        var opened = SignedNote.Open(note, [log.VerifierKey, witness.VerifierKey]);

        Assert.Equal(["example.com/log", "witness.example/w1"], opened.Value.Signatures.Select(s => s.Name));
    }

    [Fact]
    public void Open_CosignatureWithAlteredTimestamp_IsInvalidSignature()
    {
        using var log = NoteSignerKey.Generate("example.com/log");
        using var witness = CosignatureSigner.FromSeed("witness.example/w1", new byte[32]);
        var cosignature = witness.Sign(Text, 1_700_000_000);
        var bytes = Convert.FromBase64String(cosignature.Base64);
        bytes[11] ^= 1;
        var forged = new NoteSignature(cosignature.Name, cosignature.KeyId, Convert.ToBase64String(bytes));

        var opened = SignedNote.Open(SignedNote.Sign(Text, [log]) + forged.Line, [log.VerifierKey, witness.VerifierKey]);

        Assert.Equal(LedgerErrorKind.InvalidSignature, opened.Error.Kind);
    }

    [Fact]
    public void Open_OnlyUnknownKeys_IsNoVerifiableSignature()
    {
        using var signer = NoteSignerKey.Generate("a");
        using var other = NoteSignerKey.Generate("b");

        var opened = SignedNote.Open(SignedNote.Sign(Text, [signer]), [other.VerifierKey]);

        Assert.Equal(LedgerErrorKind.NoVerifiableSignature, opened.Error.Kind);
    }

    [Theory]
    [InlineData("no blank line\n\u2014 a AAAAAAA=\n")]
    [InlineData("text\n\n\u2014 a AAAAAAA=")]
    [InlineData("text\n\n- a AAAAAAA=\n")]
    [InlineData("text\n\n\u2014 a  AAAAAAA=\n")]
    [InlineData("text\n\n\u2014 a AAAA AAA=\n")]
    [InlineData("text\n\n\u2014 a AAAA\n")]
    [InlineData("text\r\n\n\u2014 a AAAAAAA=\n")]
    [InlineData("text\n\n\n")]
    public void Open_BrokenStructure_IsMalformed(string note)
    {
        using var signer = NoteSignerKey.Generate("a");

        var opened = SignedNote.Open(note, [signer.VerifierKey]);

        Assert.Equal(LedgerErrorKind.Malformed, opened.Error.Kind);
    }

    [Fact]
    public void Open_InvalidUtf8_IsMalformed()
    {
        using var signer = NoteSignerKey.Generate("a");
        var bytes = Encoding.UTF8.GetBytes(SignedNote.Sign(Text, [signer]));
        bytes[1] = 0xff;

        var opened = SignedNote.Open(bytes, [signer.VerifierKey]);

        Assert.Equal(LedgerErrorKind.Malformed, opened.Error.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no final newline")]
    [InlineData("tab\there\n")]
    public void Sign_InvalidText_Throws(string text)
    {
        using var signer = NoteSignerKey.Generate("a");

        Assert.Throws<ArgumentException>(() => SignedNote.Sign(text, [signer]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("has+plus")]
    [InlineData("nbsp\u00a0name")]
    public void Generate_InvalidKeyName_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => NoteSignerKey.Generate(name));
    }

    [Theory]
    [InlineData("PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW\n")]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TX")]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW=")]
    public void ParseVerifierKey_NonCanonicalText_IsRejected(string vkey)
    {
        Assert.False(NoteVerifierKey.Parse(vkey).IsSuccess);
    }
}
