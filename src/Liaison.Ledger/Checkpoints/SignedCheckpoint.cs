using Liaison.Ledger.Notes;

namespace Liaison.Ledger.Checkpoints;

/// <summary>A checkpoint whose signed note has been opened and whose body has been parsed and checked.</summary>
public sealed class SignedCheckpoint
{
    private SignedCheckpoint(Checkpoint checkpoint, SignedNote note)
    {
        Checkpoint = checkpoint;
        Note = note;
    }

    /// <summary>The parsed body.</summary>
    public Checkpoint Checkpoint { get; }

    /// <summary>The opened note, with its verified and unverified signatures.</summary>
    public SignedNote Note { get; }

    /// <summary>
    /// Opens a signed checkpoint: the note must open with <paramref name="verifiers"/> (and <paramref name="logKey"/>),
    /// the log key, when given, must be among the verified signers, the body must be a strict checkpoint, and its origin
    /// must be <paramref name="expectedOrigin"/>. Errors, checked in that order: those of <see cref="SignedNote.Open(string, IReadOnlyList{NoteVerifierKey})"/>,
    /// then <see cref="LedgerErrorKind.NoLogSignature"/>, <see cref="LedgerErrorKind.BadCheckpoint"/>, <see cref="LedgerErrorKind.WrongOrigin"/>.
    /// </summary>
    public static LedgerResult<SignedCheckpoint> Open(string note, string expectedOrigin, IReadOnlyList<NoteVerifierKey> verifiers, NoteVerifierKey? logKey = null)
    {
        ArgumentNullException.ThrowIfNull(verifiers);
        var known = logKey is null || verifiers.Contains(logKey) ? verifiers : [.. verifiers, logKey];
        var opened = SignedNote.Open(note, known);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        var signed = opened.Value;
        if (logKey is not null && !signed.Signatures.Any(s => s.Name == logKey.Name && s.KeyId == logKey.KeyId))
        {
            return new LedgerError(LedgerErrorKind.NoLogSignature, $"The checkpoint is not signed by the log key {logKey.Name}.");
        }

        var checkpoint = Checkpoint.Parse(signed.Text);
        if (!checkpoint.IsSuccess)
        {
            return checkpoint.Error;
        }

        if (checkpoint.Value.Origin != expectedOrigin)
        {
            return new LedgerError(LedgerErrorKind.WrongOrigin, $"The checkpoint is for {checkpoint.Value.Origin}, not {expectedOrigin}.");
        }

        return new SignedCheckpoint(checkpoint.Value, signed);
    }
}
