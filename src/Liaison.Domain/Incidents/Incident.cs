using Liaison.Domain.Notices;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Incidents;

/// <summary>Where an incident stands: reported → acknowledged → under-review → resolved, or disputed → referred → finding.</summary>
public enum IncidentStatus
{
    /// <summary>Reported; not yet acknowledged by every concerned party.</summary>
    Reported,

    /// <summary>Acknowledged by every concerned party.</summary>
    Acknowledged,

    /// <summary>Under joint review.</summary>
    UnderReview,

    /// <summary>The review ended in agreement.</summary>
    Resolved,

    /// <summary>A concerned party disputes the report.</summary>
    Disputed,

    /// <summary>Referred to the convener.</summary>
    Referred,

    /// <summary>The convener recorded a finding.</summary>
    Finding,
}

/// <summary>What a step of an incident's timeline is.</summary>
public enum IncidentStepKind
{
    /// <summary><c>incident.ack</c>.</summary>
    Acknowledged,

    /// <summary><c>incident.review</c>.</summary>
    ReviewOpened,

    /// <summary><c>incident.resolve</c>.</summary>
    Resolved,

    /// <summary><c>incident.dispute</c>.</summary>
    Disputed,

    /// <summary><c>incident.refer</c>.</summary>
    Referred,

    /// <summary><c>incident.finding</c>.</summary>
    Finding,

    /// <summary><c>incident.link</c>: the incident was linked with others.</summary>
    Linked,

    /// <summary><c>incident.escalate</c>: a deadline was missed.</summary>
    Escalated,
}

/// <summary>
/// One entry about an incident after its report: its sequence number, kind, who made it and when (server time), its text
/// and language (resolution text, dispute reason, finding reasons, link reason), the finding's outcome, the escalation's
/// stage and deadline, the incidents a link named, and whether it came after its deadline (<see cref="Late"/>).
/// </summary>
public sealed record IncidentStep(long Seq, IncidentStepKind Kind, PartyCode Party, string Author, DateTimeOffset At)
{
    /// <summary>Free text (resolution, dispute reason, finding reasons, link reason), if any.</summary>
    public string? Text { get; init; }

    /// <summary>The text's language.</summary>
    public string? Lang { get; init; }

    /// <summary>A finding's outcome.</summary>
    public FindingOutcome? Outcome { get; init; }

    /// <summary>An escalation's stage.</summary>
    public EscalationStage? Stage { get; init; }

    /// <summary>An escalation's deadline.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>The incidents a link named.</summary>
    public IReadOnlyList<long> Linked { get; init; } = [];

    /// <summary>How late the step was against its deadline; null when in time or not bound by one.</summary>
    public Lateness? Late { get; init; }
}

