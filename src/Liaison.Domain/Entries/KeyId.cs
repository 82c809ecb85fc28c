using System.Security.Cryptography;

namespace Liaison.Domain.Entries;

/// <summary>
/// Identifies a signing key: the lower-case hex of the first 16 bytes of SHA-256 of the 32-byte Ed25519
/// public key (32 hex characters). <c>default(KeyId)</c> has a null value and is never valid.
/// </summary>
public readonly record struct KeyId
{
    /// <summary>The number of hex characters in a key id.</summary>
    public const int TextLength = 32;

    /// <summary>Wraps a key id's text.</summary>
    /// <exception cref="ArgumentException">The text is not 32 lower-case hex characters.</exception>
    public KeyId(string value)
    {
        if (!IsValid(value))
        {
            throw new ArgumentException("A key id is 32 lower-case hex characters.", nameof(value));
        }

        Value = value;
    }

    /// <summary>The key id's text.</summary>
    public string Value { get; }

    /// <summary>The key id of a 32-byte public key.</summary>
    public static KeyId For(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != 32)
        {
            throw new ArgumentException("An Ed25519 public key is 32 bytes.", nameof(publicKey));
        }

        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(publicKey, digest);
        return new KeyId(Convert.ToHexStringLower(digest[..16]));
    }

    /// <summary>True when <paramref name="value"/> is well formed.</summary>
    public static bool IsValid(string? value) =>
        value is { Length: TextLength } && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>Parses a key id; false when it is not well formed.</summary>
    public static bool TryParse(string? value, out KeyId keyId)
    {
        keyId = IsValid(value) ? new KeyId(value!) : default;
        return keyId.Value is not null;
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
