using Liaison.Domain.Common;
using Liaison.Features.Data;
using Liaison.Features.Entries;

namespace Liaison.Features.Replay;

/// <summary>
/// Tells a reader whether the record and every book stood still while it read them (a sequence lock). The sequencer's
/// first decision in a batch, before anything of the batch is written, opens a window (the generation becomes odd); the
/// observers' call after the batch is committed to the database and to every book closes it (even again), and so does a
/// failed batch. A reader that saw the same even generation before and after reading read one record size across the
/// database and every book. Register it as the first <see cref="IEntryRule"/> (only the sequencer calls it).
/// </summary>
public sealed class RecordPin : IEntryRule, IEntryObserver
{
    private long _generation;

    /// <summary>Even when no batch is being sequenced; changes with every batch.</summary>
    public long Generation => Volatile.Read(ref _generation);

    public ValueTask<Result<Unit>> DecideAsync(LiaisonDbContext db, PendingEntry entry, long seq, DateTimeOffset serverTime, CancellationToken cancellationToken)
    {
        if ((Generation & 1) == 0)
        {
            Interlocked.Increment(ref _generation);
        }

        return ValueTask.FromResult<Result<Unit>>(Unit.Value);
    }

    public void Commit()
    {
        // The books commit after this rule: the window closes once the observers hear the batch.
    }

    public void Rollback() => Close();

    void IEntryObserver.Committed(IReadOnlyList<CommittedEntry> entries) => Close();

    private void Close()
    {
        if ((Generation & 1) == 1)
        {
            Interlocked.Increment(ref _generation);
        }
    }
}
