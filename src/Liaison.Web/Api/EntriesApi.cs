using System.Security.Claims;
using System.Text.Json;
using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Features.Entries;
using Liaison.Features.Identity;
using Liaison.Features.Mechanism;
using Liaison.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Liaison.Web.Api;

/// <summary>The joint record's entries: submit a signed entry, list and read entries.</summary>
public static class EntriesApi
{
    public static IEndpointRouteBuilder MapEntryEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/entries").WithTags("Entries");
        group.MapPost("/", SubmitAsync).WithName("SubmitEntry").WithSummary("Submit a signed entry").RequireAuthorization(TokenScopes.EntriesWrite)
            .Accepts<SubmitEntryRequest>("application/json").Produces<SubmitEntryResponse>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(403).ProducesProblem(409).ProducesProblem(413);
        group.MapPost("/batch", SubmitBatchAsync).WithName("SubmitEntries").WithSummary("Submit several signed entries in one request; each is accepted or refused on its own").RequireAuthorization(TokenScopes.EntriesWrite)
            .Accepts<SubmitEntriesRequest>("application/json").Produces<EntryBatchAnswer>(StatusCodes.Status200OK).ProducesProblem(400).ProducesProblem(413);
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

        var (body, tooLarge) = await ReadBodyAsync(request, maxBody, cancellationToken);
        if (body is null)
        {
            return Problems.Result(EntryErrors.PayloadTooLarge((int)Math.Min(int.MaxValue, tooLarge * 3 / 4), limit));
        }

        SubmitEntryRequest? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<SubmitEntryRequest>(body, JsonSerializerOptions.Web);
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

    private static async Task<Results<Ok<EntryBatchAnswer>, ProblemHttpResult>> SubmitBatchAsync(HttpRequest request, ClaimsPrincipal user, SubmitEntries handler, CancellationToken cancellationToken)
    {
        var (body, tooLarge) = await ReadBodyAsync(request, SubmitEntries.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Problems.Result(new Error.TooLarge("batch-too-large", $"A batch's body holds at most {SubmitEntries.MaxBodyBytes:N0} bytes; this one holds more than {tooLarge - 1:N0}. Send fewer entries per batch."));
        }

        SubmitEntriesRequest? batch;
        try
        {
            batch = JsonSerializer.Deserialize<SubmitEntriesRequest>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException ex)
        {
            return Problems.Result(EntryErrors.MalformedEnvelope($"The request body is not a batch of entry envelopes: {ex.Message}"));
        }

        var result = await handler.HandleAsync(batch ?? new SubmitEntriesRequest(null), user.ToMember()!, cancellationToken);
        if (!result.IsSuccess)
        {
            return Problems.Result(result.Error);
        }

        var outcomes = result.Value.Select(r => r.IsSuccess
            ? new EntryBatchOutcome(r.Value.Seq, r.Value.ServerTime, r.Value.LeafHash, r.Value.PayloadSha256, null)
            : new EntryBatchOutcome(null, null, null, null, Problems.ToProblemDetails(r.Error))).ToList();
        return TypedResults.Ok(new EntryBatchAnswer(outcomes.Count(o => o.Problem is null), outcomes.Count(o => o.Problem is not null), outcomes));
    }

    /// <summary>
    /// The request body, read into one array sized by its Content-Length when it gives one; or null and the size reached
    /// once the body exceeds <paramref name="maxBody"/> bytes.
    /// </summary>
    private static async Task<(byte[]? Body, long TooLarge)> ReadBodyAsync(HttpRequest request, long maxBody, CancellationToken cancellationToken)
    {
        var buffer = new byte[(int)Math.Clamp(request.ContentLength ?? 4096, 0, maxBody) + 1];
        var length = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
            if (length > maxBody)
            {
                return (null, length);
            }

            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(maxBody + 1, (long)buffer.Length * 2));
            }
        }

        return (buffer[..length], 0);
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

/// <summary>A batch's answer: how many entries were accepted and refused, and each one's outcome in the order sent.</summary>
public sealed record EntryBatchAnswer(int Accepted, int Refused, IReadOnlyList<EntryBatchOutcome> Results);

/// <summary>One entry's outcome in a batch: its place in the record, or the RFC 9457 problem that refused it.</summary>
public sealed record EntryBatchOutcome(long? Seq, DateTimeOffset? ServerTime, string? LeafHash, string? PayloadSha256, ProblemDetails? Problem);
