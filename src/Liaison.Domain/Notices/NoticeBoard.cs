using System.Runtime.InteropServices;
using System.Text.Json;
using Liaison.Domain.Common;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;
using Liaison.Domain.Zones;
using NetTopologySuite.Geometries.Prepared;

namespace Liaison.Domain.Notices;

/// <summary>A notice entry as the board reads it: its sequence number, author, audience, times and body.</summary>
public sealed record NoticeEntry(long Seq, string Type, PartyCode Party, string Author, IReadOnlyList<PartyCode> Audience, DateTimeOffset ServerTime, DateTimeOffset ClientTime, JsonElement Body);

/// <summary>
/// Every notice of the record, with a spatial index of those that may still conflict. Deterministic: applying the same
/// entries in the same order gives the same notices and assessments, whatever the timing, which is what lets
/// <c>liaison replay</c> recompute them. Not thread-safe: its owner serialises access.
/// The index: standing notices whose window ended less than <see cref="Retention"/> before the latest entry's time are
/// in a grid index (<see cref="NoticeGrid"/>; inserted when filed, removed when cancelled or amended, swept out when they end); older ones move to
/// an archive ordered by end time, searched only for a notice whose window starts before that horizon. No rebuild
/// happens per notice. The index holds what the check filters on (window, party, altitudes, <see cref="AreaBounds"/>),
/// so a candidate is looked up only when its bounds cannot decide the exact test.
/// </summary>
public sealed class NoticeBoard
{
    /// <summary>How long after its end a notice stays in the grid index.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(2);

    private readonly MechanismConfig _config;
    private readonly Dictionary<long, Notice> _notices = [];
    private readonly NoticeGrid _live = new();
    private readonly Dictionary<PartyCode, int> _parties = [];
    private readonly List<NoticeSlot> _found = [];
    private readonly HashSet<long> _liveIds = [];
    private readonly PriorityQueue<long, DateTimeOffset> _endings = new();
    private readonly List<(DateTimeOffset End, long Id)> _archive = [];
    private readonly Dictionary<(string Zone, PartyCode Party), HashSet<long>> _capped = [];
    private static readonly Comparer<(DateTimeOffset End, long Id)> ArchiveOrder =
        Comparer<(DateTimeOffset End, long Id)>.Create((a, b) => a.End != b.End ? a.End.CompareTo(b.End) : a.Id.CompareTo(b.Id));

    private DateTimeOffset _horizon = DateTimeOffset.MinValue;

    /// <summary>Creates an empty board for a mechanism and its zones.</summary>
    public NoticeBoard(MechanismConfig config, ZoneAtlas zones)
    {
        _config = config;
        Zones = zones;
    }

    /// <summary>The zones notices are checked against.</summary>
    public ZoneAtlas Zones { get; }

    /// <summary>Every notice, by id.</summary>
    public IReadOnlyDictionary<long, Notice> Notices => _notices;

    /// <summary>How many notices are in the grid index now (the rest are archived, cancelled or amended).</summary>
    public int Indexed => _liveIds.Count;

