using System.Security.Claims;
using Liaison.Features.Entries;
using Liaison.Features.Identity;
using Liaison.Features.VerificationVisits;
using Liaison.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Web.Api;

/// <summary>
/// Verification visits' read side: requests with their deadline and answer, reports with the forces observed against
/// the zone's limits and the violations found, and the schedule (each zone's next due visit). Requests and reports are
/// entries (<c>verification.request</c>, <c>verification.report</c>) on <c>POST /api/v1/entries</c>.
/// </summary>
public static class VerificationVisitsApi
{
    /// <summary>Registers the verification book (an entry rule: call this after every other rule is registered), its handlers and its deadline recorder.</summary>
    public static IServiceCollection AddVerificationVisits(this IServiceCollection services)
    {
        services.AddSingleton<VerificationBook>();
        services.AddSingleton<IEntryRule>(sp => sp.GetRequiredService<VerificationBook>());
        services.AddScoped<ListVerifications>();
        services.AddScoped<RecordDueVerificationEntries>();
        return services;
    }

    public static IEndpointRouteBuilder MapVerificationVisitEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/verification").WithTags("Verification visits").RequireAuthorization(TokenScopes.EntriesRead);
        group.MapGet("/requests", RequestsAsync).WithName("ListVerificationRequests").WithSummary("Requests for verification your party may read, newest first; filter by zone, status (open, overdue, answered, answered-late)");
        group.MapGet("/requests/{id:long}", RequestAsync).WithName("GetVerificationRequest").WithSummary("One request with its deadline, countdown and answer");
        group.MapGet("/reports", ReportsAsync).WithName("ListVerificationReports").WithSummary("Verification reports, newest first; filter by zone, party (observed or in violation)");
        group.MapGet("/reports/{id:long}", ReportAsync).WithName("GetVerificationReport").WithSummary("One report: forces observed against the zone's limits, violations computed and stated");
        group.MapGet("/schedule", ScheduleAsync).WithName("VerificationSchedule").WithSummary("Each zone's latest visit and next due one on the cadence, with countdown and open requests");
        return routes;
    }

    private static async Task<Results<Ok<IReadOnlyList<VerificationRequestView>>, ProblemHttpResult>> RequestsAsync(
        ClaimsPrincipal user, ListVerifications handler, CancellationToken cancellationToken, string? zone = null, string? status = null)
    {
        var result = await handler.RequestsAsync(zone, status, user.ToMember()!.Party, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Result(result.Error);
    }

    private static async Task<Results<Ok<VerificationRequestView>, ProblemHttpResult>> RequestAsync(long id, ClaimsPrincipal user, ListVerifications handler, CancellationToken cancellationToken)
    {
        var result = await handler.RequestAsync(id, user.ToMember()!.Party, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Result(result.Error);
    }

    private static async Task<Results<Ok<IReadOnlyList<VerificationReportView>>, ProblemHttpResult>> ReportsAsync(
        ClaimsPrincipal user, ListVerifications handler, CancellationToken cancellationToken, string? zone = null, string? party = null)
    {
        var result = await handler.ReportsAsync(zone, party, user.ToMember()!.Party, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Result(result.Error);
    }

    private static async Task<Results<Ok<VerificationReportView>, ProblemHttpResult>> ReportAsync(long id, ClaimsPrincipal user, ListVerifications handler, CancellationToken cancellationToken)
    {
        var result = await handler.ReportAsync(id, user.ToMember()!.Party, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Result(result.Error);
    }

    private static async Task<Ok<VerificationScheduleView>> ScheduleAsync(ClaimsPrincipal user, ListVerifications handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.ScheduleAsync(user.ToMember()!.Party, cancellationToken));
}
