using Liaison.Ledger.Witness;

namespace Liaison.Cli.Witness;

/// <summary>
/// The latest checkpoint the witness cosigned for one log, as kept in its data folder.
/// </summary>
/// <param name="Origin">The log's origin line.</param>
/// <param name="Size">The cosigned tree size.</param>
/// <param name="RootHash">The cosigned root hash, canonical base64 of 32 bytes.</param>
/// <param name="Checkpoint">The cosigned note: the checkpoint body, the log's verified signatures and the witness's cosignature.</param>
/// <param name="CosignedAt">When the witness cosigned it (UTC).</param>
public sealed record WitnessStateEntry(string Origin, long Size, string RootHash, string Checkpoint, DateTimeOffset CosignedAt)
{
    /// <summary>The entry for a checkpoint just cosigned.</summary>
    public static WitnessStateEntry From(WitnessRecord record, string cosignedCheckpoint, DateTimeOffset cosignedAt)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Origin, record.Size, Convert.ToBase64String(record.RootHash), cosignedCheckpoint, cosignedAt);
    }

    /// <summary>The record the witness rule checks new checkpoints against.</summary>
    public WitnessRecord ToRecord() => new(Origin, Size, Convert.FromBase64String(RootHash));

    /// <summary>
    /// Null when the entry is whole: a size that is not negative, a 32-byte root, and a cosigned note whose body is a
    /// checkpoint of this origin, size and root. Otherwise why not.
    /// </summary>
    internal string? Problem()
    {
        if (string.IsNullOrEmpty(Origin) || Size < 0 || string.IsNullOrEmpty(RootHash) || string.IsNullOrEmpty(Checkpoint))
        {
            return "it lacks the origin, size, root or checkpoint";
        }

        var split = Checkpoint.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return "its checkpoint is not a signed note";
        }

        var parsed = Liaison.Ledger.Checkpoints.Checkpoint.Parse(Checkpoint[..(split + 1)]);
        if (!parsed.IsSuccess)
        {
            return "its checkpoint's body is not a checkpoint";
        }

        var body = parsed.Value;
        return body.Origin == Origin && body.Size == (ulong)Size && Convert.ToBase64String(body.RootHash) == RootHash
            ? null
            : "its checkpoint does not match its origin, size and root";
    }
}

/// <summary>
/// Evidence that a log forked: a checkpoint the log signed that contradicts one the witness cosigned before. One JSON
/// line in <c>forks.log</c>; both notes verify with the log's key, so the evidence stands on its own.
/// </summary>
/// <param name="DetectedAt">When the witness saw the contradicting checkpoint (UTC).</param>
/// <param name="Origin">The log's origin line.</param>
/// <param name="Kind"><see cref="SameSizeDifferentRoot"/> or <see cref="UnprovenConsistency"/>.</param>
/// <param name="Detail">The witness rule's reason for refusing the new checkpoint.</param>
/// <param name="Cosigned">The checkpoint the witness cosigned before.</param>
/// <param name="Presented">The new checkpoint, with the old size and proof that came with it.</param>
public sealed record ForkEvidence(DateTimeOffset DetectedAt, string Origin, string Kind, string Detail, ForkCheckpoint Cosigned, ForkCheckpoint Presented)
{
    /// <summary>Two checkpoints of the same size with different roots: a fork beyond doubt.</summary>
    public const string SameSizeDifferentRoot = "same-size-different-root";

    /// <summary>A larger checkpoint whose consistency proof from the cosigned one does not verify: a fork, or a wrong proof.</summary>
    public const string UnprovenConsistency = "unproven-consistency";
}

/// <summary>One checkpoint of a <see cref="ForkEvidence"/>.</summary>
/// <param name="Size">The tree size.</param>
/// <param name="RootHash">The root hash in base64.</param>
/// <param name="Note">The signed note as the witness has it.</param>
/// <param name="OldSize">For the presented checkpoint, the old size of the request; otherwise null.</param>
/// <param name="Proof">For the presented checkpoint, the consistency proof of the request (base64 hashes); otherwise null.</param>
public sealed record ForkCheckpoint(long Size, string RootHash, string Note, long? OldSize = null, IReadOnlyList<string>? Proof = null);
