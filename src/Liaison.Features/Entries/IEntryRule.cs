using Liaison.Domain.Common;
using Liaison.Features.Data;

namespace Liaison.Features.Entries;

/// <summary>
/// A feature's say in sequencing: it decides each entry against the state the entries before it (in the record and
/// in the batch) made, and keeps that state. Called only by the one sequencer, in order; a batch that fails to commit
/// is rolled back here too.
/// </summary>
public interface IEntryRule
{
    /// <summary>Decides an entry about to get <paramref name="seq"/>; on success the rule stages its effect.</summary>
    ValueTask<Result<Unit>> DecideAsync(LiaisonDbContext db, PendingEntry entry, long seq, DateTimeOffset serverTime, CancellationToken cancellationToken);

    /// <summary>The batch is durable: the staged effects become the state.</summary>
    void Commit();

    /// <summary>The batch failed: the staged effects are dropped.</summary>
    void Rollback();
}
