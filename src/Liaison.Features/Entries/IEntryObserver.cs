namespace Liaison.Features.Entries;

/// <summary>An entry the sequencer appended, as it was committed.</summary>
public sealed record CommittedEntry(long Seq, DateTimeOffset ServerTime, PendingEntry Entry);

/// <summary>
/// Hears each batch the sequencer committed, in sequence order, after it is durable. Called on the sequencer's loop:
/// an observer must only hand the entries on (a queue), never wait or fail.
/// </summary>
public interface IEntryObserver
{
    void Committed(IReadOnlyList<CommittedEntry> entries);
}
