using System.Security.Claims;
using System.Text.Json;
using Liaison.Domain.Entries;
using Liaison.Features.Entries;
using Liaison.Features.Identity;
using Liaison.Features.Mechanism;
using Liaison.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Web.Api;

/// <summary>The joint record's entries: submit a signed entry, list and read entries.</summary>
public static class EntriesApi
{
    public static IEndpointRouteBuilder MapEntryEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/entries").WithTags("Entries");
        group.MapPost("/", SubmitAsync).WithName("SubmitEntry").WithSummary("Submit a signed entry").RequireAuthorization(TokenScopes.EntriesWrite)
            .Accepts<SubmitEntryRequest>("application/json").Produces<SubmitEntryResponse>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(403).ProducesProblem(409).ProducesProblem(413);
        group.MapGet("/", ListAsync).WithName("ListEntries").WithSummary("List entries: every leaf, payloads addressed to your party").RequireAuthorization(TokenScopes.EntriesRead);
        group.MapGet("/{seq:long}", GetAsync).WithName("GetEntry").WithSummary("Read one entry").RequireAuthorization(TokenScopes.EntriesRead);
        return routes;
    }

    private static async Task<Results<Created<SubmitEntryResponse>, ProblemHttpResult>> SubmitAsync(HttpRequest request, ClaimsPrincipal user, SubmitEntry handler, ServedMechanism mechanism, CancellationToken cancellationToken)
    {
        // The body is read by hand so that a malformed or oversized envelope gets this API's own problem types.
        var limit = mechanism.Config.Limits.MaxPayloadBytes;
        var maxBody = ((long)limit * 4 / 3) + 4096;
        if (request.ContentLength > maxBody)
        {
            return Problems.Result(EntryErrors.PayloadTooLarge((int)Math.Min(int.MaxValue, request.ContentLength.Value * 3 / 4), limit));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBody)
            {
                return Problems.Result(EntryErrors.PayloadTooLarge((int)Math.Min(int.MaxValue, (buffer.Length + read) * 3 / 4), limit));
            }

            buffer.Write(chunk, 0, read);
        }

        SubmitEntryRequest? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<SubmitEntryRequest>(buffer.ToArray(), JsonSerializerOptions.Web);
        }
        catch (JsonException ex)
        {
            return Problems.Result(EntryErrors.MalformedEnvelope($"The request body is not a JSON entry envelope: {ex.Message}"));
        }

        if (envelope is null)
        {
            return Problems.Result(EntryErrors.MalformedEnvelope("The request body is empty."));
        }

        var result = await handler.HandleAsync(envelope, user.ToMember()!, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/entries/{result.Value.Seq}", result.Value)
            : Problems.Result(result.Error);
    }

    private static async Task<Results<Ok<EntryPage>, ProblemHttpResult>> ListAsync(ClaimsPrincipal user, ListEntries handler, CancellationToken cancellationToken, long? after = null, int? limit = null, string? type = null, bool newest = false)
    {
        var result = await handler.HandleAsync(new ListEntriesRequest(after, limit, type, newest), user.ToMember()!, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Result(result.Error);
    }

    private static async Task<Results<Ok<EntryView>, ProblemHttpResult>> GetAsync(long seq, ClaimsPrincipal user, ListEntries handler, CancellationToken cancellationToken)
    {
        var result = await handler.GetAsync(seq, user.ToMember()!, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Result(result.Error);
    }
}
