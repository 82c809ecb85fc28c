using Liaison.Ledger.Checkpoints;
using Liaison.Ledger.Notes;
using Liaison.Ledger.Witness;

namespace Liaison.Ledger.Tests.Witness;

public sealed class WitnessVectorTests
{
    private const string File = "checkpoint/witness_add_checkpoint.json";

    [Theory]
    [MemberData(nameof(Vectors.Ids), File, MemberType = typeof(Vectors))]
    public void AddCheckpoint_SequenceStep_GivesExpectedStatusAndBody(string id)
    {
        var c = Vectors.Case(File, id);
        var steps = Vectors.File(File).GetProperty("cases").EnumerateArray()
            .Where(s => s.Str("sequence") == c.Str("sequence"))
            .OrderBy(s => s.Int("step"))
            .ToList();
        var setup = steps[0].GetProperty("witness_setup");
        var logKey = NoteVerifierKey.Parse(setup.Str("log_vkey")).Value;
        WitnessedLog[] logs = [new(setup.Str("log_origin"), [logKey])];
        var records = new Dictionary<string, WitnessRecord>();
        using var signer = CosignatureSigner.FromSeed(setup.Str("witness_name"), new byte[32]);
        var now = new DateTimeOffset(2026, 1, 9, 12, 0, 0, TimeSpan.Zero);

        AddCheckpointResponse? response = null;
        foreach (var step in steps.TakeWhile(s => s.Int("step") <= c.Int("step")))
        {
            response = CheckpointWitness.AddCheckpoint(step.Str("request_body"), logs, records, signer, now);
            if (response.NewRecord is { } record)
            {
                records[record.Origin] = record;
            }
        }

        Assert.NotNull(response);
        Assert.Equal(setup.Str("log_public_key_hex"), TestTrees.Hex(logKey.PublicKey));
        Assert.Equal(c.Int("expected_status"), response.StatusCode);
        Assert.Contains(c.Str("expected_body_contains"), response.Body, StringComparison.Ordinal);
        if (response.IsCosigned)
        {
            Assert.True(SignedNote.Open(response.Checkpoint!, [signer.VerifierKey]).IsSuccess);
            Assert.True(SignedNote.Open(response.Checkpoint!, [logKey]).IsSuccess);
        }
    }
}
