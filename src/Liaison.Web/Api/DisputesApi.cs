using System.Security.Claims;
using Liaison.Features.Disputes;
using Liaison.Features.Entries;
using Liaison.Features.Identity;
using Liaison.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Web.Api;

/// <summary>
/// Disputes' read side: each dispute with its ladder, deadlines and countdown data, lateness, escalations and finding;
/// figures per side; the major substantiated findings the cooperation tiers count. Opening, replying, escalating and
/// recording a finding are entries (<c>dispute.open</c>, <c>dispute.reply</c>, <c>dispute.escalate</c>,
/// <c>dispute.finding</c>) on <c>POST /api/v1/entries</c>; every refusal is a problem document.
/// </summary>
public static class DisputesApi
{
    /// <summary>Registers the dispute book (an entry rule: call this after every other rule is registered), its handlers and its deadline recorder.</summary>
    public static IServiceCollection AddDisputes(this IServiceCollection services)
    {
        services.AddSingleton<DisputeBook>();
        services.AddSingleton<IEntryRule>(sp => sp.GetRequiredService<DisputeBook>());
        services.AddScoped<ListDisputes>();
        services.AddScoped<RecordDueDisputeEntries>();
        return services;
    }

    public static IEndpointRouteBuilder MapDisputeEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/disputes").WithTags("Disputes").RequireAuthorization(TokenScopes.EntriesRead);
        group.MapGet("/", ListAsync).WithName("ListDisputes").WithSummary("Disputes your party may read, newest first; filter by party (a side), respondent, status, level");
        group.MapGet("/{id:long}", GetAsync).WithName("GetDispute").WithSummary("One dispute with its ladder, reply deadlines, countdown, lateness, escalations and finding");
        group.MapGet("/stats", StatisticsAsync).WithName("DisputeStatistics").WithSummary("Per side, for disputes opened in [from, to): opened, against, replies in time and late, missed deadlines, escalations, outcomes");
        group.MapGet("/major-findings", MajorFindingsAsync).WithName("MajorDisputeFindings").WithSummary("Substantiated findings marked major, per respondent party with time: the cooperation tiers' input");
        return routes;
    }

    private static async Task<Results<Ok<IReadOnlyList<DisputeView>>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, ListDisputes handler, CancellationToken cancellationToken, string? party = null, string? respondent = null, string? status = null, string? level = null)
    {
        var result = await handler.HandleAsync(new ListDisputesRequest(party, respondent, status, level), user.ToMember()!.Party, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Result(result.Error);
    }

    private static async Task<Results<Ok<DisputeView>, ProblemHttpResult>> GetAsync(long id, ClaimsPrincipal user, ListDisputes handler, CancellationToken cancellationToken)
    {
        var result = await handler.GetAsync(id, user.ToMember()!.Party, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Result(result.Error);
    }

    private static async Task<Results<Ok<DisputeStatisticsView>, ProblemHttpResult>> StatisticsAsync(
        ClaimsPrincipal user, ListDisputes handler, CancellationToken cancellationToken, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var result = await handler.StatisticsAsync(from, to, user.ToMember()!.Party, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Result(result.Error);
    }

    private static async Task<Ok<IReadOnlyList<MajorFindingView>>> MajorFindingsAsync(ClaimsPrincipal user, ListDisputes handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.MajorFindingsAsync(user.ToMember()!.Party, cancellationToken));
}
