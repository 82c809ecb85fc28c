using Liaison.Domain.Attachments;
using Liaison.Domain.Common;
using Liaison.Features.Data;
using Liaison.Features.Entries;
using Liaison.Features.Mechanism;

namespace Liaison.Features.Attachments;

/// <summary>
/// Admits an entry only if every attachment it names (<see cref="AttachmentReferences.Named"/>, whatever the entry's
/// type) is stored with the size it describes and within the mechanism's limit. Keeps no state: stored files are never
/// removed, so what it found stays true.
/// </summary>
public sealed class StoredAttachmentsRule(AttachmentStore store, EstablishedMechanism mechanism) : IEntryRule
{
    public ValueTask<Result<Unit>> DecideAsync(LiaisonDbContext db, PendingEntry entry, long seq, DateTimeOffset serverTime, CancellationToken cancellationToken)
    {
        var named = AttachmentReferences.Named(entry.Header.Body);
        return ValueTask.FromResult(named.Count == 0
            ? (Result<Unit>)Unit.Value
            : AttachmentReferences.Check(named, store.SizeOf, AttachmentReferences.MaxBytes(mechanism.Config.Limits)));
    }

    public void Commit()
    {
    }

    public void Rollback()
    {
    }
}
