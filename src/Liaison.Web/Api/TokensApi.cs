using System.Security.Claims;
using Liaison.Features.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Web.Api;

/// <summary>Personal access tokens: get one with a password (and TOTP), list, create and revoke your own.</summary>
public static class TokensApi
{
    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/auth/token", SignInAsync).WithTags("Tokens").WithName("SignInForToken").WithSummary("Exchange a password (and TOTP code) for a personal access token").AllowAnonymous()
            .RequireRateLimiting(Hosting.LiaisonWebHost.SignInRateLimit);
        var group = routes.MapGroup("/api/v1/tokens").WithTags("Tokens").RequireAuthorization(TokenScopes.Tokens);
        group.MapGet("/", ListAsync).WithName("ListTokens").WithSummary("List your tokens");
        group.MapPost("/", CreateAsync).WithName("CreateToken").WithSummary("Create a token");
        group.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeToken").WithSummary("Revoke one of your tokens");
        return routes;
    }

    private static async Task<Results<Created<TokenView>, ProblemHttpResult>> SignInAsync(PasswordTokenRequest request, AccessTokens tokens, CancellationToken cancellationToken)
    {
        var result = await tokens.CreateWithPasswordAsync(request, cancellationToken);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/tokens/{result.Value.Id}", result.Value) : Problems.Result(result.Error);
    }

    private static async Task<Results<Ok<IReadOnlyList<TokenView>>, ProblemHttpResult>> ListAsync(ClaimsPrincipal user, AccessTokens tokens, CancellationToken cancellationToken)
    {
        var result = await tokens.ListAsync(UserId(user), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Result(result.Error);
    }

    private static async Task<Results<Created<TokenView>, ProblemHttpResult>> CreateAsync(CreateTokenRequest request, ClaimsPrincipal user, AccessTokens tokens, CancellationToken cancellationToken)
    {
        var result = await tokens.CreateAsync(request, UserId(user), cancellationToken);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/tokens/{result.Value.Id}", result.Value) : Problems.Result(result.Error);
    }

    private static async Task<Results<Ok<TokenView>, ProblemHttpResult>> RevokeAsync(Guid id, ClaimsPrincipal user, AccessTokens tokens, CancellationToken cancellationToken)
    {
        var result = await tokens.RevokeAsync(id, UserId(user), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Result(result.Error);
    }

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
