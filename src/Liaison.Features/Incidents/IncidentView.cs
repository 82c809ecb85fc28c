using System.Text.Json.Nodes;
using Liaison.Domain.Geo;
using Liaison.Domain.Incidents;
using Liaison.Domain.Mechanism;
using Liaison.Features.Notices;

namespace Liaison.Features.Incidents;

/// <summary>
/// An incident in a list: its id, the event it belongs to (the oldest report linked with it), reporter, category, status,
/// when and where (its point as <c>[lon, lat]</c>), grading, the parties it concerns, when it was reported, whether any
/// step of it was late, and the deadline now running on it.
/// </summary>
public sealed record IncidentSummary(
    long Id,
    long EventId,
    string Party,
    string Category,
    string Status,
    IncidentTimeView Time,
    double[] Point,
    string? PlaceName,
    string Grading,
    IReadOnlyList<string> Concerns,
    DateTimeOffset ReportedAt,
    bool Late,
    DeadlineView? Deadline)
{
    /// <summary>The summary of <paramref name="incident"/> (already cut to what is durable) at <paramref name="now"/>.</summary>
    public static IncidentSummary From(Incident incident, long eventId, DeadlineConfig deadlines, DateTimeOffset now)
    {
        var report = incident.Report;
        var point = report.Point;
        return new IncidentSummary(
            incident.Id,
            eventId,
            incident.Party.Value,
            report.Category,
            incident.Status.Code(),
            new IncidentTimeView(report.Start, report.End),
            [point.X, point.Y],
            report.PlaceName,
            report.Grading.ToString(),
            [.. incident.Concerns.Select(p => p.Value)],
            incident.ReportedAt,
            incident.Steps.Any(s => s.Late is not null),
            DeadlineView.Of(incident, deadlines, now));
    }
}

/// <summary>
/// One incident with everything a page needs: the report in full (location as GeoJSON, actors, casualties, narrative,
/// evidence, grading, links to notices and messages), status, the deadline running and whether it has passed, each
/// concerned party's acknowledgement (with lateness), the finding, the event it belongs to (every linked report you may
/// read), suggested duplicates not linked yet, and the timeline of its entries from the report on.
/// </summary>
public sealed record IncidentView(
    long Id,
    long EventId,
    string Party,
    string ReporterKind,
    string Author,
    string Category,
    string Status,
    IncidentTimeView Time,
    JsonNode Location,
    double[] Point,
    string? PlaceName,
    IReadOnlyList<string> Actors,
    IReadOnlyDictionary<string, CasualtiesView> Casualties,
    NarrativeView? Narrative,
    IReadOnlyList<EvidenceView> Evidence,
    string Grading,
    IReadOnlyList<string> Concerns,
    LinksView Links,
    DateTimeOffset ReportedAt,
    DateTimeOffset ClientTime,
    DeadlineView? Deadline,
    IReadOnlyList<AcknowledgementView> Acknowledgements,
    FindingView? Finding,
    bool Late,
    IReadOnlyList<long> Event,
    IReadOnlyList<DuplicateView> SuggestedDuplicates,
    IReadOnlyList<TimelineItemView> Timeline,
    IReadOnlyList<string> Audience)
{
    /// <summary>The view of <paramref name="incident"/> (already cut to what is durable) at <paramref name="now"/>.</summary>
    public static IncidentView From(Incident incident, long eventId, IReadOnlyList<long> linked, IReadOnlyList<DuplicateView> duplicates, DeadlineConfig deadlines, DateTimeOffset now)
    {
        var report = incident.Report;
        var point = report.Point;
        var timeline = new List<TimelineItemView>
        {
            new(incident.Id, IncidentEntryTypes.Report, incident.Party.Value, incident.Author, incident.ReportedAt, report.Narrative, report.Lang, null, null, null, null, []),
        };
        timeline.AddRange(incident.Steps.Select(s => new TimelineItemView(
            s.Seq, s.Kind.EntryType(), s.Party.Value, s.Author, s.At, s.Text, s.Lang, s.Outcome?.Code(), s.Stage?.Code(), s.Deadline, s.Late is { } late ? LatenessView.From(late) : null, s.Linked)));
        var finding = incident.FindingStep is { } f
            ? new FindingView(f.Seq, f.Outcome!.Value.Code(), f.Text!, f.Lang!, f.At, f.Late is { } fl ? LatenessView.From(fl) : null)
            : null;
        return new IncidentView(
            incident.Id,
            eventId,
            incident.Party.Value,
            incident.ReporterKind.ToString().ToLowerInvariant(),
            incident.Author,
            report.Category,
            incident.Status.Code(),
            new IncidentTimeView(report.Start, report.End),
            GeoJsonWriter.ToNode(report.Location),
            [point.X, point.Y],
            report.PlaceName,
            report.Actors,
            report.Casualties.ToDictionary(c => c.Side, c => new CasualtiesView(Range(c.Killed), Range(c.Wounded)), StringComparer.Ordinal),
            report.Narrative is { } narrative ? new NarrativeView(narrative, report.Lang!) : null,
            [.. report.Evidence.Select(e => new EvidenceView(e.Sha256, e.Name, e.MediaType, e.Size))],
            report.Grading.ToString(),
            [.. incident.Concerns.Select(p => p.Value)],
            new LinksView(report.LinkedNotices, report.LinkedMessages),
            incident.ReportedAt,
            incident.ClientTime,
            DeadlineView.Of(incident, deadlines, now),
            [.. incident.Acknowledgements.Select(a => new AcknowledgementView(a.Seq, a.Party.Value, a.Author, a.At, a.Late is { } late ? LatenessView.From(late) : null))],
            finding,
            incident.Steps.Any(s => s.Late is not null),
            linked,
            duplicates,
            timeline,
            [.. incident.Audience.Select(p => p.Value)]);
    }

    private static RangeView? Range(CountRange? range) => range is null ? null : new RangeView(range.Min, range.Max);
}

