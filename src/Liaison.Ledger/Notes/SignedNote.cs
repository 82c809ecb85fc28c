using System.Buffers.Binary;
using System.Text;
using Liaison.Ledger.Codec;

namespace Liaison.Ledger.Notes;

/// <summary>
/// A C2SP signed note that has been opened: its text and the signatures verified by known keys, plus the
/// signature lines from unknown keys, kept but not trusted. Opening follows golang.org/x/mod/sumdb/note.
/// </summary>
public sealed class SignedNote
{
    /// <summary>The most signature lines a note may carry; more makes it malformed (golang.org/x/mod's limit; C2SP requires at least 16).</summary>
    public const int MaxSignatures = 100;

    private static readonly byte[] Separator = "\n\n"u8.ToArray();
    private static readonly byte[] LinePrefix = Encoding.UTF8.GetBytes(NoteText.SignaturePrefix);

    private SignedNote(string text, IReadOnlyList<NoteSignature> signatures, IReadOnlyList<NoteSignature> unverified)
    {
        Text = text;
        Signatures = signatures;
        UnverifiedSignatures = unverified;
    }

    /// <summary>The signed text, ending in a newline, without the blank line and signatures.</summary>
    public string Text { get; }

    /// <summary>Signatures verified by a known key, one per key, in note order.</summary>
    public IReadOnlyList<NoteSignature> Signatures { get; }

    /// <summary>Signature lines whose key is not known (or of a type this library does not verify), duplicates dropped.</summary>
    public IReadOnlyList<NoteSignature> UnverifiedSignatures { get; }

    /// <summary>
    /// Opens a note: text, a blank line, then one or more signature lines, all UTF-8 without control characters
    /// other than newline. Signatures from unknown keys are kept as unverified; a known key's signature that fails
    /// rejects the whole note; at least one signature must verify. Errors: <see cref="LedgerErrorKind.Malformed"/>,
    /// <see cref="LedgerErrorKind.InvalidSignature"/>, <see cref="LedgerErrorKind.AmbiguousKey"/> (two known keys share
    /// a name and ID), <see cref="LedgerErrorKind.NoVerifiableSignature"/>.
    /// </summary>
    /// <remarks>
    /// Signature base64 is decoded without rejecting non-zero trailing bits, as Go does, so a corrupted signature is
    /// reported as invalid rather than malformed; keys, roots and proofs elsewhere must be canonical.
    /// </remarks>
    public static LedgerResult<SignedNote> Open(ReadOnlySpan<byte> message, IReadOnlyList<NoteVerifierKey> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        if (!IsCleanUtf8(message))
        {
            return LedgerError.Malformed("A note is UTF-8 with no control characters other than newline.");
        }

        var split = message.LastIndexOf(Separator);
        if (split < 0)
        {
            return LedgerError.Malformed("A note has a blank line before its signatures.");
        }

        var text = message[..(split + 1)];
        var block = message[(split + 2)..];
        if (block.IsEmpty || block[^1] != (byte)'\n')
        {
            return LedgerError.Malformed("A note has at least one signature line, each ending in a newline.");
        }

        var verified = new List<NoteSignature>();
        var unverified = new List<NoteSignature>();
        var seen = new HashSet<(string, uint)>();
        var seenUnverified = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        while (!block.IsEmpty)
        {
            var end = block.IndexOf((byte)'\n');
            var line = block[..end];
            block = block[(end + 1)..];
            if (!line.StartsWith(LinePrefix))
            {
                return LedgerError.Malformed("A signature line starts with an em dash and a space.");
            }

            var body = Encoding.UTF8.GetString(line[LinePrefix.Length..]);
            var space = body.IndexOf(' ', StringComparison.Ordinal);
            var name = space < 0 ? body : body[..space];
            var base64 = space < 0 ? string.Empty : body[(space + 1)..];
            var bytes = StrictBase64.Decode(base64, canonical: false);
            if (!NoteText.IsValidKeyName(name) || bytes is null || bytes.Length < 5)
            {
                return LedgerError.Malformed("A signature line is a key name, a space and base64 of a key ID and signature.");
            }

            if (++count > MaxSignatures)
            {
                return LedgerError.Malformed($"A note has at most {MaxSignatures} signatures.");
            }

            var keyId = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            var signature = new NoteSignature(name, keyId, base64);
            var matches = known.Where(k => k.Name == name && k.KeyId == keyId).Take(2).ToList();
            if (matches.Count > 1)
            {
                return new LedgerError(LedgerErrorKind.AmbiguousKey, $"Two known keys are named {name} with key ID {keyId:x8}.");
            }

            if (matches.Count == 0 || !matches[0].CanVerify)
            {
                if (seenUnverified.Add(body))
                {
                    unverified.Add(signature);
                }

                continue;
            }

            if (!seen.Add((name, keyId)))
            {
                continue;
            }

            if (!matches[0].Verify(text, bytes.AsSpan(4)))
            {
                return new LedgerError(LedgerErrorKind.InvalidSignature, $"The signature by {name} does not verify.");
            }

            verified.Add(signature);
        }

        if (verified.Count == 0)
        {
            return new LedgerError(LedgerErrorKind.NoVerifiableSignature, "No signature on the note is by a known key.");
        }

        return new SignedNote(Encoding.UTF8.GetString(text), verified, unverified);
    }

    /// <summary>Opens a note given as text; see <see cref="Open(ReadOnlySpan{byte}, IReadOnlyList{NoteVerifierKey})"/>.</summary>
    public static LedgerResult<SignedNote> Open(string note, IReadOnlyList<NoteVerifierKey> known)
    {
        ArgumentNullException.ThrowIfNull(note);
        return NoteText.IsWellFormed(note)
            ? Open(Encoding.UTF8.GetBytes(note), known)
            : LedgerError.Malformed("A note is well-formed Unicode.");
    }

    /// <summary>Signs <paramref name="text"/> with each signer in order and returns the whole note.</summary>
    /// <exception cref="ArgumentException">The text is empty, does not end in a newline, or holds control characters.</exception>
    public static string Sign(string text, IEnumerable<NoteSignerKey> signers)
    {
        ArgumentNullException.ThrowIfNull(signers);
        var bytes = TextBytes(text);
        var note = new StringBuilder(text).Append('\n');
        foreach (var signer in signers)
        {
            note.Append(signer.Sign(bytes).Line);
        }

        return note.ToString();
    }

    /// <summary>The UTF-8 bytes of valid note text, which signatures cover.</summary>
    /// <exception cref="ArgumentException">The text is empty, does not end in a newline, or holds control characters.</exception>
    public static byte[] TextBytes(string text) => NoteText.IsValidText(text)
        ? NoteText.Utf8.GetBytes(text)
        : throw new ArgumentException("Note text is non-empty, ends in a newline and holds no control characters but newlines.", nameof(text));

    private static bool IsCleanUtf8(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var consumed) != System.Buffers.OperationStatus.Done
                || (rune.Value < 0x20 && rune.Value != '\n'))
            {
                return false;
            }

            bytes = bytes[consumed..];
        }

        return true;
    }
}
