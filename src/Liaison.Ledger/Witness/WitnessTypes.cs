using Liaison.Ledger.Merkle;
using Liaison.Ledger.Notes;

namespace Liaison.Ledger.Witness;

/// <summary>A log the witness follows: its origin line and the keys whose signatures it trusts on that log's checkpoints.</summary>
/// <param name="Origin">The checkpoint origin line that names the log.</param>
/// <param name="Keys">The log's verifier keys.</param>
public sealed record WitnessedLog(string Origin, IReadOnlyList<NoteVerifierKey> Keys);

/// <summary>
/// The latest checkpoint a witness cosigned for one log: what it must stay consistent with. A log the witness
/// never cosigned is at size 0 with the empty-tree root.
/// </summary>
public sealed class WitnessRecord
{
    private readonly byte[] _rootHash;

    /// <summary>Creates a record.</summary>
    /// <exception cref="ArgumentException">The size is negative or the root is not 32 bytes.</exception>
    public WitnessRecord(string origin, long size, ReadOnlySpan<byte> rootHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(origin);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (rootHash.Length != Rfc6962.HashLength)
        {
            throw new ArgumentException("A root hash is 32 bytes.", nameof(rootHash));
        }

        Origin = origin;
        Size = size;
        _rootHash = rootHash.ToArray();
    }

    /// <summary>The log's origin.</summary>
    public string Origin { get; }

    /// <summary>The cosigned tree size.</summary>
    public long Size { get; }

    /// <summary>The cosigned root hash.</summary>
    public ReadOnlySpan<byte> RootHash => _rootHash;

    /// <summary>The state of a log never cosigned: size 0, empty-tree root.</summary>
    public static WitnessRecord Empty(string origin) => new(origin, 0, Rfc6962.EmptyRoot());
}

/// <summary>
/// The answer to a C2SP tlog-witness add-checkpoint request, ready to send: status code, content type and body.
/// On 200, <see cref="NewRecord"/> is the state to persist, atomically with the check that the stored size is still
/// the request's old size, and <see cref="Checkpoint"/> is the cosigned note to keep (the log's verified signatures
/// and the witness's own, never unverified lines).
/// </summary>
/// <param name="StatusCode">HTTP status: 200, 400, 403, 404, 409 or 422.</param>
/// <param name="ContentType">The media type of <paramref name="Body"/>.</param>
/// <param name="Body">Cosignature lines on 200, the recorded size and a newline on 409, a short reason otherwise.</param>
/// <param name="NewRecord">The new state on 200, otherwise null.</param>
/// <param name="Checkpoint">The cosigned checkpoint note on 200, otherwise null.</param>
public sealed record AddCheckpointResponse(int StatusCode, string ContentType, string Body, WitnessRecord? NewRecord = null, string? Checkpoint = null)
{
    /// <summary>The media type of a 409 body, per C2SP tlog-witness.</summary>
    public const string TreeSizeContentType = "text/x.tlog.size";

    /// <summary>The media type of every other body.</summary>
    public const string TextContentType = "text/plain; charset=utf-8";

    /// <summary>True for 200: the witness cosigned.</summary>
    public bool IsCosigned => StatusCode == 200;
}
