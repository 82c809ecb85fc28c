using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Incidents;

/// <summary>
/// The incident entry types and who may author them. Reporters: a party's liaison officers, duty officers, commanders
/// and analysts, an observer, the convener's mediator. Transitions: a party's liaison officers, duty officers and
/// commanders (and the convener's mediator, who links and refers); findings: the convener's mediator only;
/// escalations: the server key only. Which party may make which transition is decided by <c>IncidentRegister</c>.
/// </summary>
public static class IncidentEntryTypes
{
    /// <summary>An incident is reported.</summary>
    public const string Report = "incident.report";

    /// <summary>A concerned party acknowledges the report.</summary>
    public const string Acknowledge = "incident.ack";

    /// <summary>A concerned party or the reporter's party opens the joint review.</summary>
    public const string Review = "incident.review";

    /// <summary>The review ends in agreement.</summary>
    public const string Resolve = "incident.resolve";

    /// <summary>A concerned party disputes the report.</summary>
    public const string Dispute = "incident.dispute";

    /// <summary>A disputed incident is referred to the convener.</summary>
    public const string Refer = "incident.refer";

    /// <summary>The convener's finding on a referred incident.</summary>
    public const string Finding = "incident.finding";

    /// <summary>Reports are one event.</summary>
    public const string Link = "incident.link";

    /// <summary>The server records a missed deadline.</summary>
    public const string Escalate = "incident.escalate";

    /// <summary>Who may report an incident.</summary>
    public static IReadOnlySet<Role> ReporterRoles { get; } = new HashSet<Role> { Role.LiaisonOfficer, Role.DutyOfficer, Role.Commander, Role.Analyst, Role.Observer, Role.Mediator };

    /// <summary>Who may acknowledge, review, resolve, dispute, refer and link.</summary>
    public static IReadOnlySet<Role> TransitionRoles { get; } = new HashSet<Role> { Role.LiaisonOfficer, Role.DutyOfficer, Role.Commander, Role.Mediator };

    /// <summary>Who may record a finding.</summary>
    public static IReadOnlySet<Role> FindingRoles { get; } = new HashSet<Role> { Role.Mediator };

    /// <summary>Every incident type by name; <see cref="EntryTypes"/> registers each of them.</summary>
    public static IReadOnlyDictionary<string, EntryType> All { get; } = new Dictionary<string, EntryType>(StringComparer.Ordinal)
    {
        [Report] = Make(Report, ReporterRoles),
        [Acknowledge] = Make(Acknowledge, TransitionRoles),
        [Review] = Make(Review, TransitionRoles),
        [Resolve] = Make(Resolve, TransitionRoles),
        [Dispute] = Make(Dispute, TransitionRoles),
        [Refer] = Make(Refer, TransitionRoles),
        [Finding] = Make(Finding, FindingRoles),
        [Link] = Make(Link, TransitionRoles),
        [Escalate] = Make(Escalate, new HashSet<Role>()),
    };

    /// <summary>True when <paramref name="type"/> is an incident entry type.</summary>
    public static bool IsIncident(string type) => All.ContainsKey(type);

    private static EntryType Make(string name, IReadOnlySet<Role> roles) => new(name, roles, body => IncidentEvents.Parse(name, body).Map(_ => Unit.Value));
}
