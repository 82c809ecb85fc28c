using Liaison.Domain.Attachments;
using Liaison.Domain.Common;
using Liaison.Features.Mechanism;

namespace Liaison.Features.Attachments;

/// <summary>
/// Uploads an attachment's bytes under their SHA-256, before the entry that names them. Idempotent: the same bytes again
/// are found stored. Anyone who may submit entries may upload; who may read the bytes is decided only by the entries
/// that name them (<see cref="ReadAttachment"/>).
/// </summary>
public sealed class UploadAttachment(AttachmentStore store, EstablishedMechanism mechanism)
{
    /// <summary>The largest attachment accepted, in bytes.</summary>
    public long MaxBytes => AttachmentReferences.MaxBytes(mechanism.Config.Limits);

    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="sha256"/>. A <paramref name="declaredLength"/> over the limit
    /// is refused before a byte is read; otherwise the bytes are checked as they are read (<see cref="AttachmentStore.SaveAsync"/>).
    /// </summary>
    public async Task<Result<StoredAttachment>> HandleAsync(string sha256, long? declaredLength, Stream content, CancellationToken cancellationToken)
    {
        if (!Domain.Hotline.Attachment.IsSha256(sha256))
        {
            return AttachmentErrors.InvalidHash(sha256);
        }

        var limit = MaxBytes;
        if (declaredLength > limit)
        {
            return AttachmentErrors.TooLarge(sha256, declaredLength.Value, limit);
        }

        return await store.SaveAsync(sha256, content, limit, cancellationToken);
    }
}
