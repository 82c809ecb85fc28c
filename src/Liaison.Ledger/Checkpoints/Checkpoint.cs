using Liaison.Ledger.Codec;
using Liaison.Ledger.Merkle;
using Liaison.Ledger.Notes;

namespace Liaison.Ledger.Checkpoints;

/// <summary>
/// A C2SP tlog-checkpoint body: origin line, tree size, base64 root hash, then optional extension lines, each ending
/// in a newline. Parsing is strict: non-empty origin, decimal size without leading zeroes that fits a u64, canonical
/// base64 of exactly 32 bytes, non-empty extension lines. Immutable.
/// </summary>
public sealed class Checkpoint
{
    private readonly byte[] _rootHash;

    /// <summary>Creates a checkpoint.</summary>
    /// <exception cref="ArgumentException">The origin or an extension line is empty or not a single valid line, or the root is not 32 bytes.</exception>
    public Checkpoint(string origin, ulong size, ReadOnlySpan<byte> rootHash, IReadOnlyList<string>? extensions = null)
    {
        if (!IsValidLine(origin))
        {
            throw new ArgumentException("The origin is a non-empty line.", nameof(origin));
        }

        if (rootHash.Length != Rfc6962.HashLength)
        {
            throw new ArgumentException("The root hash is 32 bytes.", nameof(rootHash));
        }

        extensions ??= [];
        if (!extensions.All(IsValidLine))
        {
            throw new ArgumentException("Each extension line is a non-empty line.", nameof(extensions));
        }

        Origin = origin;
        Size = size;
        _rootHash = rootHash.ToArray();
        Extensions = [.. extensions];
    }

    /// <summary>The log's origin line, which names the log.</summary>
    public string Origin { get; }

    /// <summary>The number of leaves in the tree.</summary>
    public ulong Size { get; }

    /// <summary>The 32-byte RFC 6962 root hash.</summary>
    public ReadOnlySpan<byte> RootHash => _rootHash;

    /// <summary>Extension lines after the root, without their newlines.</summary>
    public IReadOnlyList<string> Extensions { get; }

    /// <summary>Parses a checkpoint body strictly; <see cref="LedgerErrorKind.BadCheckpoint"/> says why it is not one.</summary>
    public static LedgerResult<Checkpoint> Parse(string? body)
    {
        if (string.IsNullOrEmpty(body) || body[^1] != '\n')
        {
            return Bad("A checkpoint body ends in a newline.");
        }

        if (!NoteText.IsWellFormed(body) || NoteText.HasControlCharacters(body))
        {
            return Bad("A checkpoint body is text without control characters other than newline.");
        }

        var lines = body[..^1].Split('\n');
        if (lines.Length < 3)
        {
            return Bad("A checkpoint body has at least three lines.");
        }

        if (lines[0].Length == 0)
        {
            return Bad("The origin line is empty.");
        }

        if (DecimalText.ParseUInt64(lines[1]) is not { } size)
        {
            return Bad("The tree size is not a decimal u64 without leading zeroes.");
        }

        var root = StrictBase64.Decode(lines[2], canonical: true);
        if (root is null || root.Length != Rfc6962.HashLength)
        {
            return Bad("The root hash is not canonical base64 of 32 bytes.");
        }

        var extensions = lines[3..];
        if (extensions.Any(line => line.Length == 0))
        {
            return Bad("An extension line is empty.");
        }

        return new Checkpoint(lines[0], size, root, extensions);
    }

    /// <summary>The body text, which the log signs.</summary>
    public string ToBody()
    {
        var extensions = string.Concat(Extensions.Select(line => line + "\n"));
        return $"{Origin}\n{DecimalText.Format(Size)}\n{Convert.ToBase64String(_rootHash)}\n{extensions}";
    }

    /// <summary>The body text.</summary>
    public override string ToString() => ToBody();

    private static LedgerError Bad(string detail) => new(LedgerErrorKind.BadCheckpoint, detail);

    private static bool IsValidLine(string? line) =>
        !string.IsNullOrEmpty(line) && !line.Contains('\n', StringComparison.Ordinal) && NoteText.IsWellFormed(line) && !NoteText.HasControlCharacters(line);
}
