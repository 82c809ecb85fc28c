using System.Buffers.Binary;
using System.Text;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Entries;

/// <summary>
/// The part of an entry every party sees: the log leaf. Its bytes are a fixed binary layout, all integers big-endian:
/// <code>
/// "liaison/leaf/v1\n"                    16 bytes of ASCII context
/// u16 n, type                            UTF-8
/// u16 n, author                          UTF-8
/// u8 count, then per party: u8 n, code   ASCII, in the payload's order
/// i64 serverTime                         milliseconds since 1970-01-01T00:00:00Z
/// u8 n, keyId                            ASCII
/// u8 n, signature                        64 bytes for Ed25519
/// 32 bytes SHA-256(payload)
/// </code>
/// The log hashes it as RFC 6962 <c>SHA-256(0x00 || leaf)</c>. Changing this layout changes every leaf hash: don't.
/// </summary>
public sealed record EntryLeaf(
    string Type,
    string Author,
    IReadOnlyList<PartyCode> Audience,
    DateTimeOffset ServerTime,
    string KeyId,
    byte[] Signature,
    byte[] PayloadSha256)
{
    private static ReadOnlySpan<byte> Context => "liaison/leaf/v1\n"u8;

    /// <summary>The leaf's canonical bytes.</summary>
    /// <exception cref="ArgumentException">A field is longer than its length prefix allows, or the payload hash is not 32 bytes.</exception>
    public byte[] Encode()
    {
        if (PayloadSha256.Length != 32)
        {
            throw new ArgumentException("The payload hash is 32 bytes.", nameof(PayloadSha256));
        }

        var type = Encoding.UTF8.GetBytes(Type);
        var author = Encoding.UTF8.GetBytes(Author);
        var keyId = Encoding.ASCII.GetBytes(KeyId);
        if (type.Length > ushort.MaxValue || author.Length > ushort.MaxValue || keyId.Length > byte.MaxValue || Signature.Length > byte.MaxValue || Audience.Count > byte.MaxValue)
        {
            throw new ArgumentException("A leaf field is too long for its length prefix.");
        }

        using var stream = new MemoryStream();
        stream.Write(Context);
        WriteU16(stream, type.Length);
        stream.Write(type);
        WriteU16(stream, author.Length);
        stream.Write(author);
        stream.WriteByte((byte)Audience.Count);
        foreach (var party in Audience)
        {
            var code = Encoding.ASCII.GetBytes(party.Value);
            stream.WriteByte((byte)code.Length);
            stream.Write(code);
        }

        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, ServerTime.ToUnixTimeMilliseconds());
        stream.Write(time);
        stream.WriteByte((byte)keyId.Length);
        stream.Write(keyId);
        stream.WriteByte((byte)Signature.Length);
        stream.Write(Signature);
        stream.Write(PayloadSha256);
        return stream.ToArray();
    }

    private static void WriteU16(Stream stream, int value)
    {
        Span<byte> buffer = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(buffer, checked((ushort)value));
        stream.Write(buffer);
    }
}
