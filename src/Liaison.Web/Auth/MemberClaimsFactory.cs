using System.Security.Claims;
using Liaison.Features.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Liaison.Web.Auth;

/// <summary>Puts the user's party and roles into the browser session's claims at sign-in.</summary>
internal sealed class MemberClaimsFactory(UserManager<LiaisonUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<LiaisonUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(LiaisonUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        LiaisonClaims.AddMemberClaims(identity, user);
        return identity;
    }
}
