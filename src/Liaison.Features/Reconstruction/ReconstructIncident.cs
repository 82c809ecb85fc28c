using System.Globalization;
using System.Text.Json.Nodes;
using Liaison.Domain.Common;
using Liaison.Domain.Geo;
using Liaison.Domain.Incidents;
using Liaison.Domain.Notices;
using Liaison.Domain.Parties;
using Liaison.Features.Disputes;
using Liaison.Features.Hotline;
using Liaison.Features.Incidents;
using Liaison.Features.Mechanism;
using Liaison.Features.Notices;
using Liaison.Features.VerificationVisits;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;

namespace Liaison.Features.Reconstruction;

/// <summary>One entry on a reconstruction's timeline: what it is, whose, when (server time), what it says, where to read it, and how late it was (seconds).</summary>
public sealed record ReconstructionItemView(long Seq, string Type, string Kind, string Party, string Author, DateTimeOffset At, string Title, string? Text, string? Lang, string Href, long? Late);

/// <summary>A place on a reconstruction's map: an incident report's location or a notice's area, as GeoJSON.</summary>
public sealed record ReconstructionPlaceView(string Kind, long Id, string Party, string Title, string Href, JsonNode Geometry);

/// <summary>
/// The reconstruction of an incident: the reports of its event, and everything related the reader may read, on one
/// timeline (<see cref="Items"/>, oldest first) and one map (<see cref="Places"/>), over <c>[From, To)</c>; <see cref="Seqs"/>
/// are every entry shown, which the bundle proves.
/// </summary>
public sealed record ReconstructionView(long Incident, IReadOnlyList<long> Event, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<ReconstructionItemView> Items, IReadOnlyList<ReconstructionPlaceView> Places, IReadOnlyList<long> Seqs);

