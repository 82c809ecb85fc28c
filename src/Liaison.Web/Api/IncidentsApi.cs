using System.Security.Claims;
using Liaison.Features.Entries;
using Liaison.Features.Identity;
using Liaison.Features.Incidents;
using Liaison.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Web.Api;

/// <summary>
/// Incidents' read side: the list (filters, bounding box, pages), one incident with its event, suggested duplicates and
/// timeline, the per-side statistics, and the gazetteer. Reporting and every transition are entries (<c>incident.report</c>,
/// <c>incident.ack</c>, <c>incident.review</c>, <c>incident.resolve</c>, <c>incident.dispute</c>, <c>incident.refer</c>,
/// <c>incident.finding</c>, <c>incident.link</c>) on <c>POST /api/v1/entries</c>. A reader sees only the incidents
/// addressed to their party.
/// </summary>
public static class IncidentsApi
{
    /// <summary>Registers the incident book (an entry rule, after the others), its queries and the due-entry recorder.</summary>
    public static IServiceCollection AddIncidents(this IServiceCollection services)
    {
        services.AddSingleton<IncidentBook>();
        services.AddSingleton<IEntryRule>(sp => sp.GetRequiredService<IncidentBook>());
        services.AddScoped<ListIncidents>();
        services.AddScoped<IncidentStatisticsQuery>();
        services.AddSingleton<FindPlaces>();
        services.AddScoped<RecordDueIncidentEntries>();
        return services;
    }

    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder routes)
    {
        var incidents = routes.MapGroup("/api/v1/incidents").WithTags("Incidents").RequireAuthorization(TokenScopes.EntriesRead);
        incidents.MapGet("/", ListAsync).WithName("ListIncidents")
            .WithSummary("Incidents your party may read, newest first; filter by category, party, status, from/to, bbox; page with limit and cursor");
        incidents.MapGet("/stats", StatsAsync).WithName("IncidentStatistics")
            .WithSummary("Per side, for the period ending now (default P30D) or from/to: reports by category, acknowledgement times, escalations, finding outcomes");
        incidents.MapGet("/{id:long}", GetAsync).WithName("GetIncident")
            .WithSummary("One incident: report, status, deadline, acknowledgements, finding, linked event, suggested duplicates and timeline");
        incidents.MapGet("/{id:long}/suggested-duplicates", DuplicatesAsync).WithName("SuggestedDuplicates")
            .WithSummary("Reports of the same category nearby and close in time, not linked yet");

        routes.MapGroup("/api/v1/places").WithTags("Incidents").RequireAuthorization(TokenScopes.EntriesRead)
            .MapGet("/", Places).WithName("FindPlaces").WithSummary("Places named q (English or Arabic) in the gazetteer, or the nearest names when none");
        return routes;
    }

    private static async Task<Results<Ok<IncidentPage>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, ListIncidents handler, CancellationToken cancellationToken,
        string? category = null, string? party = null, string? status = null, DateTimeOffset? from = null, DateTimeOffset? to = null,
        string? bbox = null, int? limit = null, long? cursor = null)
    {
        var result = await handler.HandleAsync(new ListIncidentsRequest(category, party, status, from, to, bbox, limit, cursor), user.ToMember()!.Party, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Result(result.Error);
    }

    private static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> GetAsync(long id, ClaimsPrincipal user, ListIncidents handler, CancellationToken cancellationToken)
    {
        var result = await handler.GetAsync(id, user.ToMember()!.Party, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Result(result.Error);
    }

    private static async Task<Results<Ok<IReadOnlyList<DuplicateView>>, ProblemHttpResult>> DuplicatesAsync(long id, ClaimsPrincipal user, ListIncidents handler, CancellationToken cancellationToken)
    {
        var result = await handler.GetAsync(id, user.ToMember()!.Party, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value.SuggestedDuplicates) : Problems.Result(result.Error);
    }

    private static async Task<Results<Ok<IncidentStatisticsView>, ProblemHttpResult>> StatsAsync(
        ClaimsPrincipal user, IncidentStatisticsQuery handler, CancellationToken cancellationToken, string? period = null, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var result = await handler.HandleAsync(period, user.ToMember()!.Party, cancellationToken, from, to);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Result(result.Error);
    }

    private static Results<Ok<PlaceLookupView>, ProblemHttpResult> Places(FindPlaces handler, string? q = null)
    {
        var result = handler.Handle(q);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Result(result.Error);
    }
}
