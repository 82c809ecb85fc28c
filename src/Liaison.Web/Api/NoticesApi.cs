using System.Security.Claims;
using System.Text.Json.Nodes;
using Liaison.Features.Identity;
using Liaison.Features.Notices;
using Liaison.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Web.Api;

/// <summary>
/// Deconfliction's read side: zones, notices with their conflicts and lateness, and a GeoJSON export. Filing, answering,
/// amending and cancelling are entries (<c>notice.file</c>, <c>notice.ack</c>, <c>notice.object</c>, <c>notice.cancel</c>)
/// on <c>POST /api/v1/entries</c>.
/// </summary>
public static class NoticesApi
{
    public static IEndpointRouteBuilder MapNoticeEndpoints(this IEndpointRouteBuilder routes)
    {
        var zones = routes.MapGroup("/api/v1/zones").WithTags("Notices").RequireAuthorization(TokenScopes.EntriesRead);
        zones.MapGet("/", (NoticeBook book) => TypedResults.Json(ZoneCollection.Zones(book.Zones), contentType: "application/geo+json"))
            .WithName("ListZones").WithSummary("The zones as an RFC 7946 FeatureCollection, each with its kind, rules, source and attribution");

        var notices = routes.MapGroup("/api/v1/notices").WithTags("Notices").RequireAuthorization(TokenScopes.EntriesRead);
        notices.MapGet("/", ListAsync).WithName("ListNotices").WithSummary("Notices your party may read, newest first; filter by active, bbox, from/to, party, kind");
        notices.MapGet("/export.geojson", ExportAsync).WithName("ExportNotices").WithSummary("Notices (same filters) and zones as one RFC 7946 FeatureCollection");
        notices.MapGet("/{id:long}", GetAsync).WithName("GetNotice").WithSummary("One notice with its conflicts, lateness and answers");
        return routes;
    }

    private static async Task<Results<Ok<IReadOnlyList<NoticeView>>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, ListNotices handler, CancellationToken cancellationToken,
        bool active = false, string? bbox = null, DateTimeOffset? from = null, DateTimeOffset? to = null, string? party = null, string? kind = null)
    {
        var result = await handler.HandleAsync(new ListNoticesRequest(active, bbox, from, to, party, kind), user.ToMember()!.Party, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Result(result.Error);
    }

    private static async Task<Results<JsonHttpResult<JsonObject>, ProblemHttpResult>> ExportAsync(
        ClaimsPrincipal user, ListNotices handler, NoticeBook book, CancellationToken cancellationToken,
        bool active = false, string? bbox = null, DateTimeOffset? from = null, DateTimeOffset? to = null, string? party = null, string? kind = null)
    {
        var result = await handler.HandleAsync(new ListNoticesRequest(active, bbox, from, to, party, kind), user.ToMember()!.Party, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Json(ZoneCollection.Export(result.Value, book.Zones), contentType: "application/geo+json")
            : Problems.Result(result.Error);
    }

    private static async Task<Results<Ok<NoticeView>, ProblemHttpResult>> GetAsync(long id, ClaimsPrincipal user, ListNotices handler, CancellationToken cancellationToken)
    {
        var result = await handler.GetAsync(id, user.ToMember()!.Party, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Result(result.Error);
    }
}
