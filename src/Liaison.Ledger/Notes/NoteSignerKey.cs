using System.Globalization;
using Liaison.Ledger.Codec;
using Liaison.Ledger.Crypto;

namespace Liaison.Ledger.Notes;

/// <summary>
/// An Ed25519 note signer (type 0x01) with its private key. The text form ("skey") is the golang.org/x/mod one,
/// <c>PRIVATE+KEY+&lt;name&gt;+&lt;key ID&gt;+base64(0x01 || 32-byte seed)</c>. Dispose it to clear the key.
/// </summary>
public sealed class NoteSignerKey : IDisposable
{
    private const string Prefix = "PRIVATE+KEY+";
    private readonly Ed25519PrivateKey _key;

    private NoteSignerKey(string name, Ed25519PrivateKey key)
    {
        _key = key;
        VerifierKey = NoteVerifierKey.ForEd25519(name, key.PublicKey);
    }

    /// <summary>The key name.</summary>
    public string Name => VerifierKey.Name;

    /// <summary>The 32-bit key ID.</summary>
    public uint KeyId => VerifierKey.KeyId;

    /// <summary>The matching verifier key.</summary>
    public NoteVerifierKey VerifierKey { get; }

    /// <summary>A new key from the operating system's random number generator.</summary>
    /// <exception cref="ArgumentException">The name is not a valid key name.</exception>
    public static NoteSignerKey Generate(string name) => new(CheckName(name), Ed25519PrivateKey.Generate());

    /// <summary>The key with the given 32-byte seed.</summary>
    /// <exception cref="ArgumentException">The name is not a valid key name or the seed is not 32 bytes.</exception>
    public static NoteSignerKey FromSeed(string name, ReadOnlySpan<byte> seed) => new(CheckName(name), Ed25519PrivateKey.FromSeed(seed));

    /// <summary>Parses an skey strictly: prefix, valid name, lowercase hex ID, canonical base64, type 0x01, 32-byte seed, matching ID.</summary>
    public static LedgerResult<NoteSignerKey> Parse(string? skey)
    {
        if (skey is null || !skey.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return LedgerError.Malformed("A signer key starts with PRIVATE+KEY+.");
        }

        var parts = skey[Prefix.Length..].Split('+', 3);
        if (parts.Length != 3)
        {
            return LedgerError.Malformed("A signer key has three parts after its prefix: name+id+key.");
        }

        var (name, idHex, material64) = (parts[0], parts[1], parts[2]);
        if (!NoteText.IsValidKeyName(name))
        {
            return LedgerError.Malformed("A key name is non-empty and has no spaces, '+' or control characters.");
        }

        if (NoteVerifierKey.ParseKeyId(idHex) is not { } keyId)
        {
            return LedgerError.Malformed("A key ID is 8 lowercase hexadecimal digits.");
        }

        var material = StrictBase64.Decode(material64, canonical: true);
        if (material is null || material.Length < 1)
        {
            return LedgerError.Malformed("The key material is not canonical standard base64.");
        }

        if (material[0] != (byte)NoteKeyType.Ed25519)
        {
            return new LedgerError(LedgerErrorKind.UnsupportedAlgorithm, "Only Ed25519 (type 0x01) signer keys are supported.");
        }

        if (material.Length != 1 + Ed25519PublicKey.Length)
        {
            return LedgerError.Malformed("An Ed25519 seed is 32 bytes.");
        }

        var signer = new NoteSignerKey(name, Ed25519PrivateKey.FromSeed(material.AsSpan(1)));
        if (signer.KeyId != keyId)
        {
            signer.Dispose();
            return new LedgerError(LedgerErrorKind.KeyIdMismatch, "The key ID does not match the name and key.");
        }

        return signer;
    }

    /// <summary>The 32-byte seed, for the key's owner only.</summary>
    public byte[] ExportSeed() => _key.ExportSeed();

    /// <summary>The skey text, which holds the private key: store it like the key itself.</summary>
    public string ExportSkey()
    {
        var material = new byte[1 + Ed25519PublicKey.Length];
        material[0] = (byte)NoteKeyType.Ed25519;
        var seed = _key.ExportSeed();
        seed.CopyTo(material, 1);
        Array.Clear(seed);
        var text = $"{Prefix}{Name}+{KeyId.ToString("x8", CultureInfo.InvariantCulture)}+{Convert.ToBase64String(material)}";
        Array.Clear(material);
        return text;
    }

    /// <summary>Signs note text (its UTF-8 bytes, ending in a newline); Ed25519 is deterministic.</summary>
    public NoteSignature Sign(ReadOnlySpan<byte> text) => NoteSignature.Create(Name, KeyId, _key.Sign(text));

    /// <summary>The name and key ID, never the key.</summary>
    public override string ToString() => $"{Name}+{KeyId.ToString("x8", CultureInfo.InvariantCulture)}";

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    private static string CheckName(string name) => NoteText.IsValidKeyName(name)
        ? name
        : throw new ArgumentException("A key name is non-empty and has no spaces, '+' or control characters.", nameof(name));
}