/// <summary>
/// Gathers what the record relates to an incident, for one reader: every report of the same event (linked reports) and
/// each step on them; the notices whose area lies within <see cref="NearbyKm"/> of a report and whose window meets the
/// event's time widened by <see cref="Margin"/> on each side, and the notices and hotline messages the reports name,
/// with their answers; the disputes that cite a report of the event, with replies, escalations and finding; and the
/// verification reports of zones holding a report's point, visited within a verification cadence of the event.
/// Only what the reader's party is in the audience of, and only durable entries. An incident the reader may not read
/// is not found (need to know).
/// </summary>
public sealed class ReconstructIncident(
    IncidentBook incidents,
    NoticeBook notices,
    HotlineBook hotline,
    DisputeBook disputes,
    VerificationBook verification,
    ServedMechanism mechanism)
{
    /// <summary>How far from a report a notice's area may lie and still be related.</summary>
    public const double NearbyKm = 25;

    /// <summary>How far before and after the event a related notice's window may lie.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromHours(24);

    /// <summary>Reconstructs incident <paramref name="id"/> for <paramref name="reader"/>.</summary>
    public async Task<Result<ReconstructionView>> HandleAsync(long id, PartyCode reader, CancellationToken cancellationToken)
    {
        var reports = await incidents.ReadAsync((register, durable) =>
        {
            if (!register.Incidents.TryGetValue(id, out var incident) || incident.Id > durable || !incident.Audience.Contains(reader))
            {
                return null;
            }

            return register.EventOf(id).Select(n => register.Incidents.GetValueOrDefault(n))
                .Where(i => i is not null && i.Id <= durable && i.Audience.Contains(reader))
                .Select(i => i!.UpTo(durable))
                .ToList();
        }, cancellationToken);
        if (reports is null || reports.Count == 0)
        {
            return new Error.NotFound("incident-not-found", string.Create(CultureInfo.InvariantCulture, $"No incident {id} that your party may read."));
        }

        var items = new List<ReconstructionItemView>();
        var places = new List<ReconstructionPlaceView>();
        var from = reports.Min(r => r.Report.Start);
        var to = reports.Max(r => r.Report.End ?? r.Report.Start);
        foreach (var incident in reports)
        {
            AddIncident(incident, items, places);
        }

        var eventIds = reports.Select(r => r.Id).ToHashSet();
        var window = new Domain.Hotline.ActivityWindow(from - Margin, to + Margin + TimeSpan.FromSeconds(1));
        var linkedNotices = reports.SelectMany(r => r.Report.LinkedNotices).ToHashSet();
        var points = reports.Select(r => r.Report.Location).ToList();
        await notices.ReadAsync(reader, (board, durable) =>
        {
            foreach (var notice in board.Notices.Values)
            {
                if (notice.Id > durable || !notice.Audience.Contains(reader))
                {
                    continue;
                }

                var related = linkedNotices.Contains(notice.Id)
                    || (notice.Filing.Window.Overlaps(window) && points.Any(p => Kilometres(notice.Filing.Area.Geometry, p) <= NearbyKm));
                if (related)
                {
                    AddNotice(notice, durable, items, places);
                }
            }

            return 0;
        }, cancellationToken);

        var linkedMessages = reports.SelectMany(r => r.Report.LinkedMessages).ToHashSet();
        if (linkedMessages.Count > 0)
        {
            var state = await hotline.StateAsync(cancellationToken);
            foreach (var seq in linkedMessages.Order())
            {
                if (state.FindMessage(seq) is { } message && message.Audience.Contains(reader))
                {
                    items.Add(new ReconstructionItemView(message.Seq, "message.send", "message", message.Sender.Value, message.Author, message.SentAt,
                        $"{message.Author} sent {message.Precedence.ToString().ToUpperInvariant()} on {message.Channel}: {message.Subject}", null, message.Lang,
                        $"/Hotline/Message?id={message.Seq}", null));
                    foreach (var (party, recipient) in message.Recipients)
                    {
                        if (recipient.Acknowledged is { } ack)
                        {
                            items.Add(new ReconstructionItemView(ack.Seq, "message.ack", "message-ack", party.Value, ack.Author, ack.At,
                                $"{ack.Author} acknowledged message #{message.Seq}", null, null, $"/Hotline/Message?id={message.Seq}", ack.Late ? (long)ack.Elapsed.TotalSeconds : null));
                        }
                    }
                }
            }
        }

        var disputeState = await disputes.StateAsync(cancellationToken);
        foreach (var dispute in disputeState.Disputes.Values)
        {
            if (dispute.Audience.Contains(reader) && dispute.Incidents.Any(eventIds.Contains))
            {
                AddDispute(dispute, items);
            }
        }

        var verificationState = await verification.StateAsync(cancellationToken);
        var cadence = mechanism.Config.Deadlines.VerificationCadence;
        var zones = notices.Zones;
        foreach (var report in verificationState.Reports.Values)
        {
            var zone = zones.Find(report.Zone);
            var near = report.Visit.Start < to + cadence && report.Visit.End > from - cadence;
            if (report.Audience.Contains(reader) && near && zone is not null && points.Any(p => zone.Prepared.Intersects(p)))
            {
                items.Add(new ReconstructionItemView(report.Id, "verification.report", "verification", report.Party.Value, report.Author, report.At,
                    string.Create(CultureInfo.InvariantCulture, $"{report.Author} reported a verification visit to {zone.Reference.Name}: {report.Violations.Count} violation(s)"),
                    report.Text, report.Lang, "/Verification", null));
            }
        }

        items.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Seq.CompareTo(b.Seq));
        var seqs = items.Select(i => i.Seq).Distinct().Order().ToList();
        return new ReconstructionView(id, [.. eventIds.Order()], window.Start, window.End, items, places, seqs);
    }

    private static void AddIncident(Incident incident, List<ReconstructionItemView> items, List<ReconstructionPlaceView> places)
    {
        var href = $"/Incidents/Incident?id={incident.Id}";
        var report = incident.Report;
        items.Add(new ReconstructionItemView(incident.Id, IncidentEntryTypes.Report, "incident", incident.Party.Value, incident.Author, incident.ReportedAt,
            $"{incident.Author} reported {report.Category} (#{incident.Id}, graded {report.Grading})", report.Narrative, report.Lang, href, null));
        foreach (var step in incident.Steps)
        {
            var what = step.Kind switch
            {
                IncidentStepKind.Acknowledged => "acknowledged",
                IncidentStepKind.ReviewOpened => "opened the joint review of",
                IncidentStepKind.Resolved => "resolved",
                IncidentStepKind.Disputed => "disputed",
                IncidentStepKind.Referred => "referred to the convener",
                IncidentStepKind.Finding => $"recorded the finding ({step.Outcome?.Code()}) on",
                IncidentStepKind.Linked => "linked as one event",
                IncidentStepKind.Escalated => $"escalated (the {step.Stage?.Code()} deadline passed) on",
                _ => step.Kind.ToString(),
            };
            items.Add(new ReconstructionItemView(step.Seq, step.Kind.EntryType(), "incident-step", step.Party.Value, step.Author, step.At,
                $"{step.Author} {what} incident #{incident.Id}", step.Text, step.Lang, href, step.Late is { } late ? (long)late.Shortfall.TotalSeconds : null));
        }

        places.Add(new ReconstructionPlaceView("incident", incident.Id, incident.Party.Value, $"#{incident.Id} {report.Category} ({incident.Party})", href, GeoJsonWriter.ToNode(report.Location)));
    }

    private static void AddNotice(Notice notice, long durable, List<ReconstructionItemView> items, List<ReconstructionPlaceView> places)
    {
        var href = $"/Notices/Notice?id={notice.Id}";
        var filing = notice.Filing;
        items.Add(new ReconstructionItemView(notice.Id, NoticeEntryTypes.File, "notice", notice.Party.Value, notice.Author, notice.FiledAt,
            string.Create(CultureInfo.InvariantCulture, $"{notice.Author} notified {filing.Kind.Code()} from {filing.Window.Start:yyyy-MM-dd HH:mm} to {filing.Window.End:yyyy-MM-dd HH:mm} UTC (notice #{notice.Id})"),
            filing.Text, filing.Lang, href, notice.Late is { } late ? (long)late.Shortfall.TotalSeconds : null));
        foreach (var response in notice.Responses.Where(r => r.Seq <= durable))
        {
            items.Add(new ReconstructionItemView(response.Seq, $"notice.{response.Kind.ToString().ToLowerInvariant()}", "notice-answer", response.Party.Value, response.Author, response.At,
                $"{response.Author} {response.Kind.ToString().ToLowerInvariant()} notice #{notice.Id}", response.Reason, null, href, null));
        }

        places.Add(new ReconstructionPlaceView("notice", notice.Id, notice.Party.Value, $"notice #{notice.Id} {filing.Kind.Code()} ({notice.Party})", href, GeoJsonWriter.ToNode(filing.Area.Geometry)));
    }

    private static void AddDispute(Domain.Disputes.Dispute dispute, List<ReconstructionItemView> items)
    {
        var href = $"/Disputes/Dispute?id={dispute.Id}";
        items.Add(new ReconstructionItemView(dispute.Id, "dispute.open", "dispute", dispute.Claimant.Value, dispute.Author, dispute.OpenedAt,
            $"{dispute.Author} opened dispute #{dispute.Id} against {dispute.Respondent}", dispute.Claim, dispute.Lang, href, null));
        foreach (var reply in dispute.Replies)
        {
            items.Add(new ReconstructionItemView(reply.Seq, "dispute.reply", "dispute-reply", dispute.Respondent.Value, reply.Author, reply.At,
                $"{reply.Author} replied to dispute #{dispute.Id}", reply.Text, reply.Lang, href, reply.LateBy is { } late ? (long)late.TotalSeconds : null));
        }

        foreach (var escalation in dispute.Escalations)
        {
            items.Add(new ReconstructionItemView(escalation.Seq, "dispute.escalate", "dispute-escalation", escalation.Party?.Value ?? string.Empty, escalation.Author, escalation.At,
                escalation.Missed ? $"dispute #{dispute.Id} moved up to the {escalation.To} level: the reply deadline passed" : $"{escalation.Author} escalated dispute #{dispute.Id} to the {escalation.To} level",
                escalation.Reason, null, href, null));
        }

        if (dispute.Finding is { } finding)
        {
            items.Add(new ReconstructionItemView(finding.Seq, "dispute.finding", "dispute-finding", string.Empty, finding.Author, finding.At,
                $"{finding.Author} found dispute #{dispute.Id} {finding.Outcome.ToString().ToLowerInvariant()}{(finding.Major ? " (major)" : string.Empty)}",
                $"{finding.Reasons}\nRemedy: {finding.Remedy}", finding.Lang, href, null));
        }
    }

    /// <summary>Great-circle kilometres between the nearest points of two geometries in longitude/latitude (0 when they meet).</summary>
    private static double Kilometres(Geometry a, Geometry b)
    {
        if (a.Intersects(b))
        {
            return 0;
        }

        var nearest = DistanceOp.NearestPoints(a, b);
        return IncidentRegister.Kilometres(nearest[0], nearest[1]);
    }
}