/// <summary>
/// An incident as the record has it: its report (<see cref="Report"/>) with its id (the report's sequence number), the
/// reporting party and author, the audience, the concerned parties (those that must acknowledge), when it was reported
/// (server time) and the steps since. Its status and the instants deadlines run from are functions of the steps, so a
/// view that leaves out steps not yet durable shows the status those steps make. Immutable.
/// </summary>
public sealed record Incident(
    long Id,
    PartyCode Party,
    PartyKind ReporterKind,
    string Author,
    IReadOnlyList<PartyCode> Audience,
    IncidentReported Report,
    IReadOnlyList<PartyCode> Concerns,
    DateTimeOffset ReportedAt,
    DateTimeOffset ClientTime)
{
    /// <summary>The steps, in record order.</summary>
    public IReadOnlyList<IncidentStep> Steps { get; init; } = [];

    /// <summary>The status the steps make.</summary>
    public IncidentStatus Status => Progress().Status;

    /// <summary>When every concerned party had acknowledged, if they have.</summary>
    public DateTimeOffset? AcknowledgedAt => Progress().AcknowledgedAt;

    /// <summary>When it was referred to the convener, if it was.</summary>
    public DateTimeOffset? ReferredAt => Progress().ReferredAt;

    /// <summary>The concerned parties that have acknowledged, with their steps.</summary>
    public IEnumerable<IncidentStep> Acknowledgements => Steps.Where(s => s.Kind == IncidentStepKind.Acknowledged);

    /// <summary>The finding, if recorded.</summary>
    public IncidentStep? FindingStep => Steps.LastOrDefault(s => s.Kind == IncidentStepKind.Finding);

    /// <summary>True once resolved or found on: no deadline runs any more.</summary>
    public bool IsClosed => Status is IncidentStatus.Resolved or IncidentStatus.Finding;

    /// <summary>True when the stage has been escalated already.</summary>
    public bool Escalated(EscalationStage stage) => Steps.Any(s => s.Kind == IncidentStepKind.Escalated && s.Stage == stage);

    /// <summary>This incident with only the steps up to <paramref name="durable"/>.</summary>
    public Incident UpTo(long durable) => Steps.Count == 0 || Steps[^1].Seq <= durable ? this : this with { Steps = [.. Steps.Where(s => s.Seq <= durable)] };

    private (IncidentStatus Status, DateTimeOffset? AcknowledgedAt, DateTimeOffset? ReferredAt) Progress()
    {
        var status = IncidentStatus.Reported;
        DateTimeOffset? acknowledgedAt = null;
        DateTimeOffset? referredAt = null;
        HashSet<PartyCode>? acknowledged = null;
        foreach (var step in Steps)
        {
            switch (step.Kind)
            {
                case IncidentStepKind.Acknowledged:
                    (acknowledged ??= []).Add(step.Party);
                    if (status == IncidentStatus.Reported && Concerns.All(acknowledged.Contains))
                    {
                        status = IncidentStatus.Acknowledged;
                        acknowledgedAt = step.At;
                    }

                    break;
                case IncidentStepKind.ReviewOpened:
                    status = IncidentStatus.UnderReview;
                    break;
                case IncidentStepKind.Resolved:
                    status = IncidentStatus.Resolved;
                    break;
                case IncidentStepKind.Disputed:
                    status = IncidentStatus.Disputed;
                    break;
                case IncidentStepKind.Referred:
                    status = IncidentStatus.Referred;
                    referredAt = step.At;
                    break;
                case IncidentStepKind.Finding:
                    status = IncidentStatus.Finding;
                    break;
                case IncidentStepKind.Linked:
                case IncidentStepKind.Escalated:
                default:
                    break;
            }
        }

        return (status, acknowledgedAt, referredAt);
    }
}

/// <summary>Codes of statuses and step kinds.</summary>
public static class IncidentCodes
{
    /// <summary>The status code: <c>reported</c>, <c>acknowledged</c>, <c>under-review</c>, <c>resolved</c>, <c>disputed</c>, <c>referred</c>, <c>finding</c>.</summary>
    public static string Code(this IncidentStatus status) => status switch
    {
        IncidentStatus.UnderReview => "under-review",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>Reads a status code.</summary>
    public static bool TryParseStatus(string? code, out IncidentStatus status)
    {
        foreach (var candidate in Enum.GetValues<IncidentStatus>())
        {
            if (string.Equals(candidate.Code(), code, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    /// <summary>The entry type that made a step, e.g. <c>incident.ack</c>.</summary>
    public static string EntryType(this IncidentStepKind kind) => kind switch
    {
        IncidentStepKind.Acknowledged => IncidentEntryTypes.Acknowledge,
        IncidentStepKind.ReviewOpened => IncidentEntryTypes.Review,
        IncidentStepKind.Resolved => IncidentEntryTypes.Resolve,
        IncidentStepKind.Disputed => IncidentEntryTypes.Dispute,
        IncidentStepKind.Referred => IncidentEntryTypes.Refer,
        IncidentStepKind.Finding => IncidentEntryTypes.Finding,
        IncidentStepKind.Linked => IncidentEntryTypes.Link,
        IncidentStepKind.Escalated => IncidentEntryTypes.Escalate,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a step kind."),
    };
}
