using System.Security.Claims;
using Liaison.Domain.Parties;
using Liaison.Features.Identity;

namespace Liaison.Web.Auth;

/// <summary>The claims a signed-in principal carries, whether from the browser cookie or a personal access token.</summary>
public static class LiaisonClaims
{
    public const string Party = "liaison:party";
    public const string Role = "liaison:role";

    /// <summary>Adds the user's party and roles to an identity.</summary>
    public static void AddMemberClaims(ClaimsIdentity identity, LiaisonUser user)
    {
        identity.AddClaim(new Claim(Party, user.PartyCode));
        foreach (var role in user.ToMember().Roles)
        {
            identity.AddClaim(new Claim(Role, role.Code()));
        }
    }

    /// <summary>The member a principal is, or null when it is not a signed-in user.</summary>
    public static Member? ToMember(this ClaimsPrincipal principal)
    {
        var name = principal.Identity?.IsAuthenticated == true ? principal.Identity.Name : null;
        var party = principal.FindFirstValue(Party);
        if (name is null || !PartyCode.TryParse(party, out var code))
        {
            return null;
        }

        var roles = new HashSet<Role>();
        foreach (var claim in principal.FindAll(Role))
        {
            if (Roles.TryParse(claim.Value, out var role))
            {
                roles.Add(role);
            }
        }

        return new Member(name, code, roles);
    }
}
