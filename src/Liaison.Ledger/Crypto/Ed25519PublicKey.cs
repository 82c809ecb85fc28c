using NSec.Cryptography;

namespace Liaison.Ledger.Crypto;

/// <summary>
/// An Ed25519 public key: 32 bytes as RFC 8032 encodes it. Verification follows libsodium's rules
/// (through NSec), which the CCTV and Wycheproof vectors pin.
/// </summary>
public sealed class Ed25519PublicKey : IEquatable<Ed25519PublicKey>
{
    /// <summary>The length of an encoded public key and of a seed, in bytes.</summary>
    public const int Length = 32;

    /// <summary>The length of a signature, in bytes.</summary>
    public const int SignatureLength = 64;

    private readonly byte[] _bytes;

    /// <summary>Wraps 32 encoded bytes.</summary>
    /// <exception cref="ArgumentException">The key is not 32 bytes long.</exception>
    public Ed25519PublicKey(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException("An Ed25519 public key is 32 bytes.", nameof(bytes));
        }

        _bytes = bytes.ToArray();
    }

    /// <summary>The 32 encoded bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>True when <paramref name="signature"/> is a valid signature of <paramref name="message"/> by this key.</summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureLength)
        {
            return false;
        }

        if (!NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, _bytes, KeyBlobFormat.RawPublicKey, out var key) || key is null)
        {
            return false;
        }

        return SignatureAlgorithm.Ed25519.Verify(key, message, signature);
    }

    /// <summary>Parses a base64 public key; false when it is not base64 or not 32 bytes.</summary>
    public static bool TryParseBase64(string? text, out Ed25519PublicKey? key)
    {
        key = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var buffer = new byte[Length + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written) || written != Length)
        {
            return false;
        }

        key = new Ed25519PublicKey(buffer.AsSpan(0, Length));
        return true;
    }

    /// <summary>The key as standard base64.</summary>
    public string ToBase64() => Convert.ToBase64String(_bytes);

    /// <inheritdoc />
    public bool Equals(Ed25519PublicKey? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Ed25519PublicKey);

    /// <inheritdoc />
    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);

    /// <inheritdoc />
    public override string ToString() => ToBase64();
}