    /// <summary>
    /// Decides a notice entry against the board and, when it is admissible, applies it and returns the notice it made
    /// or changed. <paramref name="checkAuthor"/> is false for entries already in the record (replay), which were
    /// decided when they were admitted. Nothing changes on failure.
    /// </summary>
    public Result<Notice> Apply(NoticeEntry entry, bool checkAuthor = true)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var parsed = NoticeEvents.Parse(entry.Type, entry.Body);
        return parsed.IsSuccess ? Apply(entry, parsed.Value, checkAuthor) : parsed.Error;
    }

    /// <summary>
    /// <see cref="Apply(NoticeEntry, bool)"/> with the entry's body already parsed (<see cref="NoticeEvents.Parse"/>), so
    /// several boards applying one entry share its parse and its area's geometry, which no board changes.
    /// </summary>
    internal Result<Notice> Apply(NoticeEntry entry, NoticeEvent parsed, bool checkAuthor)
    {
        Sweep(entry.ServerTime);
        return parsed switch
        {
            NoticeFiled filed => File(entry, filed, checkAuthor),
            NoticeAcknowledged ack => Answer(entry, ack.Notice, NoticeResponseKind.Acknowledged, null, checkAuthor),
            NoticeObjected objection => Answer(entry, objection.Notice, NoticeResponseKind.Objected, objection.Reason, checkAuthor),
            NoticeCancelled cancel => Cancel(entry, cancel, checkAuthor),
            _ => throw new InvalidOperationException($"Unhandled notice event {parsed.GetType().Name}."),
        };
    }

    /// <summary>
    /// Assesses a filing as if it were filed now, without applying it: what <see cref="Apply(NoticeEntry, bool)"/> would record.
    /// The benchmark's unit of work. Gives what <see cref="NoticeAssessment.Assess"/> gives over every notice of the
    /// board; uses a buffer of the board's, so it too must not run concurrently with any other call.
    /// </summary>
    public Assessment Assess(NoticeFiled filing, PartyCode party, DateTimeOffset filedAt, long? replaces = null)
    {
        ArgumentNullException.ThrowIfNull(filing);
        var area = filing.Area.Geometry;
        var prepared = PreparedGeometryFactory.Prepare(area);
        var bounds = AreaBounds.Of(area);
        var window = filing.Window;
        var (start, end) = (window.Start.UtcTicks, window.End.UtcTicks);
        var vertical = filing.Vertical;
        var self = _parties.TryGetValue(party, out var number) ? number : -1;
        var overlapping = new List<long>();

        // The same tests as NoticeAssessment.Assess, in the same order, on what the index holds; the notice is looked up
        // only for the exact test its bounds cannot decide.
        _found.Clear();
        _live.Query(area.EnvelopeInternal, _found);
        foreach (ref readonly var slot in CollectionsMarshal.AsSpan(_found))
        {
            if (slot.Id != replaces && slot.Party != self && slot.StartTicks < end && start < slot.EndTicks
                && slot.MinMetres <= vertical.MaxMetres && vertical.MinMetres <= slot.MaxMetres
                && (bounds.Decide(slot.Bounds) ?? prepared.Intersects(_notices[slot.Id].Filing.Area.Geometry)))
            {
                overlapping.Add(slot.Id);
            }
        }

        // Only a notice reaching back before the horizon can meet archived ones: those that end after it starts.
        if (window.Start < _horizon)
        {
            foreach (var notice in Archived(window.Start))
            {
                var geometry = notice.Filing.Area.Geometry;
                if (notice.Party != party && notice.Stands && notice.Id != replaces && NoticeAssessment.Overlaps(notice.Filing, filing)
                    && NoticeAssessment.Intersects(prepared, bounds, geometry, AreaBounds.Of(geometry)))
                {
                    overlapping.Add(notice.Id);
                }
            }
        }

        return NoticeAssessment.Conclude(filing, party, filedAt, prepared, overlapping, code => InZone(code, party, window, replaces), Zones, _config.Deadlines);
    }

    /// <summary>
    /// The party's standing notices with forces counted against caps (troops, tanks, short-range artillery) that fall
    /// in the zone <paramref name="code"/> and may overlap <paramref name="window"/> (a superset; the assessment filters).
    /// </summary>
    public IEnumerable<Notice> InZone(string code, PartyCode party, Hotline.ActivityWindow window, long? except = null)
    {
        if (_capped.TryGetValue((code, party), out var ids))
        {
            foreach (var id in ids)
            {
                if (id != except)
                {
                    yield return _notices[id];
                }
            }
        }

        if (window.Start >= _horizon)
        {
            yield break;
        }

        foreach (var notice in Archived(window.Start))
        {
            if (notice.Party == party && notice.Id != except && notice.Zones.Contains(code) && IsCapped(notice))
            {
                yield return notice;
            }
        }
    }

    private Result<Notice> File(NoticeEntry entry, NoticeFiled filed, bool checkAuthor)
    {
        if (checkAuthor)
        {
            var missing = _config.Parties.Where(p => p.Kind is PartyKind.Party or PartyKind.Convener).Select(p => p.Code).Except(entry.Audience).ToList();
            if (missing.Count > 0)
            {
                return NoticeErrors.Audience(missing);
            }

            var length = filed.Window.End - filed.Window.Start;
            if (length > _config.Limits.MaxNoticeWindow)
            {
                return NoticeErrors.WindowTooLong(length, _config.Limits.MaxNoticeWindow);
            }
        }

        Notice? replaced = null;
        if (filed.Replaces is { } replacesId)
        {
            if (!_notices.TryGetValue(replacesId, out replaced) || !replaced.Audience.Contains(entry.Party))
            {
                return NoticeErrors.NotFound(replacesId);
            }

            if (checkAuthor && replaced.Party != entry.Party)
            {
                return NoticeErrors.NotTheFiler(replacesId, replaced.Party);
            }

            if (checkAuthor && !replaced.Stands)
            {
                return NoticeErrors.NoLongerStands(replacesId, replaced.Cancellation is not null ? "was cancelled" : $"was amended by notice {replaced.ReplacedBy}");
            }

            // The same readers, so whoever reads a version reads the one before it and learns it was replaced.
            if (checkAuthor && !entry.Audience.ToHashSet().SetEquals(replaced.Audience))
            {
                return NoticeErrors.AmendmentAudience(replacesId, replaced.Audience);
            }
        }

        var assessment = Assess(filed, entry.Party, entry.ServerTime, replaced?.Id);
        var notice = new Notice(entry.Seq, entry.Party, entry.Author, entry.Audience, filed, entry.ServerTime, entry.ClientTime,
            (replaced?.Version ?? 0) + 1, assessment.Late, assessment.Conflicts, assessment.Zones);
        if (replaced is not null)
        {
            _notices[replaced.Id] = replaced with { ReplacedBy = notice.Id };
            Unindex(replaced.Id);
        }

        _notices[notice.Id] = notice;
        Index(notice);
        return notice;
    }

    private Result<Notice> Answer(NoticeEntry entry, long id, NoticeResponseKind kind, string? reason, bool checkAuthor)
    {
        if (!_notices.TryGetValue(id, out var notice) || !notice.Audience.Contains(entry.Party))
        {
            return NoticeErrors.NotFound(id);
        }

        if (checkAuthor)
        {
            if (notice.Party == entry.Party)
            {
                return NoticeErrors.OwnNotice(id);
            }

            if (!notice.Stands)
            {
                return NoticeErrors.NoLongerStands(id, notice.Cancellation is not null ? "was cancelled" : $"was amended by notice {notice.ReplacedBy}");
            }

            if (MissingReaders(notice, entry) is { Count: > 0 } missing)
            {
                return NoticeErrors.StepAudience(id, kind == NoticeResponseKind.Acknowledged ? "An acknowledgement of" : "An objection to", missing);
            }

            var previous = notice.Responses.LastOrDefault(r => r.Party == entry.Party);
            if (previous is not null && previous.Kind == kind)
            {
                return NoticeErrors.AlreadyAnswered(id, entry.Party, kind == NoticeResponseKind.Acknowledged ? "acknowledged" : "objected to", previous.Seq);
            }
        }

        var changed = notice with { Responses = [.. notice.Responses, new NoticeResponse(entry.Seq, entry.Party, entry.Author, kind, reason, entry.ServerTime)] };
        _notices[id] = changed;
        return changed;
    }

    private Result<Notice> Cancel(NoticeEntry entry, NoticeCancelled cancel, bool checkAuthor)
    {
        if (!_notices.TryGetValue(cancel.Notice, out var notice) || !notice.Audience.Contains(entry.Party))
        {
            return NoticeErrors.NotFound(cancel.Notice);
        }

        if (checkAuthor && notice.Party != entry.Party)
        {
            return NoticeErrors.NotTheFiler(notice.Id, notice.Party);
        }

        if (checkAuthor && !notice.Stands)
        {
            return NoticeErrors.NoLongerStands(notice.Id, notice.Cancellation is not null ? "was cancelled already" : $"was amended by notice {notice.ReplacedBy}");
        }

        if (checkAuthor && MissingReaders(notice, entry) is { Count: > 0 } missing)
        {
            return NoticeErrors.StepAudience(notice.Id, "The cancellation of", missing);
        }

        var changed = notice with { Cancellation = new NoticeResponse(entry.Seq, entry.Party, entry.Author, NoticeResponseKind.Cancelled, cancel.Reason, entry.ServerTime) };
        _notices[notice.Id] = changed;
        Unindex(notice.Id);
        return changed;
    }

    /// <summary>Who reads the notice but would not read this step of it.</summary>
    private static List<PartyCode> MissingReaders(Notice notice, NoticeEntry entry) => [.. notice.Audience.Except(entry.Audience)];

    private void Index(Notice notice)
    {
        if (!_parties.TryGetValue(notice.Party, out var party))
        {
            _parties[notice.Party] = party = _parties.Count;
        }

        var filing = notice.Filing;
        var vertical = filing.Vertical;
        _live.Insert(filing.Area.Geometry.EnvelopeInternal, new NoticeSlot(notice.Id, filing.Window.Start.UtcTicks, filing.Window.End.UtcTicks,
            party, vertical.MinMetres, vertical.MaxMetres, AreaBounds.Of(filing.Area.Geometry)));
        _liveIds.Add(notice.Id);
        _endings.Enqueue(notice.Id, notice.Filing.Window.End);
        if (IsCapped(notice))
        {
            foreach (var zone in notice.Zones)
            {
                if (!_capped.TryGetValue((zone, notice.Party), out var ids))
                {
                    _capped[(zone, notice.Party)] = ids = [];
                }

                ids.Add(notice.Id);
            }
        }

        // A notice whose window ended before the horizon goes straight to the archive on the next sweep.
        if (notice.Filing.Window.End <= _horizon)
        {
            Sweep(_horizon + Retention, force: true);
        }
    }

    private void Unindex(long id)
    {
        if (_liveIds.Remove(id))
        {
            var notice = _notices[id];
            _live.Remove(notice.Filing.Area.Geometry.EnvelopeInternal, id);
            Uncap(notice);
        }
    }

    private void Uncap(Notice notice)
    {
        foreach (var zone in notice.Zones)
        {
            if (_capped.TryGetValue((zone, notice.Party), out var ids))
            {
                ids.Remove(notice.Id);
            }
        }
    }

    private static bool IsCapped(Notice notice) =>
        notice.Filing.Assets[AssetClass.Troops] + notice.Filing.Assets[AssetClass.Tanks] + notice.Filing.Assets[AssetClass.ShortRangeArtillery] > 0;

    private IEnumerable<Notice> Archived(DateTimeOffset after)
    {
        var first = _archive.BinarySearch((after, long.MaxValue), ArchiveOrder);
        for (var i = first < 0 ? ~first : first; i < _archive.Count; i++)
        {
            yield return _notices[_archive[i].Id];
        }
    }

    private void Sweep(DateTimeOffset now, bool force = false)
    {
        var horizon = now - Retention;
        if (!force && horizon <= _horizon)
        {
            return;
        }

        if (horizon > _horizon)
        {
            _horizon = horizon;
        }

        while (_endings.TryPeek(out var id, out var end) && end <= _horizon)
        {
            _endings.Dequeue();
            if (_liveIds.Remove(id))
            {
                var notice = _notices[id];
                _live.Remove(notice.Filing.Area.Geometry.EnvelopeInternal, id);
                Uncap(notice);
                InsertArchive(end, id);
            }
        }
    }

    private void InsertArchive(DateTimeOffset end, long id)
    {
        var at = _archive.BinarySearch((end, id), ArchiveOrder);
        _archive.Insert(at < 0 ? ~at : at, (end, id));
    }
}
