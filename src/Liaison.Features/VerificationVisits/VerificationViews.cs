using System.Xml;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Notices;
using Liaison.Domain.VerificationVisits;
using Liaison.Features.Disputes;

namespace Liaison.Features.VerificationVisits;

/// <summary>A request for verification: the zone, the reason, its deadline with countdown data, and its answer.</summary>
public sealed record VerificationRequestView(
    long Id,
    string Party,
    string Author,
    string Zone,
    string? ZoneName,
    string Reason,
    string Lang,
    DateTimeOffset At,
    DateTimeOffset Due,
    string Status,
    long SecondsLeft,
    long? AnsweredBy,
    DateTimeOffset? AnsweredAt,
    LateView? Late,
    long? OverdueSeq,
    IReadOnlyList<string> Audience)
{
    /// <summary>The view of a request at <paramref name="now"/>.</summary>
    public static VerificationRequestView From(VerificationRequest r, MechanismConfig config, DateTimeOffset now) =>
        new(r.Id, r.Party.Value, r.Author, r.Zone, config.FindZone(r.Zone)?.Name, r.Reason, r.Lang, r.At, r.Due, r.StatusAt(now).Code(),
            (long)Math.Floor((r.Due - now).TotalSeconds), r.AnsweredBy, r.AnsweredAt,
            r.AnsweredAt is { } at && at > r.Due ? LateView.Of(at - r.Due) : null, r.OverdueSeq, [.. r.Audience.Select(p => p.Value)]);
}

/// <summary>
/// A verification report: the zone with its limits, the visit, the forces observed per party, the violations (computed
/// from the zone's rules, then stated by the reporter), text and evidence.
/// </summary>
public sealed record VerificationReportView(
    long Id,
    string Party,
    string Author,
    string Zone,
    string? ZoneName,
    string? ZoneKind,
    ZoneLimitsView? Limits,
    long? Request,
    VisitView Visit,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Observed,
    IReadOnlyList<ViolationView> Violations,
    string Text,
    string Lang,
    IReadOnlyList<EvidenceView> Evidence,
    DateTimeOffset At,
    IReadOnlyList<string> Audience)
{
    /// <summary>The view of a report.</summary>
    public static VerificationReportView From(VerificationReport r, MechanismConfig config)
    {
        var zone = config.FindZone(r.Zone);
        return new(r.Id, r.Party.Value, r.Author, r.Zone, zone?.Name, zone?.Kind.Code(), zone is null ? null : ZoneLimitsView.Of(zone), r.Request,
            new VisitView(r.Visit.Start, r.Visit.End),
            r.Observed.ToDictionary(kv => kv.Key.Value, kv => (IReadOnlyDictionary<string, int>)kv.Value.Counts.ToDictionary(c => c.Key.Code(), c => c.Value), StringComparer.Ordinal),
            [.. r.Violations.Select(v => new ViolationView(v.Party.Value, v.Rule, v.Text, v.Computed))],
            r.Text, r.Lang, [.. r.Evidence.Select(EvidenceView.Of)], r.At, [.. r.Audience.Select(p => p.Value)]);
    }
}

/// <summary>The visit's interval.</summary>
public sealed record VisitView(DateTimeOffset Start, DateTimeOffset End);

/// <summary>A violation: computed from the zone's rules (<see cref="Computed"/>) or stated by the reporter.</summary>
public sealed record ViolationView(string Party, string Rule, string Text, bool Computed);

/// <summary>A zone's limits: <see cref="NoForces"/> for a prohibited zone, caps and banned classes for a limitation band.</summary>
public sealed record ZoneLimitsView(bool NoForces, int? MaxTroops, int? MaxTanks, int? MaxArtillery, IReadOnlyList<string> BannedAssetClasses)
{
    /// <summary>The limits of a zone.</summary>
    public static ZoneLimitsView Of(ZoneReference zone) =>
        new(zone.Kind == ZoneKind.Prohibited, zone.Rules.MaxTroops, zone.Rules.MaxTanks, zone.Rules.MaxArtillery, zone.Rules.BannedAssetClasses);
}

/// <summary>The verification schedule: the cadence and on-demand deadline (ISO 8601), and each zone's next due visit.</summary>
public sealed record VerificationScheduleView(string Cadence, string OnDemand, IReadOnlyList<ZoneScheduleView> Zones);

/// <summary>One zone in the schedule: its latest visit and report, when it is next due, seconds left (negative once overdue), and its open requests.</summary>
public sealed record ZoneScheduleView(string Zone, string Name, string Kind, DateTimeOffset? LastVisit, long? LastReport, DateTimeOffset? NextDue, long? SecondsLeft, bool Overdue, IReadOnlyList<long> OpenRequests)
{
    /// <summary>The view of a zone's schedule at <paramref name="now"/>.</summary>
    public static ZoneScheduleView From(ZoneSchedule z, DateTimeOffset now) =>
        new(z.Zone, z.Name, z.Kind.Code(), z.LastVisit, z.LastReport, z.NextDue, z.NextDue is { } due ? (long)Math.Floor((due - now).TotalSeconds) : null, z.Overdue, z.OpenRequests);

    /// <summary>The cadence as ISO 8601.</summary>
    public static string Duration(TimeSpan span) => XmlConvert.ToString(span);
}
