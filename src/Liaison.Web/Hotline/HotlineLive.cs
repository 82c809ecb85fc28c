using Liaison.Features.Entries;
using Liaison.Features.Identity;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Liaison.Web.Hotline;

/// <summary>Live hotline delivery: SignalR, the hub at <see cref="HubPath"/>, and the feed from the sequencer to it.</summary>
public static class HotlineLive
{
    /// <summary>Where the hub is mapped.</summary>
    public const string HubPath = "/hubs/hotline";

    /// <summary>
    /// Registers SignalR, the feed (an <see cref="IEntryObserver"/> of committed entries) and the push service, and lets
    /// hub connections authenticate as the browser client and the .NET client do.
    /// </summary>
    public static IServiceCollection AddHotlineLive(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<HotlineLiveFeed>();
        services.AddSingleton<IEntryObserver>(sp => sp.GetRequiredService<HotlineLiveFeed>());
        services.AddHostedService<HotlinePushService>();
        services.AddTransient<IStartupFilter, HubAccessTokenFilter>();

        // A hub client is not a browser page: without a session it gets 401 or 403, never a redirect to the sign-in page.
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, cookie =>
        {
            var toLogin = cookie.Events.OnRedirectToLogin;
            var toDenied = cookie.Events.OnRedirectToAccessDenied;
            cookie.Events.OnRedirectToLogin = context => IsHub(context.Request) ? Status(context.Response, StatusCodes.Status401Unauthorized) : toLogin(context);
            cookie.Events.OnRedirectToAccessDenied = context => IsHub(context.Request) ? Status(context.Response, StatusCodes.Status403Forbidden) : toDenied(context);
        });
        return services;
    }

    /// <summary>Maps the hub; it needs a signed-in member whose session or token may read entries.</summary>
    public static IEndpointRouteBuilder MapHotlineHub(this IEndpointRouteBuilder routes)
    {
        routes.MapHub<HotlineHub>(HubPath, options => options.CloseOnAuthenticationExpiration = true).RequireAuthorization(TokenScopes.EntriesRead);
        return routes;
    }

    // Every hub (the hotline's, the notices') lives under /hubs.
    private static bool IsHub(HttpRequest request) => request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase);

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>
    /// SignalR clients that cannot set headers on a WebSocket (browsers) send the access token as the <c>access_token</c>
    /// query parameter. For the hub's path only, and only when no <c>Authorization</c> header was sent, it becomes the
    /// bearer token that the token scheme checks. Elsewhere a token in a URL is ignored: URLs end up in logs and histories.
    /// </summary>
    private sealed class HubAccessTokenFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                var request = context.Request;
                if (IsHub(request)
                    && request.Headers.Authorization.Count == 0
                    && request.Query.TryGetValue("access_token", out var token)
                    && token.Count == 1
                    && !string.IsNullOrWhiteSpace(token[0]))
                {
                    request.Headers.Authorization = "Bearer " + token[0];
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
