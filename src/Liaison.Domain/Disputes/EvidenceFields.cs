using System.Text.Json;
using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Hotline;

namespace Liaison.Domain.Disputes;

/// <summary>
/// Reads an entry's <c>evidence</c>: an optional array of at most <see cref="Attachment.MaxPerMessage"/> attachment
/// descriptions <c>{sha256, name, mediaType, size}</c>, exactly as a hotline message's attachments, no hash twice.
/// The bytes are checked when the entry is admitted (<see cref="Attachments.AttachmentReferences"/> reads <c>evidence</c> too).
/// </summary>
internal static class EvidenceFields
{
    public const string Name = "evidence";

    public static Result<IReadOnlyList<Attachment>> Parse(JsonElement body)
    {
        if (!body.TryGetProperty(Name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return Array.Empty<Attachment>();
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            return EntryErrors.InvalidField(Name, "must be an array of {sha256, name, mediaType, size}");
        }

        if (array.GetArrayLength() > Attachment.MaxPerMessage)
        {
            return EntryErrors.InvalidField(Name, $"must hold at most {Attachment.MaxPerMessage} files");
        }

        var evidence = new List<Attachment>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"{Name}[{index}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                return EntryErrors.InvalidField(path, "must be an object {sha256, name, mediaType, size}");
            }

            if (!item.TryGetProperty("sha256", out var hash) || hash.ValueKind != JsonValueKind.String || !Attachment.IsSha256(hash.GetString()))
            {
                return EntryErrors.InvalidField($"{path}.sha256", "must be the SHA-256 of the file in 64 lower-case hex characters");
            }

            if (evidence.Any(a => string.Equals(a.Sha256, hash.GetString(), StringComparison.Ordinal)))
            {
                return EntryErrors.InvalidField($"{path}.sha256", "names a file already in this entry's evidence");
            }

            if (!item.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || !Attachment.IsFileName(name.GetString()))
            {
                return EntryErrors.InvalidField($"{path}.name", "must be a file name of 1 to 255 characters without a folder");
            }

            if (!item.TryGetProperty("mediaType", out var mediaType) || mediaType.ValueKind != JsonValueKind.String || !Attachment.IsMediaType(mediaType.GetString()))
            {
                return EntryErrors.InvalidField($"{path}.mediaType", "must be a lower-case media type such as 'image/jpeg'");
            }

            if (!item.TryGetProperty("size", out var size) || size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out var bytes) || bytes <= 0 || bytes > Attachment.MaxBytes)
            {
                return EntryErrors.InvalidField($"{path}.size", $"must be the file's size in bytes, 1 to {Attachment.MaxBytes}");
            }

            evidence.Add(new Attachment(hash.GetString()!, name.GetString()!, mediaType.GetString()!, bytes));
            index++;
        }

        return evidence;
    }

    /// <summary>An optional text of at most <paramref name="maxLength"/> characters; null when absent.</summary>
    public static Result<string?> OptionalText(JsonElement body, string name, int maxLength)
    {
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return (string?)null;
        }

        var text = HotlineFields.Text(body, name, maxLength);
        return text.IsSuccess ? text.Value : text.Error;
    }
}
