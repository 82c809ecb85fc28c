using Liaison.Domain.Common;

namespace Liaison.Domain.Attachments;

/// <summary>The ways an attachment upload, download or reference is refused; each code is a stable problem type.</summary>
public static class AttachmentErrors
{
    /// <summary>The hash is not 64 lower-case hex characters (HTTP 400).</summary>
    public static Error InvalidHash(string value) =>
        new Error.Validation("invalid-attachment-hash", "An attachment is named by the SHA-256 of its bytes: 64 lower-case hex characters.")
        {
            Extensions = new Dictionary<string, object?> { ["sha256"] = value },
        };

    /// <summary>The uploaded bytes do not hash to the SHA-256 they were sent under; nothing was stored (HTTP 400).</summary>
    public static Error HashMismatch(string expected, string actual) =>
        new Error.Validation("attachment-hash-mismatch", $"The bytes sent hash to {actual}, not {expected}; nothing was stored.")
        {
            Extensions = new Dictionary<string, object?> { ["sha256"] = expected, ["actual"] = actual },
        };

    /// <summary>The upload has no bytes; an attachment has at least one (HTTP 400).</summary>
    public static Error Empty(string sha256) =>
        new Error.Validation("attachment-empty", "An attachment has at least one byte; nothing was stored.")
        {
            Extensions = new Dictionary<string, object?> { ["sha256"] = sha256 },
        };

    /// <summary>The file, or the size an entry describes, is over the mechanism's limit (HTTP 413).</summary>
    public static Error TooLarge(string sha256, long size, long limit) =>
        new Error.TooLarge("attachment-too-large", $"An attachment may hold at most {limit} bytes; this one holds {(size > limit ? "more" : size.ToString(System.Globalization.CultureInfo.InvariantCulture))}. Nothing was stored.")
        {
            Extensions = new Dictionary<string, object?> { ["sha256"] = sha256, ["limit"] = limit },
        };

    /// <summary>An entry names an attachment whose bytes are not stored (HTTP 400).</summary>
    public static Error NotStored(string field, string sha256) =>
        new Error.Validation("attachment-not-stored", $"{field} names {sha256}, whose bytes are not stored: upload them first (PUT /api/v1/attachments/{sha256}).")
        {
            Extensions = new Dictionary<string, object?> { ["field"] = field, ["sha256"] = sha256 },
        };

    /// <summary>An entry describes an attachment with a size other than its stored bytes' (HTTP 400).</summary>
    public static Error SizeMismatch(string field, string sha256, long described, long stored) =>
        new Error.Validation("attachment-size-mismatch", $"{field} says {sha256} holds {described} bytes, but the stored file holds {stored}.")
        {
            Extensions = new Dictionary<string, object?> { ["field"] = field, ["sha256"] = sha256, ["described"] = described, ["stored"] = stored },
        };

    /// <summary>No entry the caller may read names this attachment, or it is not stored: the same answer either way (HTTP 404).</summary>
    public static Error NotFound(string sha256) =>
        new Error.NotFound("attachment-not-found", "There is no attachment with this hash that you may read.")
        {
            Extensions = new Dictionary<string, object?> { ["sha256"] = sha256 },
        };
}
