using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;

namespace Liaison.Web.Auth;

/// <summary>
/// The API's defence against cross-site requests made with a signed-in browser's cookie: a request to <c>/api</c> that
/// changes something (any method but GET, HEAD, OPTIONS and TRACE) and is authenticated by the cookie must carry the
/// page's antiforgery token in the <see cref="HeaderName"/> header, which another site can neither read nor send
/// without a CORS preflight this server never grants. Requests with an access token carry no ambient credential and
/// pass. <c>wwwroot/js/signing.js</c> sends the header; pages expose the token as <c>meta[name=liaison-antiforgery]</c>
/// or in any form's <c>__RequestVerificationToken</c> field.
/// </summary>
public sealed class BrowserApiRequestRequirement : IAuthorizationRequirement
{
    /// <summary>The header that carries the antiforgery request token.</summary>
    public const string HeaderName = "X-Liaison-Antiforgery";

    /// <summary>Set on the request when the check failed, so the refusal names its reason.</summary>
    internal const string FailureItem = "liaison:antiforgery-failure";
}

/// <summary>Checks <see cref="BrowserApiRequestRequirement"/> with ASP.NET Core's antiforgery tokens.</summary>
internal sealed class BrowserApiRequestHandler(IAntiforgery antiforgery) : AuthorizationHandler<BrowserApiRequestRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, BrowserApiRequestRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        if (http is null
            || !http.Request.Path.StartsWithSegments("/api")
            || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            || HttpMethods.IsOptions(http.Request.Method) || HttpMethods.IsTrace(http.Request.Method)
            || context.User.Identity?.AuthenticationType == TokenAuthenticationHandler.SchemeName
            || context.User.Identity?.IsAuthenticated != true)
        {
            context.Succeed(requirement);
            return;
        }

        if (await antiforgery.IsRequestValidAsync(http))
        {
            context.Succeed(requirement);
            return;
        }

        http.Items[BrowserApiRequestRequirement.FailureItem] = true;
        context.Fail(new AuthorizationFailureReason(this, "The request lacks a valid antiforgery token."));
    }
}
