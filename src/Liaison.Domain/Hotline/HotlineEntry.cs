using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Hotline;

/// <summary>
/// A recorded hotline entry as the projection reads it: its position, author (user name, or the server's name) and the
/// author's party (the convener for the server), audience, client and server times, and its parsed fields.
/// </summary>
public sealed record HotlineEntry(
    long Seq,
    string Author,
    PartyCode AuthorParty,
    IReadOnlyList<PartyCode> Audience,
    DateTimeOffset ClientTime,
    DateTimeOffset ServerTime,
    HotlineEvent Event)
{
    /// <summary>
    /// Builds the projection's input from a recorded entry's parsed header. Fails with <c>payload-invalid</c> only if the
    /// body does not parse, which an admitted entry always does.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="header"/> is not of a hotline type.</exception>
    public static Result<HotlineEntry> From(long seq, EntryHeader header, PartyCode authorParty, DateTimeOffset serverTime)
    {
        ArgumentNullException.ThrowIfNull(header);
        return HotlineEvents.Parse(header.Type, header.Body)
            .Map(parsed => new HotlineEntry(seq, header.Author, authorParty, header.Audience, header.ClientTime, serverTime, parsed));
    }
}
