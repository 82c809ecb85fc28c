using Liaison.Ledger.Codec;
using Liaison.Ledger.Merkle;

namespace Liaison.Ledger.Witness;

/// <summary>
/// A parsed C2SP tlog-witness add-checkpoint request body: <c>old &lt;size&gt;</c>, up to 63 base64 consistency-proof
/// hashes, a blank line, then the signed checkpoint note.
/// </summary>
public sealed class AddCheckpointRequest
{
    /// <summary>The most consistency-proof lines a request may carry.</summary>
    public const int MaxProofLines = 63;

    private AddCheckpointRequest(long oldSize, IReadOnlyList<byte[]> proof, string note)
    {
        OldSize = oldSize;
        Proof = proof;
        Note = note;
    }

    /// <summary>The size of the checkpoint the client believes the witness last cosigned.</summary>
    public long OldSize { get; }

    /// <summary>The consistency proof from <see cref="OldSize"/> to the new checkpoint's size.</summary>
    public IReadOnlyList<byte[]> Proof { get; }

    /// <summary>The signed checkpoint note, as sent.</summary>
    public string Note { get; }

    /// <summary>Parses a request body; <see cref="LedgerErrorKind.Malformed"/> when it does not follow the format.</summary>
    public static LedgerResult<AddCheckpointRequest> Parse(string? body)
    {
        var split = body?.IndexOf("\n\n", StringComparison.Ordinal) ?? -1;
        if (body is null || split < 0)
        {
            return LedgerError.Malformed("A request is an old size line, proof lines, a blank line and a checkpoint.");
        }

        var lines = body[..split].Split('\n');
        if (!lines[0].StartsWith("old ", StringComparison.Ordinal) || DecimalText.ParseInt64(lines[0].AsSpan(4)) is not { } oldSize)
        {
            return LedgerError.Malformed("The first line is \"old \" and a decimal size without leading zeroes.");
        }

        if (lines.Length - 1 > MaxProofLines)
        {
            return LedgerError.Malformed($"A request carries at most {MaxProofLines} proof lines.");
        }

        var proof = new List<byte[]>(lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            var hash = StrictBase64.Decode(line, canonical: true);
            if (hash is null || hash.Length != Rfc6962.HashLength)
            {
                return LedgerError.Malformed("Each proof line is canonical base64 of a 32-byte hash.");
            }

            proof.Add(hash);
        }

        return new AddCheckpointRequest(oldSize, proof, body[(split + 2)..]);
    }
}
