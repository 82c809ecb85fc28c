using System.Text.Json.Nodes;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Incidents;

/// <summary>
/// An <c>incident.escalate</c> the server should record now: the incident, the stage whose deadline was missed, the
/// instant it fell due, and the audience (the incident's).
/// </summary>
public sealed record IncidentDue(long Incident, EscalationStage Stage, DateTimeOffset Deadline, IReadOnlyList<PartyCode> Audience)
{
    /// <summary>The entry type to make.</summary>
    public static string Type => IncidentEntryTypes.Escalate;

    /// <summary>The type's own fields: <c>incident</c>, <c>stage</c>, <c>deadline</c> (RFC 3339).</summary>
    public JsonObject Fields() => new() { ["incident"] = Incident, ["stage"] = Stage.Code(), ["deadline"] = Deadline.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) };
}

/// <summary>
/// The incident deadline engine, a pure function of the incidents and an instant. A deadline falls due at its instant
/// exactly (at <c>now = deadline</c> it is due, one tick earlier it is not): acknowledgement while still reported at
/// <c>reportedAt + incidentAcknowledgement</c>; review while acknowledged or under review at <c>acknowledgedAt +
/// incidentReview</c>; finding while referred at <c>referredAt + incidentFinding</c>. Idempotent: a stage already
/// escalated is never proposed again.
/// </summary>
public static class IncidentDeadlines
{
    /// <summary>The escalations due at <paramref name="now"/>, by deadline, then incident, then stage.</summary>
    public static IReadOnlyList<IncidentDue> Due(IEnumerable<Incident> incidents, DeadlineConfig deadlines, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(deadlines);
        var due = new List<IncidentDue>();
        foreach (var incident in incidents)
        {
            var (stage, from, span) = incident.Status switch
            {
                IncidentStatus.Reported => (EscalationStage.Acknowledgement, (DateTimeOffset?)incident.ReportedAt, deadlines.IncidentAcknowledgement),
                IncidentStatus.Acknowledged or IncidentStatus.UnderReview => (EscalationStage.Review, incident.AcknowledgedAt, deadlines.IncidentReview),
                IncidentStatus.Referred => (EscalationStage.Finding, incident.ReferredAt, deadlines.IncidentFinding),
                _ => (EscalationStage.Acknowledgement, null, TimeSpan.Zero),
            };
            if (from is { } start && start + span <= now && !incident.Escalated(stage))
            {
                due.Add(new IncidentDue(incident.Id, stage, start + span, incident.Audience));
            }
        }

        return [.. due.OrderBy(d => d.Deadline).ThenBy(d => d.Incident).ThenBy(d => d.Stage)];
    }

    /// <summary>When the deadline now running on <paramref name="incident"/> falls due, and its stage; null when none runs.</summary>
    public static (EscalationStage Stage, DateTimeOffset Deadline)? Running(Incident incident, DeadlineConfig deadlines)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(deadlines);
        return incident.Status switch
        {
            IncidentStatus.Reported => (EscalationStage.Acknowledgement, incident.ReportedAt + deadlines.IncidentAcknowledgement),
            IncidentStatus.Acknowledged or IncidentStatus.UnderReview when incident.AcknowledgedAt is { } at => (EscalationStage.Review, at + deadlines.IncidentReview),
            IncidentStatus.Referred when incident.ReferredAt is { } at => (EscalationStage.Finding, at + deadlines.IncidentFinding),
            _ => null,
        };
    }
}
