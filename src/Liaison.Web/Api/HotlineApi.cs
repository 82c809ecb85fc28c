using System.Security.Claims;
using Liaison.Domain.Hotline;
using Liaison.Features.Hotline;
using Liaison.Features.Identity;
using Liaison.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Web.Api;

/// <summary>The hotline's read side. Messages, acknowledgements and replies are entries: <c>POST /api/v1/entries</c>.</summary>
public static class HotlineApi
{
    public static IEndpointRouteBuilder MapHotlineEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/hotline").WithTags("Hotline").RequireAuthorization(TokenScopes.EntriesRead);
        group.MapGet("/messages", InboxAsync).WithName("HotlineInbox").WithSummary("Messages on your party's channels, newest first, with each recipient's state and deadlines");
        group.MapGet("/stats", StatisticsAsync).WithName("HotlineStatistics").WithSummary("Responsiveness per party and precedence over [from, to), the same computation for each side");
        return routes;
    }

    private static async Task<Results<Ok<IReadOnlyList<MessageView>>, ProblemHttpResult>> InboxAsync(ClaimsPrincipal user, ReadHotline hotline, CancellationToken cancellationToken, string? channel = null)
    {
        var inbox = await hotline.InboxAsync(user.ToMember()!, channel, cancellationToken);
        return inbox.IsSuccess ? TypedResults.Ok(inbox.Value) : Problems.Result(inbox.Error);
    }

    private static async Task<Results<Ok<ResponsivenessReport>, ProblemHttpResult>> StatisticsAsync(ReadHotline hotline, TimeProvider time, CancellationToken cancellationToken, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var end = to ?? time.GetUtcNow();
        var start = from ?? end.AddDays(-30);
        if (start >= end)
        {
            return Problems.Result(new Domain.Common.Error.Validation("invalid-period", "from must be before to."));
        }

        return TypedResults.Ok(await hotline.StatisticsAsync(start, end, cancellationToken));
    }
}
