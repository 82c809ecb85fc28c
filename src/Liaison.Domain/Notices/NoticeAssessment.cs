using System.Globalization;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;
using Liaison.Domain.Zones;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Liaison.Domain.Notices;

/// <summary>What the server finds when a notice is filed: late or not, its conflicts, and the zones its area touches.</summary>
public sealed record Assessment(Lateness? Late, IReadOnlyList<NoticeConflict> Conflicts, IReadOnlyList<string> Zones);

/// <summary>
/// Assesses a notice as it is filed. Pure: the same filing, party, time, zones and other notices give the same result.
/// Conflicts, in this order: zone rules in configuration order (prohibited zone; a limitation band's caps, counting
/// the party's standing notices in that band whose windows overlap this one; assets a zone bans; protected communities,
/// humanitarian corridors and observation posts touched by military activity), then overlaps with other parties'
/// standing notices in space, altitude and time, by id. Humanitarian convoys are not military and break no zone rule.
/// In space means the two areas' polygons share a point (NetTopologySuite's <c>Intersects</c> in longitude/latitude; a
/// point with a radius is its 64-sided polygon, see <see cref="Geo.NoticeArea"/>), not a distance between centres:
/// <see cref="AreaBounds"/> settle most pairs without polygon operations, and only where that test would give the same answer.
/// Lateness: the longest lead time of the rules that apply (<see cref="NoticeLeadTime"/>); a self-defence notice has
/// none before its start and is late only when filed more than the configured grace after it.
/// </summary>
public static class NoticeAssessment
{
    /// <summary>
    /// Assesses <paramref name="filing"/> by <paramref name="party"/> at <paramref name="filedAt"/>.
    /// <paramref name="nearby"/> may hold any notices (those that do not stand, overlap or belong to another party are
    /// skipped); <paramref name="inZone"/> gives, for a zone code, notices that may lie in that zone (same rule).
    /// </summary>
    public static Assessment Assess(
        NoticeFiled filing,
        PartyCode party,
        DateTimeOffset filedAt,
        IEnumerable<Notice> nearby,
        Func<string, IEnumerable<Notice>> inZone,
        ZoneAtlas zones,
        DeadlineConfig deadlines)
    {
        ArgumentNullException.ThrowIfNull(filing);
        ArgumentNullException.ThrowIfNull(nearby);
        var area = filing.Area.Geometry;
        var prepared = PreparedGeometryFactory.Prepare(area);
        var bounds = AreaBounds.Of(area);
        var overlapping = new List<long>();
        foreach (var other in nearby)
        {
            var geometry = other.Filing.Area.Geometry;
            if (other.Party != party && other.Stands && Overlaps(other.Filing, filing) && Intersects(prepared, bounds, geometry, AreaBounds.Of(geometry)))
            {
                overlapping.Add(other.Id);
            }
        }

        return Conclude(filing, party, filedAt, prepared, overlapping, inZone, zones, deadlines);
    }

    /// <summary>
    /// True when the two areas share a point, as NetTopologySuite's <c>Intersects</c> on the polygons says: decided by
    /// their <see cref="AreaBounds"/> when those can tell (most pairs), else by the exact test on <paramref name="area"/>.
    /// </summary>
    public static bool Intersects(IPreparedGeometry area, in AreaBounds bounds, Geometry other, in AreaBounds otherBounds)
    {
        ArgumentNullException.ThrowIfNull(area);
        return bounds.Decide(otherBounds) ?? area.Intersects(other);
    }

    /// <summary>
    /// The assessment once the ids of the overlapping notices are known (in any order, repeats allowed): zone rules,
    /// then the overlaps by id, then lateness. What <see cref="Assess"/> and the board's indexed check share.
    /// </summary>
    internal static Assessment Conclude(
        NoticeFiled filing,
        PartyCode party,
        DateTimeOffset filedAt,
        IPreparedGeometry prepared,
        List<long> overlapping,
        Func<string, IEnumerable<Notice>> inZone,
        ZoneAtlas zones,
        DeadlineConfig deadlines)
    {
        var area = prepared.Geometry;
        var envelope = area.EnvelopeInternal;
        var conflicts = new List<NoticeConflict>();
        var touched = new List<string>();
        foreach (var zone in zones.Zones)
        {
            if (!zone.Geometry.EnvelopeInternal.Intersects(envelope) || !zone.Prepared.Intersects(area))
            {
                continue;
            }

            touched.Add(zone.Code);
            if (filing.Kind.IsMilitary())
            {
                conflicts.AddRange(ZoneConflicts(filing, party, zone, inZone(zone.Code)));
            }
        }

        overlapping.Sort();
        for (var i = 0; i < overlapping.Count; i++)
        {
            if (i > 0 && overlapping[i] == overlapping[i - 1])
            {
                continue;
            }

            conflicts.Add(new NoticeConflict(ConflictCode.NoticeOverlap,
                string.Create(CultureInfo.InvariantCulture, $"Overlaps notice {overlapping[i]} of another party in place, altitude and time."), [overlapping[i]], []));
        }

        return new Assessment(Lateness(filing, filedAt, prepared, zones, deadlines), conflicts, touched);
    }