/// <summary>When the incident happened: a start and, for an interval, an end.</summary>
public sealed record IncidentTimeView(DateTimeOffset Start, DateTimeOffset? End);

/// <summary>A range of people.</summary>
public sealed record RangeView(int Min, int Max);

/// <summary>The killed and wounded of one side.</summary>
public sealed record CasualtiesView(RangeView? Killed, RangeView? Wounded);

/// <summary>The narrative and its language.</summary>
public sealed record NarrativeView(string Text, string Lang);

/// <summary>An evidence file, downloadable at <c>/api/v1/attachments/{sha256}</c>.</summary>
public sealed record EvidenceView(string Sha256, string Name, string MediaType, long Size);

/// <summary>The notices and hotline messages the report links to.</summary>
public sealed record LinksView(IReadOnlyList<long> Notices, IReadOnlyList<long> Messages);

/// <summary>A concerned party's acknowledgement.</summary>
public sealed record AcknowledgementView(long Seq, string Party, string Author, DateTimeOffset At, LatenessView? Late);

/// <summary>The convener's finding.</summary>
public sealed record FindingView(long Seq, string Outcome, string Reasons, string Lang, DateTimeOffset At, LatenessView? Late);

/// <summary>A report that may be the same event, not linked yet: its id, reporter, category, start, and how far its point is.</summary>
public sealed record DuplicateView(long Id, string Party, string Category, DateTimeOffset Start, double DistanceKm, double HoursApart);

/// <summary>
/// One entry of an incident's timeline: its sequence number, type, party, author, server time, text and language,
/// a finding's outcome, an escalation's stage and deadline, lateness, and the incidents a link named.
/// </summary>
public sealed record TimelineItemView(
    long Seq,
    string Type,
    string Party,
    string Author,
    DateTimeOffset At,
    string? Text,
    string? Lang,
    string? Outcome,
    string? Stage,
    DateTimeOffset? Deadline,
    LatenessView? Late,
    IReadOnlyList<long> Linked);

/// <summary>The deadline running on an incident: its stage (<c>acknowledgement</c>, <c>review</c>, <c>finding</c>), when it falls due, whether it has passed, and whether the server escalated it.</summary>
public sealed record DeadlineView(string Stage, DateTimeOffset Due, bool Passed, bool Escalated)
{
    /// <summary>The deadline running on <paramref name="incident"/> at <paramref name="now"/>, or null when none runs.</summary>
    public static DeadlineView? Of(Incident incident, DeadlineConfig deadlines, DateTimeOffset now) =>
        IncidentDeadlines.Running(incident, deadlines) is { } running
            ? new DeadlineView(running.Stage.Code(), running.Deadline, now >= running.Deadline, incident.Escalated(running.Stage))
            : null;
}
