namespace Liaison.Domain.Parties;

/// <summary>A role a user holds within their party. Which kinds of party may hold which role is <see cref="Roles.AllowedFor"/>.</summary>
public enum Role
{
    /// <summary>Liaison officer: talks on the hotline, files notices and reports.</summary>
    LiaisonOfficer,

    /// <summary>Duty officer: watches the line around the clock, acknowledges, receives escalations.</summary>
    DutyOfficer,

    /// <summary>Commander: approves and issues on the party's behalf.</summary>
    Commander,

    /// <summary>Analyst: reads, grades and prepares intelligence and reports.</summary>
    Analyst,

    /// <summary>Administrator: manages the party's users and enrols their keys.</summary>
    Administrator,

    /// <summary>The convener's mediator: referrals, findings, attestations.</summary>
    Mediator,

    /// <summary>An observer's member: verifies and reports.</summary>
    Observer,
}

/// <summary>Role codes as written in configuration, tokens and entries, and the rules on who may hold them.</summary>
public static class Roles
{
    private static readonly Dictionary<Role, string> Codes = new()
    {
        [Role.LiaisonOfficer] = "liaison-officer",
        [Role.DutyOfficer] = "duty-officer",
        [Role.Commander] = "commander",
        [Role.Analyst] = "analyst",
        [Role.Administrator] = "administrator",
        [Role.Mediator] = "mediator",
        [Role.Observer] = "observer",
    };

    private static readonly Dictionary<Role, string> ShortNames = new()
    {
        [Role.LiaisonOfficer] = "officer",
        [Role.DutyOfficer] = "duty",
        [Role.Commander] = "commander",
        [Role.Analyst] = "analyst",
        [Role.Administrator] = "admin",
        [Role.Mediator] = "mediator",
        [Role.Observer] = "observer",
    };

    /// <summary>The configuration code of a role, e.g. <c>liaison-officer</c>.</summary>
    public static string Code(this Role role) => Codes[role];

    /// <summary>The short name used in demo user names and CLI profiles, e.g. <c>officer</c> in <c>isr-officer</c>.</summary>
    public static string ShortName(this Role role) => ShortNames[role];

    /// <summary>Parses a role code (or its short name); false when it is neither.</summary>
    public static bool TryParse(string? text, out Role role)
    {
        foreach (var (candidate, code) in Codes)
        {
            if (string.Equals(code, text, StringComparison.Ordinal) || string.Equals(ShortNames[candidate], text, StringComparison.Ordinal))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }

    /// <summary>The roles a user of a party of this kind may hold.</summary>
    public static IReadOnlyList<Role> AllowedFor(PartyKind kind) => kind switch
    {
        PartyKind.Party => [Role.LiaisonOfficer, Role.DutyOfficer, Role.Commander, Role.Analyst, Role.Administrator],
        PartyKind.Convener => [Role.Mediator, Role.Administrator],
        PartyKind.Observer => [Role.Observer, Role.Administrator],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a party kind."),
    };
}
