using System.Security.Claims;
using Liaison.Features.Attachments;
using Liaison.Features.Entries;
using Liaison.Features.Identity;
using Liaison.Web.Auth;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Liaison.Web.Api;

/// <summary>What an upload answers: the hash the bytes are stored under and their size.</summary>
public sealed record AttachmentStoredResponse(string Sha256, long Size);

/// <summary>Attachments: content-addressed files (SHA-256) stored once, uploaded before the entry that names them, read by that entry's audience.</summary>
public static class AttachmentsApi
{
    /// <summary>Registers what the attachment endpoints need.</summary>
    public static IServiceCollection AddAttachments(this IServiceCollection services)
    {
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<AttachmentIndex>();
        services.AddSingleton<IEntryObserver>(sp => sp.GetRequiredService<AttachmentIndex>());
        services.AddScoped<UploadAttachment>();
        services.AddScoped<ReadAttachment>();

        // First among the rules: the sequencer asks them in order and does not tell the ones that already staged an
        // entry's effect when a later one refuses it, so a rule that keeps no state and may refuse must come first.
        services.Insert(0, ServiceDescriptor.Singleton<IEntryRule, StoredAttachmentsRule>());
        return services;
    }

    public static IEndpointRouteBuilder MapAttachmentEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/attachments").WithTags("Attachments");
        group.MapPut("/{sha256}", UploadAsync).WithName("UploadAttachment").WithSummary("Upload a file's bytes under their SHA-256, before the entry that names it")
            .RequireAuthorization(TokenScopes.EntriesWrite)
            .Accepts<Stream>("application/octet-stream").Produces<AttachmentStoredResponse>(StatusCodes.Status201Created).Produces<AttachmentStoredResponse>(StatusCodes.Status200OK)
            .ProducesProblem(400).ProducesProblem(413);
        group.MapMethods("/{sha256}", [HttpMethods.Get, HttpMethods.Head], DownloadAsync).WithName("DownloadAttachment")
            .WithSummary("Read a file named by an entry addressed to your party (404 otherwise)").RequireAuthorization(TokenScopes.EntriesRead)
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").ProducesProblem(404);
        group.MapGet("/", ListAsync).WithName("ListAttachments").WithSummary("The files named by entries addressed to your party, newest entry first")
            .RequireAuthorization(TokenScopes.EntriesRead);
        return routes;
    }

    private static async Task<Results<Created<AttachmentStoredResponse>, Ok<AttachmentStoredResponse>, ProblemHttpResult>> UploadAsync(string sha256, HttpRequest request, UploadAttachment handler, CancellationToken cancellationToken)
    {
        // The handler counts the bytes itself and stops at the first one over the limit, with this API's problem type;
        // the server's own body limit (30 MB by default) must not cut in first when the mechanism allows more.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = handler.MaxBytes + 1;
        }

        var result = await handler.HandleAsync(sha256, request.ContentLength, request.Body, cancellationToken);
        if (!result.IsSuccess)
        {
            return Problems.Result(result.Error);
        }

        var stored = new AttachmentStoredResponse(result.Value.Sha256, result.Value.Size);
        return result.Value.Created ? TypedResults.Created($"/api/v1/attachments/{stored.Sha256}", stored) : TypedResults.Ok(stored);
    }

    private static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> DownloadAsync(string sha256, HttpContext context, ClaimsPrincipal user, ReadAttachment handler, CancellationToken cancellationToken, long? seq = null)
    {
        var result = await handler.HandleAsync(sha256, user.ToMember()!, seq, cancellationToken);
        if (!result.IsSuccess)
        {
            return Problems.Result(result.Error);
        }

        var file = result.Value;

        // The bytes under a hash never change, but only the audience may read them: no shared cache keeps a copy.
        context.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.PhysicalFile(file.FilePath, file.MediaType, file.Name, entityTag: new EntityTagHeaderValue($"\"{file.Sha256}\""), enableRangeProcessing: true);
    }

    private static async Task<Ok<IReadOnlyList<AttachmentListing>>> ListAsync(ClaimsPrincipal user, ReadAttachment handler, CancellationToken cancellationToken, long? seq = null) =>
        TypedResults.Ok(await handler.ListAsync(user.ToMember()!, seq, cancellationToken));
}
