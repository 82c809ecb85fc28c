using System.Globalization;
using System.Text.Json;
using Liaison.Ledger.Checkpoints;
using Liaison.Ledger.Notes;
using static Liaison.Ledger.Conformance.CaseOutcome;

namespace Liaison.Ledger.Conformance;

/// <summary>Checks for the <c>note/*</c> and <c>checkpoint/*</c> kinds other than the witness.</summary>
internal static class NoteVectors
{
    /// <summary>The result names the vectors use, after golang.org/x/mod/sumdb/note's errors.</summary>
    public static string ResultName(LedgerErrorKind kind) => kind switch
    {
        LedgerErrorKind.Malformed => "malformed",
        LedgerErrorKind.InvalidSignature => "invalid_signature",
        LedgerErrorKind.NoVerifiableSignature => "no_verifiable_signature",
        LedgerErrorKind.AmbiguousKey => "ambiguous_key",
        LedgerErrorKind.NoLogSignature => "no_log_signature",
        LedgerErrorKind.WrongOrigin => "wrong_origin",
        LedgerErrorKind.BadCheckpoint => "bad_body",
        LedgerErrorKind.UnsupportedAlgorithm => "unsupported_algorithm",
        LedgerErrorKind.KeyIdMismatch => "key_id_mismatch",
        LedgerErrorKind.InvalidProof => "invalid_proof",
        _ => kind.ToString(),
    };

    public static CaseOutcome Key(JsonElement c)
    {
        var kind = c.OptionalStr("key_kind") ?? (c.Has("skey") ? "skey" : "vkey");
        var valid = c.Bool("valid");
        if (kind == "skey")
        {
            var parsed = NoteSignerKey.Parse(c.Str("skey"));
            if (!valid || !parsed.IsSuccess)
            {
                if (parsed.IsSuccess)
                {
                    parsed.Value.Dispose();
                }

                return Expect("skey accepted", valid, parsed.IsSuccess);
            }

            using var signer = parsed.Value;
            return All(
                Expect("name", c.Str("name"), signer.Name),
                Expect("key ID", c.Str("key_id_hex"), signer.KeyId.ToString("x8", CultureInfo.InvariantCulture)),
                ExpectHex("seed", c.Str("seed_hex"), signer.ExportSeed()),
                ExpectHex("public key", c.Str("public_key_hex"), signer.VerifierKey.PublicKey),
                Expect("round trip", c.Str("skey"), signer.ExportSkey()));
        }

        var vkey = NoteVerifierKey.Parse(c.Str("vkey"));
        if (!valid || !vkey.IsSuccess)
        {
            return Expect("vkey accepted", valid, vkey.IsSuccess);
        }

        var key = vkey.Value;
        return All(
            Expect("name", c.Str("name"), key.Name),
            Expect("key ID", c.Str("key_id_hex"), key.KeyId.ToString("x8", CultureInfo.InvariantCulture)),
            c.OptionalInt("signature_type") is { } type ? Expect("signature type", type, (long)key.Type) : Pass,
            ExpectHex("public key", c.Str("public_key_hex"), key.PublicKey),
            Expect("round trip", c.Str("vkey"), key.ToString()));
    }

    public static CaseOutcome SignedNote(JsonElement c)
    {
        if (c.Str("kind") == "sign")
        {
            var signers = c.StrList("signer_skeys").Select(s => NoteSignerKey.Parse(s)).ToList();
            try
            {
                var bad = signers.Where(s => !s.IsSuccess).Select(s => s.Error.Detail).FirstOrDefault();
                return bad is not null
                    ? Fail($"skey: {bad}")
                    : Expect("note", c.Str("expected_note"), Notes.SignedNote.Sign(c.Str("body"), signers.Select(s => s.Value)));
            }
            finally
            {
                foreach (var signer in signers.Where(s => s.IsSuccess))
                {
                    signer.Value.Dispose();
                }
            }
        }

        var keys = Verifiers(c, "verifier_vkeys");
        if (keys is null)
        {
            return Fail("a verifier key does not parse");
        }

        var opened = Notes.SignedNote.Open(c.Str("note_text_full"), keys);
        var outcome = Expect("result", c.Str("result"), opened.IsSuccess ? "ok" : ResultName(opened.Error.Kind));
        if (!outcome.Passed || !opened.IsSuccess)
        {
            return outcome;
        }

        var note = opened.Value;
        return All(
            c.OptionalStr("body") is { } body ? Expect("text", body, note.Text) : Pass,
            c.Has("verified_signature_lines") ? Expect("verified", string.Join("|", c.StrList("verified_signature_lines")), string.Join("|", note.Signatures)) : Pass,
            c.Has("unverified_signature_lines") ? Expect("unverified", string.Join("|", c.StrList("unverified_signature_lines")), string.Join("|", note.UnverifiedSignatures)) : Pass);
    }

