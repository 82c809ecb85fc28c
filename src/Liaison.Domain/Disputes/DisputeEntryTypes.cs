using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Disputes;

/// <summary>
/// The dispute entry types and who may author them. A party's liaison officers, duty officers and commanders open,
/// reply to and escalate disputes; only the convener's mediator records a finding. Escalations at a missed reply deadline
/// are made by the server. Which party may do what to which dispute is decided against the state by <see cref="DisputeDesk"/>.
/// </summary>
public static class DisputeEntryTypes
{
    /// <summary>A party opens a dispute against another party.</summary>
    public const string Open = "dispute.open";

    /// <summary>The respondent replies.</summary>
    public const string Reply = "dispute.reply";

    /// <summary>A side asks for the next level of the ladder, or the server moves it there at a missed reply deadline.</summary>
    public const string Escalate = "dispute.escalate";

    /// <summary>The convener's mediator records a finding and a remedy.</summary>
    public const string Finding = "dispute.finding";

    /// <summary>The type of an incident report, whose sequence numbers a dispute may name (the incidents feature defines it).</summary>
    public const string IncidentReport = "incident.report";

    /// <summary>Who may open, reply to and escalate disputes: a party's liaison officers, duty officers and commanders.</summary>
    public static IReadOnlySet<Role> PartyRoles { get; } = new HashSet<Role> { Role.LiaisonOfficer, Role.DutyOfficer, Role.Commander };

    /// <summary>Who may record a finding: the convener's mediator.</summary>
    public static IReadOnlySet<Role> ConvenerRoles { get; } = new HashSet<Role> { Role.Mediator };

    /// <summary>Every dispute type by name; <see cref="EntryTypes"/> registers each of them.</summary>
    public static IReadOnlyDictionary<string, EntryType> All { get; } = new Dictionary<string, EntryType>(StringComparer.Ordinal)
    {
        [Open] = Make(Open, PartyRoles),
        [Reply] = Make(Reply, PartyRoles),
        [Escalate] = Make(Escalate, PartyRoles),
        [Finding] = Make(Finding, ConvenerRoles),
    };

    /// <summary>True when <paramref name="type"/> is a dispute entry type.</summary>
    public static bool IsDispute(string type) => All.ContainsKey(type);

    private static EntryType Make(string name, IReadOnlySet<Role> roles) => new(name, roles, body => DisputeEvents.Parse(name, body).Map(_ => Unit.Value));
}
