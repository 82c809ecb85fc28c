using Liaison.Domain.Parties;
using Microsoft.AspNetCore.Identity;

namespace Liaison.Features.Identity;

/// <summary>A person who signs in: one party, the roles they hold there (comma-separated role codes), and Identity's credentials.</summary>
public sealed class LiaisonUser : IdentityUser
{
    public string PartyCode { get; set; } = string.Empty;

    public string RoleCodes { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The user as the domain rules see them.</summary>
    public Member ToMember()
    {
        var roles = new HashSet<Role>();
        foreach (var code in RoleCodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Roles.TryParse(code, out var role))
            {
                roles.Add(role);
            }
        }

        return new Member(UserName!, new PartyCode(PartyCode), roles);
    }
}
