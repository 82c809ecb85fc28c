using System.Buffers.Binary;
using Liaison.Ledger.Codec;
using Liaison.Ledger.Crypto;
using Liaison.Ledger.Notes;

namespace Liaison.Ledger.Checkpoints;

/// <summary>
/// An Ed25519 cosignature/v1 (C2SP tlog-cosignature, key type 0x04): a note signature whose bytes are the 4-byte key
/// ID, a u64 big-endian POSIX timestamp (at most 2^63 - 1) and an Ed25519 signature over
/// <c>"cosignature/v1\ntime &lt;timestamp&gt;\n" || checkpoint body</c>. Immutable.
/// </summary>
public sealed class Cosignature
{
    /// <summary>The length of the decoded signature bytes: key ID, timestamp and Ed25519 signature.</summary>
    public const int EncodedLength = 4 + 8 + Ed25519PublicKey.SignatureLength;

    private readonly byte[] _signature;

    private Cosignature(string name, uint keyId, long timestamp, byte[] signature)
    {
        Name = name;
        KeyId = keyId;
        Timestamp = timestamp;
        _signature = signature;
    }

    /// <summary>The cosigner's key name.</summary>
    public string Name { get; }

    /// <summary>The cosigner's key ID.</summary>
    public uint KeyId { get; }

    /// <summary>Seconds since the Unix epoch when the cosigner signed.</summary>
    public long Timestamp { get; }

    /// <summary>The 64-byte Ed25519 signature.</summary>
    public ReadOnlySpan<byte> Signature => _signature;

    /// <summary>The message a cosignature/v1 signs for <paramref name="checkpointBody"/> at <paramref name="timestamp"/>.</summary>
    public static byte[] SignedMessage(long timestamp, string checkpointBody) =>
        CosignatureMessage.Build(timestamp, SignedNote.TextBytes(checkpointBody));

    /// <summary>Parses a signature line (<c>— name base64\n</c>; the final newline may be left off).</summary>
    public static LedgerResult<Cosignature> ParseLine(string? line)
    {
        if (line is null || !line.StartsWith(NoteText.SignaturePrefix, StringComparison.Ordinal))
        {
            return LedgerError.Malformed("A signature line starts with an em dash and a space.");
        }

        var rest = line[NoteText.SignaturePrefix.Length..];
        rest = rest.EndsWith('\n') ? rest[..^1] : rest;
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !NoteText.IsValidKeyName(rest[..space]))
        {
            return LedgerError.Malformed("A signature line is a key name, a space and base64.");
        }

        return Decode(rest[..space], rest[(space + 1)..]);
    }

    /// <summary>Reads a note signature as a cosignature.</summary>
    public static LedgerResult<Cosignature> FromNoteSignature(NoteSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return Decode(signature.Name, signature.Base64);
    }

    /// <summary>The timestamp of a cosignature given as the base64 of its signature bytes.</summary>
    public static LedgerResult<long> ParseTimestamp(string? base64) => Decode("timestamp", base64).Map(c => c.Timestamp);

    /// <summary>True when <paramref name="key"/> (type 0x04) made this cosignature over <paramref name="checkpointBody"/>.</summary>
    public bool Verify(NoteVerifierKey key, string checkpointBody)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Type != NoteKeyType.Ed25519Cosignature || key.Name != Name || key.KeyId != KeyId)
        {
            return false;
        }

        var timestamped = new byte[8 + _signature.Length];
        BinaryPrimitives.WriteUInt64BigEndian(timestamped, (ulong)Timestamp);
        _signature.CopyTo(timestamped, 8);
        return key.Verify(SignedNote.TextBytes(checkpointBody), timestamped);
    }

    private static LedgerResult<Cosignature> Decode(string name, string? base64)
    {
        var bytes = base64 is null ? null : StrictBase64.Decode(base64, canonical: false);
        if (bytes is null || bytes.Length != EncodedLength)
        {
            return LedgerError.Malformed($"A cosignature is base64 of {EncodedLength} bytes.");
        }

        var timestamp = BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(4));
        if (timestamp > long.MaxValue)
        {
            return LedgerError.Malformed("A cosignature timestamp is at most 2^63 - 1.");
        }

        return new Cosignature(name, BinaryPrimitives.ReadUInt32BigEndian(bytes), (long)timestamp, bytes[12..]);
    }
}
