namespace Liaison.Domain.Parties;

/// <summary>A user of the mechanism as the rules see them: a unique user name, one party, and the roles they hold there.</summary>
public sealed record Member(string UserName, PartyCode Party, IReadOnlySet<Role> Roles)
{
    /// <summary>True when the member holds <paramref name="role"/>.</summary>
    public bool Holds(Role role) => Roles.Contains(role);
}
