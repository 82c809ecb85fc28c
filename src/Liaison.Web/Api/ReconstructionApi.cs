using System.Security.Claims;
using Liaison.Features.Identity;
using Liaison.Features.Reconstruction;
using Liaison.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Web.Api;

/// <summary>
/// An incident's reconstruction: everything related to it on one timeline and map, and its bundle (those entries with
/// inclusion proofs against a final checkpoint, key chains and evidence) for <c>liaison verify --bundle FILE</c>.
/// </summary>
public static class ReconstructionApi
{
    public static IEndpointRouteBuilder MapReconstructionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/incidents/{id:long}").WithTags("Reconstruction").RequireAuthorization(TokenScopes.EntriesRead);
        group.MapGet("/reconstruction", ReconstructAsync).WithName("ReconstructIncident")
            .WithSummary("Every related entry your party may read (the event's reports and steps, notices nearby in place and time, linked messages, disputes citing it, verification reports of its zones) on one timeline, with places for the map");
        group.MapGet("/bundle", BundleAsync).WithName("ExportIncidentBundle")
            .WithSummary("The reconstruction's entries as a bundle proven against the latest final checkpoint, to check offline with 'liaison verify --bundle'")
            .Produces<ReconstructionBundle>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(413);
        return routes;
    }

    private static async Task<Results<Ok<ReconstructionView>, ProblemHttpResult>> ReconstructAsync(long id, ClaimsPrincipal user, ReconstructIncident handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(id, user.ToMember()!.Party, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Result(result.Error);
    }

    private static async Task<IResult> BundleAsync(long id, ClaimsPrincipal user, ReconstructIncident handler, ExportBundle export, CancellationToken cancellationToken)
    {
        var member = user.ToMember()!;
        var reconstruction = await handler.HandleAsync(id, member.Party, cancellationToken);
        if (!reconstruction.IsSuccess)
        {
            return Problems.Result(reconstruction.Error);
        }

        // A bundle holds at most MaxSeqs entries: the event's reports first, so the subject is always among them.
        var view = reconstruction.Value;
        var seqs = view.Event.Concat(view.Seqs.Except(view.Event)).Take(ExportBundle.MaxSeqs).ToList();
        return await BundlesApi.ExportResultAsync(export, new ExportBundleRequest(seqs, new BundleSubject("incident", id)), member, cancellationToken);
    }
}
