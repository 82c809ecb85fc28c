namespace Liaison.Domain.Hotline;

/// <summary>
/// A file attached to a message, content-addressed: <see cref="Sha256"/> is 64 lower-case hex characters of the SHA-256
/// of its bytes, <see cref="Size"/> their count (1 to <see cref="MaxBytes"/>). <see cref="Name"/> is a file name without
/// a folder (1 to 255 characters, no <c>/</c> or <c>\</c>); <see cref="MediaType"/> is <c>type/subtype</c>, lower case.
/// The entry carries only this description; whoever stores the bytes checks that they match the hash and size.
/// </summary>
public sealed record Attachment
{
    /// <summary>
    /// The largest attachment any message may describe, 25 MiB. A mechanism's own limit (<c>limits.maxAttachmentBytes</c>)
    /// applies on top of it: <see cref="Attachments.AttachmentReferences.MaxBytes"/> is the smaller of the two.
    /// </summary>
    public const long MaxBytes = 25L * 1024 * 1024;

    /// <summary>The most attachments one message may carry.</summary>
    public const int MaxPerMessage = 20;

    /// <summary>Creates the description.</summary>
    /// <exception cref="ArgumentException">A field breaks the rules above.</exception>
    public Attachment(string sha256, string name, string mediaType, long size)
    {
        if (!IsSha256(sha256))
        {
            throw new ArgumentException("An attachment's hash is 64 lower-case hex characters.", nameof(sha256));
        }

        if (!IsFileName(name))
        {
            throw new ArgumentException("An attachment's name is 1 to 255 characters without a folder.", nameof(name));
        }

        if (!IsMediaType(mediaType))
        {
            throw new ArgumentException("An attachment's media type is 'type/subtype' in lower case.", nameof(mediaType));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxBytes);
        Sha256 = sha256;
        Name = name;
        MediaType = mediaType;
        Size = size;
    }

    /// <summary>Lower-case hex SHA-256 of the bytes.</summary>
    public string Sha256 { get; }

    /// <summary>The file name as the author gave it.</summary>
    public string Name { get; }

    /// <summary>The media type, e.g. <c>image/jpeg</c>.</summary>
    public string MediaType { get; }

    /// <summary>The size in bytes.</summary>
    public long Size { get; }

    /// <summary>True when <paramref name="value"/> is 64 lower-case hex characters.</summary>
    public static bool IsSha256(string? value) =>
        value is { Length: 64 } && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>True when <paramref name="value"/> is a non-blank file name of at most 255 characters without a folder or control characters.</summary>
    public static bool IsFileName(string? value) =>
        value is { Length: > 0 and <= 255 } && !string.IsNullOrWhiteSpace(value) && value is not "." and not ".."
        && !value.Any(c => c is '/' or '\\' || char.IsControl(c));

    /// <summary>True when <paramref name="value"/> is <c>type/subtype</c> in lower case (RFC 6838 characters), at most 255 characters.</summary>
    public static bool IsMediaType(string? value)
    {
        if (value is not { Length: > 2 and <= 255 })
        {
            return false;
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < value.Length - 1 && IsToken(value.AsSpan(0, slash)) && IsToken(value.AsSpan(slash + 1));

        static bool IsToken(ReadOnlySpan<char> token)
        {
            if (!char.IsAsciiLetterLower(token[0]) && !char.IsAsciiDigit(token[0]))
            {
                return false;
            }

            foreach (var c in token)
            {
                if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c is not ('!' or '#' or '$' or '&' or '-' or '^' or '_' or '.' or '+'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
