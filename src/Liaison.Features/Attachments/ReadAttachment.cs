using Liaison.Domain.Attachments;
using Liaison.Domain.Common;
using Liaison.Domain.Hotline;
using Liaison.Domain.Parties;

namespace Liaison.Features.Attachments;

/// <summary>
/// A stored attachment a member may read, as the entry that names it describes it (<see cref="Seq"/>): the file to stream
/// and the name and media type to serve it with.
/// </summary>
public sealed record AttachmentDownload(string Sha256, string Name, string MediaType, long Size, long Seq, string FilePath);

/// <summary>One attachment named by an entry the caller may read.</summary>
public sealed record AttachmentListing(long Seq, string Sha256, string Name, string MediaType, long Size);

/// <summary>
/// Reads attachments for a member: only one whose party is in the audience of an entry naming the hash may read the
/// bytes. Everyone else, whether or not the bytes are stored, is told there is no such attachment.
/// </summary>
public sealed class ReadAttachment(AttachmentIndex index, AttachmentStore store)
{
    /// <summary>
    /// The attachment <paramref name="sha256"/> as described by the oldest entry naming it that <paramref name="viewer"/>
    /// may read, or by entry <paramref name="seq"/> when given (it must be one of them); <c>attachment-not-found</c> otherwise.
    /// </summary>
    public async Task<Result<AttachmentDownload>> HandleAsync(string sha256, Member viewer, long? seq, CancellationToken cancellationToken)
    {
        if (!Attachment.IsSha256(sha256))
        {
            return AttachmentErrors.NotFound(sha256);
        }

        var references = await index.ReferencesAsync(sha256, cancellationToken);
        var visible = references.FirstOrDefault(r => (seq is null || r.Seq == seq) && r.Audience.Contains(viewer.Party.Value, StringComparer.Ordinal));
        if (visible is null || store.SizeOf(sha256) is not { } size)
        {
            return AttachmentErrors.NotFound(sha256);
        }

        return new AttachmentDownload(sha256, visible.Attachment.Name, visible.Attachment.MediaType, size, visible.Seq, store.PathOf(sha256));
    }

    /// <summary>The attachments named by entries <paramref name="viewer"/> may read, newest entry first; only entry <paramref name="seq"/>'s when given.</summary>
    public async Task<IReadOnlyList<AttachmentListing>> ListAsync(Member viewer, long? seq, CancellationToken cancellationToken)
    {
        var references = await index.VisibleToAsync(viewer.Party.Value, cancellationToken);
        return [.. references.Where(r => seq is null || r.Seq == seq).Select(r => new AttachmentListing(r.Seq, r.Attachment.Sha256, r.Attachment.Name, r.Attachment.MediaType, r.Attachment.Size))];
    }
}