    /// <summary>True when the two filings share an instant of their windows and an altitude.</summary>
    public static bool Overlaps(NoticeFiled a, NoticeFiled b) =>
        a.Window.Overlaps(b.Window) && a.Vertical.Overlaps(b.Vertical);

    /// <summary>The lateness of a filing at <paramref name="filedAt"/>, or null when it is in time.</summary>
    public static Lateness? Lateness(NoticeFiled filing, DateTimeOffset filedAt, IPreparedGeometry area, ZoneAtlas zones, DeadlineConfig deadlines)
    {
        if (filing.SelfDefence)
        {
            var limit = filing.Window.Start + deadlines.SelfDefenceGrace;
            return filedAt > limit ? new Lateness("self-defence-grace", deadlines.SelfDefenceGrace, filedAt - limit) : null;
        }

        NoticeLeadTime? longest = null;
        foreach (var rule in deadlines.NoticeLeadTimes)
        {
            if (!rule.Activities.Contains(filing.Kind.Code(), StringComparer.Ordinal) || (longest is not null && rule.Lead <= longest.Lead))
            {
                continue;
            }

            if (rule.ZoneKind is { } kind)
            {
                var near = zones.Proximity(kind, rule.WithinKm ?? 0);
                if (near is null || !near.Intersects(area.Geometry))
                {
                    continue;
                }
            }

            longest = rule;
        }

        if (longest is null)
        {
            return null;
        }

        var given = filing.Window.Start - filedAt;
        return given < longest.Lead ? new Lateness(longest.Code, longest.Lead, longest.Lead - given) : null;
    }

    private static IEnumerable<NoticeConflict> ZoneConflicts(NoticeFiled filing, PartyCode party, Zone zone, IEnumerable<Notice> inZone)
    {
        var name = $"{zone.Reference.Name} ({zone.Code})";
        switch (zone.Kind)
        {
            case ZoneKind.Prohibited:
                yield return new NoticeConflict(ConflictCode.ZoneProhibited, $"{Kind(filing)} in {name}, where no military forces are allowed.", [], [zone.Code]);
                break;
            case ZoneKind.ProtectedCommunity:
                yield return new NoticeConflict(ConflictCode.ZoneProtectedCommunity, $"{Kind(filing)} touches the protected community {name}.", [], [zone.Code]);
                break;
            case ZoneKind.HumanitarianCorridor:
                yield return new NoticeConflict(ConflictCode.ZoneHumanitarianCorridor, $"{Kind(filing)} touches the humanitarian corridor {name}.", [], [zone.Code]);
                break;
            case ZoneKind.ObservationPost:
                yield return new NoticeConflict(ConflictCode.ZoneObservationPost, $"{Kind(filing)} touches the observation post {name}.", [], [zone.Code]);
                break;
        }

        foreach (var banned in zone.Rules.BannedAssetClasses)
        {
            if (AssetClasses.TryParse(banned, out var asset) && filing.Assets[asset] > 0)
            {
                yield return new NoticeConflict(ConflictCode.ZoneBannedAsset,
                    string.Create(CultureInfo.InvariantCulture, $"{filing.Assets[asset]} {banned} in {name}, which bans them."), [], [zone.Code]);
            }
        }

        var caps = new (AssetClass Asset, int? Max)[]
        {
            (AssetClass.Troops, zone.Rules.MaxTroops),
            (AssetClass.Tanks, zone.Rules.MaxTanks),
            (AssetClass.ShortRangeArtillery, zone.Rules.MaxArtillery),
        };
        if (!caps.Any(c => c.Max is not null && filing.Assets[c.Asset] > 0))
        {
            yield break;
        }

        var others = inZone
            .Where(n => n.Party == party && n.Stands && n.Zones.Contains(zone.Code) && n.Filing.Window.Overlaps(filing.Window))
            .DistinctBy(n => n.Id)
            .OrderBy(n => n.Id)
            .ToList();
        foreach (var (asset, max) in caps)
        {
            if (max is not { } cap || filing.Assets[asset] == 0)
            {
                continue;
            }

            var contributing = others.Where(n => n.Filing.Assets[asset] > 0).ToList();
            var total = filing.Assets[asset] + contributing.Sum(n => (long)n.Filing.Assets[asset]);
            if (total > cap)
            {
                var with = contributing.Count switch
                {
                    0 => string.Empty,
                    1 => string.Create(CultureInfo.InvariantCulture, $" (with notice {contributing[0].Id})"),
                    _ => $" (with notices {string.Join(", ", contributing.Select(n => n.Id.ToString(CultureInfo.InvariantCulture)))})",
                };
                yield return new NoticeConflict(ConflictCode.ZoneLimitExceeded,
                    string.Create(CultureInfo.InvariantCulture, $"{total} {asset.Code()} at once in {name}{with}, beyond its limit of {cap}."),
                    [.. contributing.Select(n => n.Id)], [zone.Code]);
            }
        }
    }

    private static string Kind(NoticeFiled filing) => char.ToUpperInvariant(filing.Kind.Code()[0]) + filing.Kind.Code()[1..].Replace('-', ' ');
}
