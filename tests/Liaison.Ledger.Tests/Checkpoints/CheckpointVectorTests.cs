using System.Globalization;
using System.Text;
using Liaison.Ledger.Checkpoints;
using Liaison.Ledger.Notes;
using Liaison.Ledger.Tests.Notes;

namespace Liaison.Ledger.Tests.Checkpoints;

public sealed class CheckpointVectorTests
{
    [Theory]
    [MemberData(nameof(Vectors.Ids), "checkpoint/checkpoint_body.json", MemberType = typeof(Vectors))]
    public void Parse_BodyVector_MatchesStrictC2spReading(string id)
    {
        var c = Vectors.Case("checkpoint/checkpoint_body.json", id);

        var parsed = Checkpoint.Parse(c.Str("body"));

        Assert.Equal(c.Bool("c2sp_strict_valid"), parsed.IsSuccess);
        if (parsed.IsSuccess)
        {
            var expected = c.GetProperty("parsed");
            Assert.Equal(expected.Str("origin"), parsed.Value.Origin);
            Assert.Equal(expected.GetProperty("size").GetUInt64(), parsed.Value.Size);
            Assert.Equal(expected.Str("root_hex"), TestTrees.Hex(parsed.Value.RootHash));
            Assert.Equal(expected.StrList("extension_lines"), parsed.Value.Extensions);
            Assert.Equal(c.Str("body"), parsed.Value.ToBody());
        }
        else
        {
            Assert.Equal(LedgerErrorKind.BadCheckpoint, parsed.Error.Kind);
        }
    }

    [Theory]
    [MemberData(nameof(Vectors.Ids), "checkpoint/cosignatures.json", MemberType = typeof(Vectors))]
    public void Cosignature_Vector_SignsParsesAndVerifies(string id)
    {
        var c = Vectors.Case("checkpoint/cosignatures.json", id);

        switch (c.OptionalStr("kind"))
        {
            case null:
                using (var signer = CosignatureSigner.FromSeed(c.Str("cosigner_name"), c.Hex("seed_hex")))
                {
                    var body = c.Str("checkpoint_body");
                    var line = signer.Sign(body, c.Int("timestamp")).Line;
                    Assert.Equal(c.Str("vkey"), signer.VerifierKey.ToString());
                    Assert.Equal(c.Str("key_id_hex"), signer.VerifierKey.KeyId.ToString("x8", CultureInfo.InvariantCulture));
                    Assert.Equal(c.Str("signed_message"), Encoding.UTF8.GetString(Cosignature.SignedMessage(c.Int("timestamp"), body)));
                    Assert.Equal(c.Str("expected_signature_line"), line);
                    Assert.True(Cosignature.ParseLine(line).Value.Verify(NoteVerifierKey.Parse(c.Str("vkey")).Value, body));
                }

                break;
            case "parse":
                var parsed = Cosignature.ParseLine(c.Str("signature_line")).Value;
                Assert.Equal(c.Str("expected_key_id_hex"), parsed.KeyId.ToString("x8", CultureInfo.InvariantCulture));
                Assert.Equal(c.Int("expected_timestamp"), parsed.Timestamp);
                Assert.Equal(c.Str("expected_ed25519_signature_hex"), TestTrees.Hex(parsed.Signature));
                Assert.Equal(c.Str("expected_signed_message"), Encoding.UTF8.GetString(Cosignature.SignedMessage(parsed.Timestamp, c.Str("checkpoint_body"))));
                break;
            case "timestamp":
                var timestamp = Cosignature.ParseTimestamp(c.Str("signature_base64"));
                Assert.Equal(!c.Bool("want_error"), timestamp.IsSuccess);
                if (timestamp.IsSuccess)
                {
                    Assert.Equal(c.Int("expected_timestamp"), timestamp.Value);
                }

                break;
            default:
                Assert.Fail($"unknown case kind {c.Str("kind")}");
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Vectors.Ids), "checkpoint/signed_checkpoints.json", MemberType = typeof(Vectors))]
    public void Open_SignedCheckpointVector_GivesExpectedResult(string id)
    {
        var c = Vectors.Case("checkpoint/signed_checkpoints.json", id);
        var verifiers = c.StrList("verifier_vkeys").Select(v => NoteVerifierKey.Parse(v).Value).ToList();
        var logKey = c.OptionalStr("log_vkey") is { } vkey ? NoteVerifierKey.Parse(vkey).Value : null;

        var opened = SignedCheckpoint.Open(c.Str("note_text_full"), c.Str("expected_origin"), verifiers, logKey);

        Assert.Equal(c.Str("result"), NoteVectorTests.Result(opened));
        if (opened.IsSuccess && c.Has("size"))
        {
            Assert.Equal(c.GetProperty("size").GetUInt64(), opened.Value.Checkpoint.Size);
        }

        var count = c.Has("verified_count") ? c.Int("verified_count") : c.Has("verified_signature_count") ? c.Int("verified_signature_count") : (long?)null;
        if (count is not null)
        {
            var note = SignedNote.Open(c.Str("note_text_full"), verifiers);
            Assert.Equal(count, note.Value.Signatures.Count);
        }
    }
}
