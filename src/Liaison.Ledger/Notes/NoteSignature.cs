using System.Buffers.Binary;

namespace Liaison.Ledger.Notes;

/// <summary>One signature line of a signed note: <c>— &lt;name&gt; base64(key ID || signature)</c>.</summary>
/// <param name="Name">The signer's key name.</param>
/// <param name="KeyId">The signer's 32-bit key ID.</param>
/// <param name="Base64">The base64 text of the key ID and signature bytes, exactly as written in the line.</param>
public sealed record NoteSignature(string Name, uint KeyId, string Base64)
{
    /// <summary>The whole line, from the em dash to the final newline.</summary>
    public string Line => $"{NoteText.SignaturePrefix}{Name} {Base64}\n";

    /// <summary>Builds the signature of <paramref name="name"/>/<paramref name="keyId"/> from the raw signature bytes.</summary>
    public static NoteSignature Create(string name, uint keyId, ReadOnlySpan<byte> signature)
    {
        var bytes = new byte[4 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, keyId);
        signature.CopyTo(bytes.AsSpan(4));
        return new NoteSignature(name, keyId, Convert.ToBase64String(bytes));
    }

    /// <summary>The signature bytes after the key ID.</summary>
    public byte[] SignatureBytes() => Convert.FromBase64String(Base64)[4..];

    /// <summary>The line without the em dash and the newline: <c>&lt;name&gt; &lt;base64&gt;</c>.</summary>
    public override string ToString() => $"{Name} {Base64}";
}
