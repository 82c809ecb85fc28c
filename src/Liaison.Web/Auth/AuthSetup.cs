using Liaison.Features.Identity;
using Liaison.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Liaison.Web.Auth;

/// <summary>Sign-in: Identity's cookie for the browser (password, then TOTP when enabled), personal access tokens for the API and CLI.</summary>
public static class AuthSetup
{
    public const string Scheme = "liaison";

    public static IServiceCollection AddLiaisonAuth(this IServiceCollection services)
    {
        new IdentityBuilder(typeof(LiaisonUser), services).AddSignInManager().AddClaimsPrincipalFactory<MemberClaimsFactory>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = Scheme;
                options.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Cookie or access token", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? TokenAuthenticationHandler.SchemeName
                        : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/SignIn";
            cookie.LogoutPath = "/Account/SignOut";
            cookie.AccessDeniedPath = "/Account/SignIn";
            cookie.Cookie.Name = "liaison";
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.HttpOnly = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
            cookie.SlidingExpiration = true;

            // The API answers with problem documents, never with a redirect to the sign-in page.
            cookie.Events.OnRedirectToLogin = context => context.Request.Path.StartsWithSegments("/api")
                ? Problems.WriteAsync(context.HttpContext, new Domain.Common.Error.Unauthenticated("authentication-required", "Sign in, or send a personal access token as 'Authorization: Bearer lia_…'."))
                : RedirectAsync(context);
            cookie.Events.OnRedirectToAccessDenied = context => context.Request.Path.StartsWithSegments("/api")
                ? Problems.WriteAsync(context.HttpContext, context.HttpContext.Items.ContainsKey(BrowserApiRequestRequirement.FailureItem)
                    ? new Domain.Common.Error.Forbidden("antiforgery-token-required", $"A signed-in browser's request that changes something must carry the page's antiforgery token in the '{BrowserApiRequestRequirement.HeaderName}' header; reload the page and try again.")
                    : new Domain.Common.Error.Forbidden("forbidden", "You may not do this."))
                : RedirectAsync(context);
        });

        // Forms send the token as a field, scripts as a header (BrowserApiRequestRequirement).
        services.AddAntiforgery(options => options.HeaderName = BrowserApiRequestRequirement.HeaderName);
        services.AddSingleton<IAuthorizationHandler, BrowserApiRequestHandler>();
        var browserRequests = new BrowserApiRequestRequirement();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(browserRequests).Build())
            .AddPolicy(TokenScopes.EntriesRead, p => p.RequireAuthenticatedUser().AddRequirements(browserRequests).RequireAssertion(c => HasScope(c, TokenScopes.EntriesRead)))
            .AddPolicy(TokenScopes.EntriesWrite, p => p.RequireAuthenticatedUser().AddRequirements(browserRequests).RequireAssertion(c => HasScope(c, TokenScopes.EntriesWrite)))
            .AddPolicy(TokenScopes.KeysRead, p => p.RequireAuthenticatedUser().AddRequirements(browserRequests).RequireAssertion(c => HasScope(c, TokenScopes.KeysRead)))
            .AddPolicy(TokenScopes.KeysWrite, p => p.RequireAuthenticatedUser().AddRequirements(browserRequests).RequireAssertion(c => HasScope(c, TokenScopes.KeysWrite)))
            .AddPolicy(TokenScopes.Tokens, p => p.RequireAuthenticatedUser().AddRequirements(browserRequests).RequireAssertion(c => HasScope(c, TokenScopes.Tokens)));
        return services;
    }

    private static Task RedirectAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>A browser session holds every scope; a token holds the scopes it was made with.</summary>
    private static bool HasScope(AuthorizationHandlerContext context, string scope) =>
        context.User.Identity?.AuthenticationType != TokenAuthenticationHandler.SchemeName || context.User.HasClaim(TokenScopes.ClaimType, scope);
}
