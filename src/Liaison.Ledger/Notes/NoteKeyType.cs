namespace Liaison.Ledger.Notes;

/// <summary>The signature type byte of a C2SP signed-note key, the first byte of a vkey's key material.</summary>
public enum NoteKeyType : byte
{
    /// <summary>Ed25519 over the note text (RFC 8032).</summary>
    Ed25519 = 0x01,

    /// <summary>ECDSA P-256 with SHA-256; parsed, never verified by this library.</summary>
    EcdsaP256 = 0x02,

    /// <summary>Ed25519 timestamped cosignature, C2SP tlog-cosignature <c>cosignature/v1</c>.</summary>
    Ed25519Cosignature = 0x04,

    /// <summary>RFC 6962 TreeHeadSignature (ECDSA); parsed, never verified by this library.</summary>
    Rfc6962TreeHead = 0x05,
}
