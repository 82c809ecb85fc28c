using System.Security.Claims;
using System.Text.Encodings.Web;
using Liaison.Features.Identity;
using Liaison.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Liaison.Web.Auth;

/// <summary>Authenticates <c>Authorization: Bearer lia_…</c> personal access tokens; a refusal is answered as a problem document.</summary>
internal sealed class TokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenAuthenticator tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "token";
    private const string FailureItem = "liaison:token-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var result = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (!result.IsSuccess)
        {
            Context.Items[FailureItem] = result.Error;
            return AuthenticateResult.Fail(result.Error.Detail);
        }

        var principal = result.Value;
        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, LiaisonClaims.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, principal.User.Id));
        identity.AddClaim(new Claim(ClaimTypes.Name, principal.User.UserName!));
        LiaisonClaims.AddMemberClaims(identity, principal.User);
        foreach (var scope in principal.Scopes)
        {
            identity.AddClaim(new Claim(TokenScopes.ClaimType, scope));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var error = Context.Items[FailureItem] as Domain.Common.Error
            ?? new Domain.Common.Error.Unauthenticated("authentication-required", "Sign in, or send a personal access token as 'Authorization: Bearer lia_…'.");
        Response.Headers.WWWAuthenticate = "Bearer";
        await Problems.WriteAsync(Context, error);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await Problems.WriteAsync(Context, new Domain.Common.Error.Forbidden("insufficient-scope", "This access token's scopes do not allow this request."));
}
