using System.Threading.Channels;
using Liaison.Domain.Common;
using Liaison.Domain.Hotline;
using Liaison.Features.Data;
using Liaison.Features.Entries;
using Liaison.Features.Hotline;

namespace Liaison.Web.Hotline;

/// <summary>A hotline entry in a batch the sequencer committed, waiting to be pushed.</summary>
public sealed record CommittedHotlineEntry(long Seq, DateTimeOffset ServerTime, PendingEntry Entry);

/// <summary>
/// Hears which hotline entries the sequencer commits, so they can be pushed live. It decides nothing: it must be
/// registered after every rule that may refuse an entry (<see cref="HotlineBook"/> among them), so that an entry it
/// stages was accepted. <see cref="Commit"/> runs on the sequencer's loop, so it only hands the batch's entries to an
/// unbounded queue and never waits; <see cref="HotlinePushService"/> reads them.
/// </summary>
/// <remarks>
/// A stopgap until the sequencer offers a hook after commit: staged entries are keyed by sequence number, so an entry
/// refused after this rule (which then frees its number for the next) is replaced by the next one; only a refusal of the
/// last entry of a batch after this rule could leave one staged, and the push service then finds no matching step in the
/// hotline's state and sends nothing.
/// </remarks>
public sealed class HotlineLiveFeed : IEntryRule
{
    private readonly Channel<CommittedHotlineEntry> _committed = Channel.CreateUnbounded<CommittedHotlineEntry>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly SortedDictionary<long, CommittedHotlineEntry> _staged = [];

    /// <summary>The committed hotline entries, in sequence order.</summary>
    public ChannelReader<CommittedHotlineEntry> Committed => _committed.Reader;

    public ValueTask<Result<Unit>> DecideAsync(LiaisonDbContext db, PendingEntry entry, long seq, DateTimeOffset serverTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (HotlineEntryTypes.IsHotline(entry.Header.Type))
        {
            _staged[seq] = new CommittedHotlineEntry(seq, serverTime, entry);
        }

        return ValueTask.FromResult<Result<Unit>>(Unit.Value);
    }

    public void Commit()
    {
        foreach (var entry in _staged.Values)
        {
            _committed.Writer.TryWrite(entry);
        }

        _staged.Clear();
    }

    public void Rollback() => _staged.Clear();
}
