namespace Liaison.Ledger;

/// <summary>What kind of expected failure a <see cref="LedgerError"/> is; stable, so callers can map it to a status.</summary>
public enum LedgerErrorKind
{
    /// <summary>The text or bytes do not follow the format (a bad note, key, checkpoint body, request or proof encoding).</summary>
    Malformed,

    /// <summary>A key or signature of a type this library does not know.</summary>
    UnsupportedAlgorithm,

    /// <summary>A key's ID does not match the ID computed from its name and key material.</summary>
    KeyIdMismatch,

    /// <summary>A signature by a known key failed to verify.</summary>
    InvalidSignature,

    /// <summary>No signature could be verified with the known keys.</summary>
    NoVerifiableSignature,

    /// <summary>A signature matches more than one known key (same name and key ID).</summary>
    AmbiguousKey,

    /// <summary>A checkpoint's note verified, but not with the log's own key.</summary>
    NoLogSignature,

    /// <summary>A checkpoint's origin line is not the expected one.</summary>
    WrongOrigin,

    /// <summary>A signed note's body is not a valid checkpoint.</summary>
    BadCheckpoint,

    /// <summary>A Merkle inclusion or consistency proof does not verify.</summary>
    InvalidProof,
}

/// <summary>An expected failure: input from outside that is wrong in a known way. Bugs throw instead.</summary>
/// <param name="Kind">The stable kind of the failure.</param>
/// <param name="Detail">One sentence for people, saying what is wrong.</param>
public sealed record LedgerError(LedgerErrorKind Kind, string Detail)
{
    internal static LedgerError Malformed(string detail) => new(LedgerErrorKind.Malformed, detail);

    internal static LedgerError InvalidProof(string detail) => new(LedgerErrorKind.InvalidProof, detail);

    /// <inheritdoc />
    public override string ToString() => $"{Kind}: {Detail}";
}
