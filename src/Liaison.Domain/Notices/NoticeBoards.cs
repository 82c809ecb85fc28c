using Liaison.Domain.Common;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;
using Liaison.Domain.Zones;

namespace Liaison.Domain.Notices;

/// <summary>
/// The notice boards readers see. Every notice is addressed to every party and the convener, so they read one board,
/// the <see cref="Record"/>, which decides each entry. An observer reads only the notices addressed to it, so it gets a
/// board of its own, folded from exactly the notice entries it may read: its notices' conflicts are assessed over the
/// notices it reads (one kept from it neither overlaps nor counts toward a band's caps in its view). That is what the
/// observer computes when it replays the entries it may read (DESIGN.md, principle 2), so the server and the replay agree
/// for every reader. Deterministic; not thread-safe: its owner serialises access.
/// </summary>
public sealed class NoticeBoards
{
    private readonly Dictionary<PartyCode, NoticeBoard> _readers = [];

    /// <summary>Empty boards for a mechanism: the record's and one per observer.</summary>
    public NoticeBoards(MechanismConfig config, ZoneAtlas zones)
    {
        ArgumentNullException.ThrowIfNull(config);
        Record = new NoticeBoard(config, zones);
        foreach (var observer in config.PartiesOfKind(PartyKind.Observer))
        {
            _readers[observer.Code] = new NoticeBoard(config, zones);
        }
    }

    /// <summary>Every notice of the record, as the parties and the convener read them; the board that decides entries.</summary>
    public NoticeBoard Record { get; }

    /// <summary>The board <paramref name="reader"/> reads: its own for an observer, else the record's.</summary>
    public NoticeBoard For(PartyCode reader) => _readers.TryGetValue(reader, out var own) ? own : Record;

    /// <summary>
    /// Decides <paramref name="entry"/> on the record's board (see <see cref="NoticeBoard.Apply(NoticeEntry, bool)"/>) and, when it is
    /// accepted, applies it to the board of each observer it is addressed to, as that observer's replay would.
    /// Nothing changes on failure.
    /// </summary>
    public Result<Notice> Apply(NoticeEntry entry, bool checkAuthor = true)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var parsed = NoticeEvents.Parse(entry.Type, entry.Body);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        var applied = Record.Apply(entry, parsed.Value, checkAuthor);
        if (applied.IsSuccess)
        {
            foreach (var reader in entry.Audience.Distinct())
            {
                // A step the observer's entries cannot place (a notice it never read) is skipped, as its replay skips it.
                _ = _readers.GetValueOrDefault(reader)?.Apply(entry, parsed.Value, checkAuthor: false);
            }
        }

        return applied;
    }
}
