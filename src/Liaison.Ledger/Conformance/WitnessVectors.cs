using System.Security.Cryptography;
using System.Text.Json;
using Liaison.Ledger.Checkpoints;
using Liaison.Ledger.Notes;
using Liaison.Ledger.Witness;
using static Liaison.Ledger.Conformance.CaseOutcome;

namespace Liaison.Ledger.Conformance;

/// <summary>
/// Checks for <c>checkpoint/witness</c>: each case is one step of a sequence that shares witness state, so a step is
/// checked by replaying its sequence from the setup on step 0 up to it. The witness key is fixed (the vectors only
/// look for its name) and so is the time.
/// </summary>
internal static class WitnessVectors
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);

    public static CaseOutcome Step(JsonElement file, JsonElement c)
    {
        var sequence = c.Str("sequence");
        var step = c.Int("step");
        var steps = file.GetProperty("cases").EnumerateArray()
            .Where(s => s.Str("sequence") == sequence)
            .OrderBy(s => s.Int("step"))
            .ToList();
        var setupCase = steps.FirstOrDefault(s => s.Int("step") == 0);
        if (setupCase.ValueKind == JsonValueKind.Undefined || !setupCase.TryGetProperty("witness_setup", out var setup))
        {
            return Fail($"sequence {sequence} has no witness_setup on step 0");
        }

        var logKey = NoteVerifierKey.Parse(setup.Str("log_vkey"));
        if (!logKey.IsSuccess)
        {
            return Fail($"log vkey: {logKey.Error.Detail}");
        }

        var origin = setup.Str("log_origin");
        var logs = new[] { new WitnessedLog(origin, [logKey.Value]) };
        var records = new Dictionary<string, WitnessRecord>(StringComparer.Ordinal);
        using var signer = CosignatureSigner.FromSeed(setup.Str("witness_name"), SHA256.HashData("liaison conformance witness"u8));
        AddCheckpointResponse? response = null;
        foreach (var current in steps.TakeWhile(s => s.Int("step") <= step))
        {
            response = CheckpointWitness.AddCheckpoint(current.Str("request_body"), logs, records, signer, Now);
            if (response.NewRecord is { } record)
            {
                records[record.Origin] = record;
            }
        }

        if (response is null)
        {
            return Fail("the step is not in its sequence");
        }

        var expectedBody = c.Str("expected_body_contains");
        return All(
            ExpectHex("log public key", setup.Str("log_public_key_hex"), logKey.Value.PublicKey),
            Expect("status", c.Int("expected_status"), (long)response.StatusCode),
            response.Body.Contains(expectedBody, StringComparison.Ordinal) ? Pass : Fail($"body {response.Body.TrimEnd()} does not contain {expectedBody.TrimEnd()}"),
            response.StatusCode == 409 ? Expect("content type", AddCheckpointResponse.TreeSizeContentType, response.ContentType) : Pass,
            response.Checkpoint is { } cosigned ? CosignatureVerifies(cosigned, signer.VerifierKey) : Pass);
    }

    private static CaseOutcome CosignatureVerifies(string cosignedNote, NoteVerifierKey witnessKey)
    {
        var opened = SignedNote.Open(cosignedNote, [witnessKey]);
        return opened.IsSuccess ? Pass : Fail($"the witness's cosigned checkpoint does not open with its key: {opened.Error.Detail}");
    }
}
