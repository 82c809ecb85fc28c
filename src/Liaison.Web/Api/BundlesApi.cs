using System.Globalization;
using System.Security.Claims;
using Liaison.Domain.Common;
using Liaison.Domain.Parties;
using Liaison.Features.Identity;
using Liaison.Features.Reconstruction;
using Liaison.Web.Auth;
using Microsoft.AspNetCore.Mvc;

namespace Liaison.Web.Api;

/// <summary>
/// Reconstruction bundles: entries your party may read with their inclusion proofs against the latest final checkpoint,
/// their authors' key chains and their attachments, as one JSON file that <c>liaison verify --bundle FILE</c> checks offline.
/// </summary>
public static class BundlesApi
{
    public static IEndpointRouteBuilder MapBundleEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/bundles", ExportAsync).WithTags("Reconstruction").RequireAuthorization(TokenScopes.EntriesRead)
            .WithName("ExportBundle").WithSummary("A reconstruction bundle of the entries named by seq (?seq=12&seq=15), proven against the latest final checkpoint")
            .Produces<ReconstructionBundle>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413);
        return routes;
    }

    /// <summary>
    /// Answers an export as a JSON file download (<c>bundle-&lt;size&gt;.json</c>), written with the bundle's own JSON
    /// options, or as problem details. For features exporting what they relate (an incident's bundle).
    /// </summary>
    public static async Task<IResult> ExportResultAsync(ExportBundle handler, ExportBundleRequest request, Member viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var result = await handler.HandleAsync(request, viewer, cancellationToken);
        if (!result.IsSuccess)
        {
            return Problems.Result(result.Error);
        }

        var bundle = result.Value;
        var name = string.Create(CultureInfo.InvariantCulture, $"bundle-{bundle.Subject.Kind}{(bundle.Subject.Id is { } id ? "-" + id.ToString(CultureInfo.InvariantCulture) : "")}-{bundle.Entries[0].Seq}.json");
        return TypedResults.File(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(bundle, ReconstructionBundle.Json), "application/json", name);
    }

    private static async Task<IResult> ExportAsync([FromQuery(Name = "seq")] string[]? seq, ClaimsPrincipal user, ExportBundle handler, CancellationToken cancellationToken)
    {
        var seqs = new List<long>();
        foreach (var text in seq ?? [])
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return Problems.Result(new Error.Validation("invalid-seqs", $"'{text}' is not an entry's seq (a whole number, 0 or more)."));
            }

            seqs.Add(value);
        }

        return await ExportResultAsync(handler, new ExportBundleRequest(seqs), user.ToMember()!, cancellationToken);
    }
}
