using System.Threading.Channels;
using Liaison.Domain.Hotline;
using Liaison.Features.Entries;

namespace Liaison.Web.Hotline;

/// <summary>A hotline entry the sequencer committed, waiting to be pushed.</summary>
public sealed record CommittedHotlineEntry(long Seq, DateTimeOffset ServerTime, PendingEntry Entry);

/// <summary>
/// Hears the hotline entries the sequencer commits, so they can be pushed live. Its observer method
/// runs on the sequencer's loop, so it only hands the entries to an unbounded queue and never waits;
/// <see cref="HotlinePushService"/> reads them.
/// </summary>
public sealed class HotlineLiveFeed : IEntryObserver
{
    private readonly Channel<CommittedHotlineEntry> _committed = Channel.CreateUnbounded<CommittedHotlineEntry>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    /// <summary>The committed hotline entries, in sequence order.</summary>
    public ChannelReader<CommittedHotlineEntry> Committed => _committed.Reader;

    void IEntryObserver.Committed(IReadOnlyList<CommittedEntry> entries)
    {
        foreach (var entry in entries.Where(e => HotlineEntryTypes.IsHotline(e.Entry.Header.Type)))
        {
            _committed.Writer.TryWrite(new CommittedHotlineEntry(entry.Seq, entry.ServerTime, entry.Entry));
        }
    }
}
