using Liaison.Ledger.Checkpoints;
using Liaison.Ledger.Codec;
using Liaison.Ledger.Merkle;
using Liaison.Ledger.Notes;

namespace Liaison.Ledger.Witness;

/// <summary>
/// The witness side of C2SP tlog-witness add-checkpoint as a pure function: the request, the logs the witness
/// follows, its current records, its cosigning key and the time in; the HTTP answer and the new record out.
/// The caller persists <see cref="AddCheckpointResponse.NewRecord"/> atomically with a check that the stored size
/// still equals the request's old size (otherwise two concurrent requests could roll the log back).
/// </summary>
public static class CheckpointWitness
{
    /// <summary>
    /// Evaluates one add-checkpoint request. In order: a malformed request is 400; an unknown origin is 404; a note
    /// that does not verify with the log's keys is 403 (400 if the note itself is malformed); a body that is not a
    /// strict checkpoint, has extension lines (the cosignature would cover lines this witness does not check), or has
    /// an old size above its size is 400; a size-0 checkpoint without the empty-tree root is 422; an old size other
    /// than the recorded one is 409 with the recorded size as body; a bad proof, a proof with old size 0, or equal
    /// sizes with a different root is 422; otherwise 200 with the witness's cosignature line.
    /// </summary>
    public static AddCheckpointResponse AddCheckpoint(
        string requestBody,
        IReadOnlyCollection<WitnessedLog> logs,
        IReadOnlyDictionary<string, WitnessRecord> records,
        CosignatureSigner signer,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(signer);

        var parsed = AddCheckpointRequest.Parse(requestBody);
        if (!parsed.IsSuccess)
        {
            return Text(400, $"invalid input: {parsed.Error.Detail}");
        }

        var request = parsed.Value;
        var newline = request.Note.IndexOf('\n', StringComparison.Ordinal);
        var origin = newline < 0 ? request.Note : request.Note[..newline];
        var log = logs.FirstOrDefault(l => l.Origin == origin);
        if (log is null)
        {
            return Text(404, "unknown log");
        }

        var opened = SignedNote.Open(request.Note, log.Keys);
        if (!opened.IsSuccess)
        {
            return opened.Error.Kind is LedgerErrorKind.InvalidSignature or LedgerErrorKind.NoVerifiableSignature
                ? Text(403, $"invalid signature: {opened.Error.Detail}")
                : Text(400, $"invalid input: {opened.Error.Detail}");
        }

        var note = opened.Value;
        var body = Checkpoint.Parse(note.Text);
        if (!body.IsSuccess)
        {
            return Text(400, $"invalid checkpoint: {body.Error.Detail}");
        }

        var checkpoint = body.Value;
        if (checkpoint.Extensions.Count > 0)
        {
            return Text(400, "invalid checkpoint: extension lines are not supported");
        }

        if (checkpoint.Size > long.MaxValue)
        {
            return Text(400, "invalid checkpoint: the tree size is too large");
        }

        var size = (long)checkpoint.Size;
        if (request.OldSize > size)
        {
            return Text(400, "invalid input: the old size is larger than the checkpoint size");
        }

        if (size == 0 && !checkpoint.RootHash.SequenceEqual(Rfc6962.EmptyRoot()))
        {
            return Text(422, "bad consistency proof: a tree of size 0 has the empty-tree root");
        }

        var recorded = records.TryGetValue(origin, out var record) ? record : WitnessRecord.Empty(origin);
        if (recorded.Size != request.OldSize)
        {
            return new AddCheckpointResponse(409, AddCheckpointResponse.TreeSizeContentType, $"{DecimalText.Format(recorded.Size)}\n");
        }

        if (request.OldSize == 0)
        {
            if (request.Proof.Count != 0)
            {
                return Text(422, "bad consistency proof: the proof from size 0 is empty");
            }
        }
        else
        {
            var consistent = MerkleTree.VerifyConsistency(request.OldSize, size, recorded.RootHash, checkpoint.RootHash, request.Proof);
            if (!consistent.IsSuccess)
            {
                return Text(422, $"bad consistency proof: {consistent.Error.Detail}");
            }
        }

        var text = checkpoint.ToBody();
        var cosignature = signer.Sign(text, now);
        var stored = string.Concat(note.Signatures.Select(s => s.Line)) + cosignature.Line;
        return new AddCheckpointResponse(
            200,
            AddCheckpointResponse.TextContentType,
            cosignature.Line,
            new WitnessRecord(origin, size, checkpoint.RootHash),
            $"{text}\n{stored}");
    }

    private static AddCheckpointResponse Text(int status, string message) =>
        new(status, AddCheckpointResponse.TextContentType, message + "\n");
}
