using System.Buffers.Binary;
using Liaison.Ledger.Crypto;
using Liaison.Ledger.Notes;

namespace Liaison.Ledger.Checkpoints;

/// <summary>
/// An Ed25519 cosigner (a witness key, C2SP tlog-cosignature type 0x04) with its private key. A cosigner key must
/// not also sign as another cosigner or as a log, because the signed message does not name the cosigner.
/// Dispose it to clear the key.
/// </summary>
public sealed class CosignatureSigner : IDisposable
{
    private readonly Ed25519PrivateKey _key;

    private CosignatureSigner(string name, Ed25519PrivateKey key)
    {
        _key = key;
        VerifierKey = NoteVerifierKey.ForCosignature(name, key.PublicKey);
    }

    /// <summary>The cosigner name.</summary>
    public string Name => VerifierKey.Name;

    /// <summary>The cosigner's vkey (type 0x04).</summary>
    public NoteVerifierKey VerifierKey { get; }

    /// <summary>A cosigner with a key from the given 32-byte seed.</summary>
    /// <exception cref="ArgumentException">The name is not a valid key name or the seed is not 32 bytes.</exception>
    public static CosignatureSigner FromSeed(string name, ReadOnlySpan<byte> seed)
    {
        var key = Ed25519PrivateKey.FromSeed(seed);
        try
        {
            return new CosignatureSigner(name, key);
        }
        catch (ArgumentException)
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Cosigns a checkpoint body at <paramref name="timestamp"/> (seconds since the Unix epoch, not negative).</summary>
    /// <exception cref="ArgumentException">The body is not valid note text.</exception>
    public NoteSignature Sign(string checkpointBody, long timestamp)
    {
        var signature = _key.Sign(Cosignature.SignedMessage(timestamp, checkpointBody));
        var timestamped = new byte[8 + signature.Length];
        BinaryPrimitives.WriteUInt64BigEndian(timestamped, (ulong)timestamp);
        signature.CopyTo(timestamped, 8);
        return NoteSignature.Create(Name, VerifierKey.KeyId, timestamped);
    }

    /// <summary>Cosigns a checkpoint body at <paramref name="time"/>, truncated to whole seconds.</summary>
    public NoteSignature Sign(string checkpointBody, DateTimeOffset time) => Sign(checkpointBody, time.ToUnixTimeSeconds());

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
