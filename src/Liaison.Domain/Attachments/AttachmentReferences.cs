using System.Text.Json;
using Liaison.Domain.Common;
using Liaison.Domain.Hotline;

namespace Liaison.Domain.Attachments;

/// <summary>
/// The attachments an entry names, whatever its type, and the rule for admitting it. Pure. An entry names an attachment
/// by an item of its top-level <c>attachments</c> or <c>evidence</c> array that is a well-formed <see cref="Attachment"/>
/// <c>{sha256, name, mediaType, size}</c>; other items are not references (the entry type's own validator decides
/// whether they are allowed at all). Whoever is in the audience of an entry naming a hash may read those bytes.
/// </summary>
public static class AttachmentReferences
{
    /// <summary>The largest attachment a mechanism accepts: its configured limit, and never more than any message may describe.</summary>
    public static long MaxBytes(Mechanism.LimitsConfig limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return Math.Min(limits.MaxAttachmentBytes, Attachment.MaxBytes);
    }

    /// <summary>The top-level arrays of an entry payload whose items name attachments: a message's files, and the evidence of incidents, disputes and verification reports.</summary>
    public static IReadOnlyList<string> Arrays { get; } = ["attachments", "evidence"];

    /// <summary>The attachments <paramref name="body"/> (an entry payload's top level) names, in order, with the path of each (<c>attachments[i]</c>, <c>evidence[i]</c>).</summary>
    public static IReadOnlyList<(string Field, Attachment Attachment)> Named(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var named = new List<(string, Attachment)>();
        foreach (var name in Arrays)
        {
            if (!body.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                if (TryRead(item, out var attachment))
                {
                    named.Add(($"{name}[{index}]", attachment));
                }

                index++;
            }
        }

        return named;
    }

    /// <summary>
    /// Decides an entry naming <paramref name="named"/>: each described size is within <paramref name="maxBytes"/>
    /// (<c>attachment-too-large</c>), its bytes are stored (<c>attachment-not-stored</c>) and hold exactly the described
    /// size (<c>attachment-size-mismatch</c>); the first failure in order is returned.
    /// </summary>
    /// <param name="named">What <see cref="Named"/> found.</param>
    /// <param name="storedSize">The size of the stored bytes of a hash, or null when they are not stored.</param>
    /// <param name="maxBytes">The mechanism's limit (<see cref="MaxBytes(Mechanism.LimitsConfig)"/>).</param>
    public static Result<Unit> Check(IReadOnlyList<(string Field, Attachment Attachment)> named, Func<string, long?> storedSize, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(named);
        ArgumentNullException.ThrowIfNull(storedSize);
        foreach (var (field, attachment) in named)
        {
            if (attachment.Size > maxBytes)
            {
                return AttachmentErrors.TooLarge(attachment.Sha256, attachment.Size, maxBytes);
            }

            var stored = storedSize(attachment.Sha256);
            if (stored is null)
            {
                return AttachmentErrors.NotStored(field, attachment.Sha256);
            }

            if (stored.Value != attachment.Size)
            {
                return AttachmentErrors.SizeMismatch(field, attachment.Sha256, attachment.Size, stored.Value);
            }
        }

        return Unit.Value;
    }

    private static bool TryRead(JsonElement item, out Attachment attachment)
    {
        attachment = null!;
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("sha256", out var hash) || hash.ValueKind != JsonValueKind.String || !Attachment.IsSha256(hash.GetString())
            || !item.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || !Attachment.IsFileName(name.GetString())
            || !item.TryGetProperty("mediaType", out var mediaType) || mediaType.ValueKind != JsonValueKind.String || !Attachment.IsMediaType(mediaType.GetString())
            || !item.TryGetProperty("size", out var size) || size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out var bytes)
            || bytes <= 0 || bytes > Attachment.MaxBytes)
        {
            return false;
        }

        attachment = new Attachment(hash.GetString()!, name.GetString()!, mediaType.GetString()!, bytes);
        return true;
    }
}
