using System.Globalization;
using System.Text.Json;
using Liaison.Ledger.Notes;

namespace Liaison.Ledger.Tests.Notes;

public sealed class NoteVectorTests
{
    [Theory]
    [MemberData(nameof(Vectors.Ids), "note/keys.json", MemberType = typeof(Vectors))]
    public void ParseKey_KeysVector_MatchesVerdictAndFields(string id) => AssertKey(Vectors.Case("note/keys.json", id));

    [Theory]
    [MemberData(nameof(Vectors.Ids), "note/vkey_manglings.json", MemberType = typeof(Vectors))]
    public void ParseVerifierKey_OneByteMangling_IsRejected(string id)
    {
        var c = Vectors.Case("note/vkey_manglings.json", id);

        var parsed = NoteVerifierKey.Parse(c.Str("vkey"));

        Assert.False(c.Bool("valid"));
        Assert.False(parsed.IsSuccess);
    }

    [Theory]
    [MemberData(nameof(Vectors.Ids), "note/signed_notes.json", MemberType = typeof(Vectors))]
    public void SignedNote_Vector_SignsOrOpensAsExpected(string id)
    {
        var c = Vectors.Case("note/signed_notes.json", id);

        if (c.Str("kind") == "sign")
        {
            var signers = c.StrList("signer_skeys").Select(s => NoteSignerKey.Parse(s).Value).ToList();
            Assert.Equal(c.Str("expected_note"), SignedNote.Sign(c.Str("body"), signers));
            signers.ForEach(s => s.Dispose());
            return;
        }

        var keys = c.StrList("verifier_vkeys").Select(v => NoteVerifierKey.Parse(v).Value).ToList();
        var opened = SignedNote.Open(c.Str("note_text_full"), keys);

        Assert.Equal(c.Str("result"), Result(opened));
        if (opened.IsSuccess && c.Has("verified_signature_lines"))
        {
            Assert.Equal(c.StrList("verified_signature_lines"), opened.Value.Signatures.Select(s => s.ToString()));
            Assert.Equal(c.StrList("unverified_signature_lines"), opened.Value.UnverifiedSignatures.Select(s => s.ToString()));
        }

        if (opened.IsSuccess && c.OptionalStr("body") is { } body)
        {
            Assert.Equal(body, opened.Value.Text);
        }
    }

    internal static string Result<T>(LedgerResult<T> result) => result.IsSuccess ? "ok" : result.Error.Kind switch
    {
        LedgerErrorKind.Malformed => "malformed",
        LedgerErrorKind.InvalidSignature => "invalid_signature",
        LedgerErrorKind.NoVerifiableSignature => "no_verifiable_signature",
        LedgerErrorKind.AmbiguousKey => "ambiguous_key",
        LedgerErrorKind.NoLogSignature => "no_log_signature",
        LedgerErrorKind.WrongOrigin => "wrong_origin",
        LedgerErrorKind.BadCheckpoint => "bad_body",
        var other => other.ToString(),
    };

    private static void AssertKey(JsonElement c)
    {
        var valid = c.Bool("valid");
        if (c.Str("key_kind") == "skey")
        {
            var parsed = NoteSignerKey.Parse(c.Str("skey"));
            Assert.Equal(valid, parsed.IsSuccess);
            if (!valid)
            {
                return;
            }

            using var signer = parsed.Value;
            Assert.Equal(c.Str("name"), signer.Name);
            Assert.Equal(c.Str("key_id_hex"), signer.KeyId.ToString("x8", CultureInfo.InvariantCulture));
            Assert.Equal(c.Str("seed_hex"), TestTrees.Hex(signer.ExportSeed()));
            Assert.Equal(c.Str("public_key_hex"), TestTrees.Hex(signer.VerifierKey.PublicKey));
            Assert.Equal(c.Str("skey"), signer.ExportSkey());
            return;
        }

        var vkey = NoteVerifierKey.Parse(c.Str("vkey"));
        Assert.Equal(valid, vkey.IsSuccess);
        if (!valid)
        {
            return;
        }

        var key = vkey.Value;
        Assert.Equal(c.Str("name"), key.Name);
        Assert.Equal(c.Str("key_id_hex"), key.KeyId.ToString("x8", CultureInfo.InvariantCulture));
        Assert.Equal(c.Int("signature_type"), (long)key.Type);
        Assert.Equal(c.Str("public_key_hex"), TestTrees.Hex(key.PublicKey));
        Assert.Equal(c.Str("vkey"), key.ToString());
    }
}
