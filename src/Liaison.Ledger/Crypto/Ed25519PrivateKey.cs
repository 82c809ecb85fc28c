using NSec.Cryptography;

namespace Liaison.Ledger.Crypto;

/// <summary>An Ed25519 signing key (RFC 8032), held as its 32-byte seed. Dispose it to clear the key from memory.</summary>
public sealed class Ed25519PrivateKey : IDisposable
{
    private readonly Key _key;

    private Ed25519PrivateKey(Key key)
    {
        _key = key;
        PublicKey = new Ed25519PublicKey(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>The public half of this key.</summary>
    public Ed25519PublicKey PublicKey { get; }

    /// <summary>Creates a new key from the operating system's random number generator.</summary>
    public static Ed25519PrivateKey Generate() => new(Key.Create(SignatureAlgorithm.Ed25519, Exportable()));

    /// <summary>Recreates a key from its 32-byte seed.</summary>
    /// <exception cref="ArgumentException">The seed is not 32 bytes long.</exception>
    public static Ed25519PrivateKey FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != Ed25519PublicKey.Length)
        {
            throw new ArgumentException("An Ed25519 seed is 32 bytes.", nameof(seed));
        }

        return new(Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey, Exportable()));
    }

    /// <summary>The 32-byte seed, to be stored by the key's owner only.</summary>
    public byte[] ExportSeed() => _key.Export(KeyBlobFormat.RawPrivateKey);

    /// <summary>Signs <paramref name="message"/>; Ed25519 signatures are deterministic, 64 bytes.</summary>
    public byte[] Sign(ReadOnlySpan<byte> message) => SignatureAlgorithm.Ed25519.Sign(_key, message);

    private static KeyCreationParameters Exportable() => new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