    public static CaseOutcome CheckpointBody(JsonElement c)
    {
        var body = c.Str("body");
        var parsed = Checkpoint.Parse(body);
        var outcome = Expect("strict C2SP verdict", c.Bool("c2sp_strict_valid"), parsed.IsSuccess);
        if (!outcome.Passed || !parsed.IsSuccess)
        {
            return outcome;
        }

        var checkpoint = parsed.Value;
        var expected = c.GetProperty("parsed");
        return All(
            Expect("origin", expected.Str("origin"), checkpoint.Origin),
            Expect("size", expected.GetProperty("size").GetUInt64(), checkpoint.Size),
            ExpectHex("root", expected.Str("root_hex"), checkpoint.RootHash),
            Expect("extensions", string.Join("|", expected.StrList("extension_lines")), string.Join("|", checkpoint.Extensions)),
            Expect("round trip", body, checkpoint.ToBody()));
    }

    public static CaseOutcome Cosignature(JsonElement c)
    {
        switch (c.OptionalStr("kind"))
        {
            case null:
                using (var signer = CosignatureSigner.FromSeed(c.Str("cosigner_name"), c.Hex("seed_hex")))
                {
                    var body = c.Str("checkpoint_body");
                    var timestamp = c.Int("timestamp");
                    var line = signer.Sign(body, timestamp).Line;
                    var parsed = Checkpoints.Cosignature.ParseLine(line);
                    return All(
                        Expect("vkey", c.Str("vkey"), signer.VerifierKey.ToString()),
                        Expect("key ID", c.Str("key_id_hex"), signer.VerifierKey.KeyId.ToString("x8", CultureInfo.InvariantCulture)),
                        ExpectHex("public key", c.Str("public_key_hex"), signer.VerifierKey.PublicKey),
                        Expect("signed message", c.Str("signed_message"), NoteTextOf(Checkpoints.Cosignature.SignedMessage(timestamp, body))),
                        Expect("signature line", c.Str("expected_signature_line"), line),
                        Expect("verifies", true, parsed.IsSuccess && parsed.Value.Verify(signer.VerifierKey, body)));
                }

            case "parse":
                var cosignature = Checkpoints.Cosignature.ParseLine(c.Str("signature_line"));
                if (!cosignature.IsSuccess)
                {
                    return Fail($"parse: {cosignature.Error.Detail}");
                }

                var value = cosignature.Value;
                return All(
                    Expect("key ID", c.Str("expected_key_id_hex"), value.KeyId.ToString("x8", CultureInfo.InvariantCulture)),
                    Expect("timestamp", c.Int("expected_timestamp"), value.Timestamp),
                    ExpectHex("signature", c.Str("expected_ed25519_signature_hex"), value.Signature),
                    Expect("signed message", c.Str("expected_signed_message"), NoteTextOf(Checkpoints.Cosignature.SignedMessage(value.Timestamp, c.Str("checkpoint_body")))));
            case "timestamp":
                var parsedTimestamp = Checkpoints.Cosignature.ParseTimestamp(c.Str("signature_base64"));
                return c.Bool("want_error")
                    ? Expect("rejected", false, parsedTimestamp.IsSuccess)
                    : parsedTimestamp.IsSuccess ? Expect("timestamp", c.Int("expected_timestamp"), parsedTimestamp.Value) : Fail(parsedTimestamp.Error.Detail);
            case var other:
                return Fail($"unknown case kind {other}");
        }
    }

    public static CaseOutcome SignedCheckpoint(JsonElement c)
    {
        var keys = Verifiers(c, "verifier_vkeys");
        var logKey = c.OptionalStr("log_vkey") is { } text ? NoteVerifierKey.Parse(text) : (LedgerResult<NoteVerifierKey>?)null;
        if (keys is null || logKey is { IsSuccess: false })
        {
            return Fail("a verifier key does not parse");
        }

        var note = c.Str("note_text_full");
        var opened = Checkpoints.SignedCheckpoint.Open(note, c.Str("expected_origin"), keys, logKey?.Value);
        var outcomes = new List<CaseOutcome> { Expect("result", c.Str("result"), opened.IsSuccess ? "ok" : ResultName(opened.Error.Kind)) };
        if (opened.IsSuccess && c.Has("size"))
        {
            outcomes.Add(Expect("size", c.GetProperty("size").GetUInt64(), opened.Value.Checkpoint.Size));
        }

        if ((c.OptionalInt("verified_count") ?? c.OptionalInt("verified_signature_count")) is { } count)
        {
            var known = logKey is { } log && !keys.Contains(log.Value) ? [.. keys, log.Value] : keys;
            var signatures = Notes.SignedNote.Open(note, known);
            outcomes.Add(signatures.IsSuccess ? Expect("verified signatures", count, signatures.Value.Signatures.Count) : Fail($"note: {signatures.Error.Detail}"));
        }

        return All([.. outcomes]);
    }

    internal static IReadOnlyList<NoteVerifierKey>? Verifiers(JsonElement c, string field)
    {
        var parsed = c.StrList(field).Select(NoteVerifierKey.Parse).ToList();
        return parsed.All(p => p.IsSuccess) ? [.. parsed.Select(p => p.Value)] : null;
    }

    private static string NoteTextOf(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);
}
