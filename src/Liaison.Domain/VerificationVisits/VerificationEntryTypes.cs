using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Parties;

namespace Liaison.Domain.VerificationVisits;

/// <summary>
/// The verification-visit entry types and who may author them. A party's liaison officers, duty officers and commanders
/// request a visit; the convener's mediator and observers report one; the server records an overdue zone or request.
/// </summary>
public static class VerificationEntryTypes
{
    /// <summary>A party asks for a zone to be verified.</summary>
    public const string Request = "verification.request";

    /// <summary>The convener or an observer reports a visit to a zone.</summary>
    public const string Report = "verification.report";

    /// <summary>The server records a zone (or a request) whose verification is overdue.</summary>
    public const string Overdue = "verification.overdue";

    /// <summary>Who may request a visit: a party's liaison officers, duty officers and commanders.</summary>
    public static IReadOnlySet<Role> RequesterRoles { get; } = new HashSet<Role> { Role.LiaisonOfficer, Role.DutyOfficer, Role.Commander };

    /// <summary>Who may report a visit: the convener's mediator and observers.</summary>
    public static IReadOnlySet<Role> ReporterRoles { get; } = new HashSet<Role> { Role.Mediator, Role.Observer };

    /// <summary>Every verification type by name; <see cref="EntryTypes"/> registers each of them.</summary>
    public static IReadOnlyDictionary<string, EntryType> All { get; } = new Dictionary<string, EntryType>(StringComparer.Ordinal)
    {
        [Request] = Make(Request, RequesterRoles),
        [Report] = Make(Report, ReporterRoles),
        [Overdue] = Make(Overdue, new HashSet<Role>()),
    };

    /// <summary>True when <paramref name="type"/> is a verification entry type.</summary>
    public static bool IsVerification(string type) => All.ContainsKey(type);

    private static EntryType Make(string name, IReadOnlySet<Role> roles) => new(name, roles, body => VerificationEvents.Parse(name, body).Map(_ => Unit.Value));
}
