using System.Security.Claims;
using Liaison.Features.Identity;
using Liaison.Features.Keys;
using Liaison.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Web.Api;

/// <summary>Signing keys: request enrolment of a key you hold, list and read keys. Enrolment and revocation themselves are entries.</summary>
public static class KeysApi
{
    public static IEndpointRouteBuilder MapKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/keys").WithTags("Keys");
        group.MapGet("/", ListAsync).WithName("ListKeys").WithSummary("List signing keys").RequireAuthorization(TokenScopes.KeysRead);
        group.MapGet("/{keyId}", GetAsync).WithName("GetKey").WithSummary("Read one signing key").RequireAuthorization(TokenScopes.KeysRead);
        group.MapPost("/", RequestAsync).WithName("RequestKey").WithSummary("Ask for a key you hold to be enrolled").RequireAuthorization(TokenScopes.KeysWrite);
        return routes;
    }

    private static async Task<Results<Ok<IReadOnlyList<KeyView>>, ProblemHttpResult>> ListAsync(ListKeys handler, CancellationToken cancellationToken, string? owner = null, string? party = null, string? status = null)
    {
        var result = await handler.HandleAsync(new ListKeysRequest(owner, party, status), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Result(result.Error);
    }

    private static async Task<Results<Ok<KeyView>, ProblemHttpResult>> GetAsync(string keyId, ListKeys handler, CancellationToken cancellationToken)
    {
        var result = await handler.GetAsync(keyId, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Result(result.Error);
    }

    private static async Task<Results<Created<KeyView>, ProblemHttpResult>> RequestAsync(RequestKeyRequest request, ClaimsPrincipal user, RequestKey handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(request, user.ToMember()!, cancellationToken);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/keys/{result.Value.KeyId}", result.Value) : Problems.Result(result.Error);
    }
}
