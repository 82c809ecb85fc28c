using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Liaison.Ledger.Codec;
using Liaison.Ledger.Crypto;

namespace Liaison.Ledger.Notes;

/// <summary>
/// A C2SP signed-note verifier key ("vkey"): <c>&lt;name&gt;+&lt;key ID as 8 lowercase hex digits&gt;+base64(type || key)</c>.
/// Ed25519 (type 0x01) and Ed25519 cosignature (0x04) keys verify signatures; ECDSA (0x02) and RFC 6962 (0x05)
/// keys are parsed and their key IDs checked, but signatures by them stay unverified. Immutable.
/// </summary>
public sealed class NoteVerifierKey : IEquatable<NoteVerifierKey>
{
    private readonly byte[] _key;
    private readonly Ed25519PublicKey? _ed25519;

    private NoteVerifierKey(string name, uint keyId, NoteKeyType type, byte[] key)
    {
        Name = name;
        KeyId = keyId;
        Type = type;
        _key = key;
        _ed25519 = type is NoteKeyType.Ed25519 or NoteKeyType.Ed25519Cosignature ? new Ed25519PublicKey(key) : null;
    }

    /// <summary>The key name, which signature lines carry.</summary>
    public string Name { get; }

    /// <summary>The 32-bit key ID, which prefixes each signature.</summary>
    public uint KeyId { get; }

    /// <summary>The signature type.</summary>
    public NoteKeyType Type { get; }

    /// <summary>The key material after the type byte (32 bytes for the Ed25519 types).</summary>
    public ReadOnlySpan<byte> PublicKey => _key;

    /// <summary>True for the types this library verifies: Ed25519 and Ed25519 cosignatures.</summary>
    public bool CanVerify => _ed25519 is not null;

    /// <summary>Parses a vkey strictly: valid name, lowercase hex ID, canonical base64, known type, matching key ID.</summary>
    public static LedgerResult<NoteVerifierKey> Parse(string? vkey)
    {
        if (vkey is null)
        {
            return LedgerError.Malformed("A verifier key is required.");
        }

        var parts = vkey.Split('+', 3);
        if (parts.Length != 3)
        {
            return LedgerError.Malformed("A verifier key has three parts: name+id+key.");
        }

        return Create(parts[0], parts[1], parts[2]);
    }

    /// <summary>The vkey of an Ed25519 note signer (type 0x01).</summary>
    public static NoteVerifierKey ForEd25519(string name, Ed25519PublicKey key) => ForType(name, NoteKeyType.Ed25519, key);

    /// <summary>The vkey of an Ed25519 cosigner (type 0x04, C2SP tlog-cosignature).</summary>
    public static NoteVerifierKey ForCosignature(string name, Ed25519PublicKey key) => ForType(name, NoteKeyType.Ed25519Cosignature, key);

    /// <summary>
    /// The key ID of a key: <c>SHA-256(name || 0x0A || type || key)[:4]</c> for the Ed25519 types;
    /// <c>SHA-256(key)[:4]</c> for ECDSA (the DER SubjectPublicKeyInfo); <c>SHA-256(name || 0x0A || 0x05 || SHA-256(key))[:4]</c>
    /// for RFC 6962.
    /// </summary>
    public static uint ComputeKeyId(string name, NoteKeyType type, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (type == NoteKeyType.EcdsaP256)
        {
            return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(key));
        }

        var material = type == NoteKeyType.Rfc6962TreeHead ? SHA256.HashData(key) : key.ToArray();
        var nameBytes = NoteText.Utf8.GetBytes(name);
        var input = new byte[nameBytes.Length + 2 + material.Length];
        nameBytes.CopyTo(input, 0);
        input[nameBytes.Length] = (byte)'\n';
        input[nameBytes.Length + 1] = (byte)type;
        material.CopyTo(input, nameBytes.Length + 2);
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    /// <summary>
    /// Checks <paramref name="signature"/> (the bytes after the 4-byte key ID) over the note <paramref name="text"/>.
    /// For cosignatures the signature is a u64 big-endian timestamp followed by Ed25519 over
    /// <c>"cosignature/v1\ntime &lt;t&gt;\n" || text</c>. False for types this library does not verify.
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature)
    {
        switch (Type)
        {
            case NoteKeyType.Ed25519:
                return _ed25519!.Verify(text, signature);
            case NoteKeyType.Ed25519Cosignature:
                if (signature.Length != 8 + Ed25519PublicKey.SignatureLength)
                {
                    return false;
                }

                var timestamp = BinaryPrimitives.ReadUInt64BigEndian(signature);
                return timestamp <= long.MaxValue
                    && _ed25519!.Verify(CosignatureMessage.Build((long)timestamp, text), signature[8..]);
            default:
                return false;
        }
    }

    /// <summary>The vkey text.</summary>
    public override string ToString()
    {
        var material = new byte[_key.Length + 1];
        material[0] = (byte)Type;
        _key.CopyTo(material, 1);
        return $"{Name}+{KeyId.ToString("x8", CultureInfo.InvariantCulture)}+{Convert.ToBase64String(material)}";
    }

    /// <inheritdoc />
    public bool Equals(NoteVerifierKey? other) =>
        other is not null && Name == other.Name && KeyId == other.KeyId && Type == other.Type && _key.AsSpan().SequenceEqual(other._key);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as NoteVerifierKey);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, KeyId);

    internal static LedgerResult<NoteVerifierKey> Create(string name, string keyIdHex, string keyBase64)
    {
        if (!NoteText.IsValidKeyName(name))
        {
            return LedgerError.Malformed("A key name is non-empty and has no spaces, '+' or control characters.");
        }

        if (ParseKeyId(keyIdHex) is not { } keyId)
        {
            return LedgerError.Malformed("A key ID is 8 lowercase hexadecimal digits.");
        }

        var material = StrictBase64.Decode(keyBase64, canonical: true);
        if (material is null || material.Length < 2)
        {
            return LedgerError.Malformed("The key material is not canonical standard base64 of a type byte and a key.");
        }

        var type = (NoteKeyType)material[0];
        var key = material[1..];
        switch (type)
        {
            case NoteKeyType.Ed25519 or NoteKeyType.Ed25519Cosignature when key.Length != Ed25519PublicKey.Length:
                return LedgerError.Malformed("An Ed25519 key is 32 bytes.");
            case NoteKeyType.Ed25519 or NoteKeyType.Ed25519Cosignature or NoteKeyType.EcdsaP256 or NoteKeyType.Rfc6962TreeHead:
                break;
            default:
                return new LedgerError(LedgerErrorKind.UnsupportedAlgorithm, $"Signature type 0x{material[0]:x2} is not supported.");
        }

        if (ComputeKeyId(name, type, key) != keyId)
        {
            return new LedgerError(LedgerErrorKind.KeyIdMismatch, "The key ID does not match the name and key.");
        }

        return new NoteVerifierKey(name, keyId, type, key);
    }

    internal static uint? ParseKeyId(string text)
    {
        if (text.Length != 8 || text.Any(c => c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f'))))
        {
            return null;
        }

        return uint.Parse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    private static NoteVerifierKey ForType(string name, NoteKeyType type, Ed25519PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!NoteText.IsValidKeyName(name))
        {
            throw new ArgumentException("A key name is non-empty and has no spaces, '+' or control characters.", nameof(name));
        }

        var bytes = key.Bytes.ToArray();
        return new NoteVerifierKey(name, ComputeKeyId(name, type, bytes), type, bytes);
    }
}
