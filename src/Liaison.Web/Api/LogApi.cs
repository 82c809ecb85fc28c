using System.Security.Claims;
using Liaison.Domain.Parties;
using Liaison.Features.Identity;
using Liaison.Features.Log;
using Liaison.Features.Mechanism;
using Liaison.Features.Replay;
using Liaison.Ledger.Tiles;
using Liaison.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Web.Api;

/// <summary>The log's public face: C2SP tlog-tiles reads under <c>/log</c>, and JSON checkpoints and proofs under <c>/api/v1/log</c>.</summary>
public static class LogApi
{
    public static IEndpointRouteBuilder MapLogEndpoints(this IEndpointRouteBuilder routes)
    {
        var tiles = routes.MapGroup("/log").WithTags("Log").RequireAuthorization(TokenScopes.EntriesRead);
        tiles.MapGet("/checkpoint", CheckpointNoteAsync).WithName("TlogCheckpoint").WithSummary("The latest checkpoint as a signed note, with the witnesses' cosignatures");
        tiles.MapGet("/tile/{**path}", TileAsync).WithName("TlogTile").WithSummary("A hash tile or an entry bundle (C2SP tlog-tiles)");

        var api = routes.MapGroup("/api/v1/log").WithTags("Log").RequireAuthorization(TokenScopes.EntriesRead);
        api.MapGet("/checkpoint", CheckpointAsync).WithName("GetCheckpoint").WithSummary("The latest checkpoint (final=true: the latest every party's witness cosigned)");
        api.MapGet("/key", LogKey).WithName("GetLogKey").WithSummary("The log's origin and the vkey that signs its checkpoints");
        api.MapGet("/state", StateAsync).WithName("GetRecordState").WithSummary("The digest of what the server shows your party of each projection, pinned at a record size, to compare with 'liaison replay'");
        api.MapGet("/proof/inclusion", InclusionAsync).WithName("GetInclusionProof").WithSummary("Inclusion proof of entry seq in the tree of a checkpoint");
        api.MapGet("/proof/consistency", ConsistencyAsync).WithName("GetConsistencyProof").WithSummary("Consistency proof between two tree sizes");
        return routes;
    }

    /// <summary>The witnesses whose cosignatures make a checkpoint final: one per party of kind party.</summary>
    public static IReadOnlyList<string> RequiredWitnesses(ServedMechanism mechanism, WitnessDirectory witnesses) =>
        witnesses.RequiredFor(mechanism.Config.PartiesOfKind(PartyKind.Party).Select(p => p.Code));

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> CheckpointNoteAsync(HttpContext context, ReadLog log, ServedMechanism mechanism, WitnessDirectory witnesses, CancellationToken cancellationToken)
    {
        var checkpoint = await log.CheckpointAsync(RequiredWitnesses(mechanism, witnesses), finalOnly: false, cancellationToken);
        if (!checkpoint.IsSuccess)
        {
            return Problems.Result(checkpoint.Error);
        }

        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Text(checkpoint.Value.Note, "text/plain; charset=utf-8");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> TileAsync(string path, HttpContext context, ReadLog log, CancellationToken cancellationToken)
    {
        var full = "tile/" + path;
        if (path.StartsWith("entries/", StringComparison.Ordinal))
        {
            var bundle = TilePath.ParseEntryBundle(full);
            if (!bundle.IsSuccess)
            {
                return Problems.Result(new Domain.Common.Error.NotFound("tile-not-found", $"'{full}' is not an entry bundle path: {bundle.Error.Detail}"));
            }

            var bytes = await log.EntryBundleAsync(bundle.Value, cancellationToken);
            return Serve(context, bytes, immutable: true);
        }

        var tile = TilePath.ParseTile(full);
        if (!tile.IsSuccess)
        {
            return Problems.Result(new Domain.Common.Error.NotFound("tile-not-found", $"'{full}' is not a tile path: {tile.Error.Detail}"));
        }

        return Serve(context, await log.TileAsync(tile.Value, cancellationToken), immutable: true);
    }

    /// <summary>Full tiles never change, and a partial tile's path names its width, so every tile path is immutable.</summary>
    private static Results<FileContentHttpResult, ProblemHttpResult> Serve(HttpContext context, Domain.Common.Result<byte[]> bytes, bool immutable)
    {
        if (!bytes.IsSuccess)
        {
            return Problems.Result(bytes.Error);
        }

        if (immutable)
        {
            context.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        }

        return TypedResults.File(bytes.Value, "application/octet-stream");
    }

    private static async Task<Results<Ok<CheckpointView>, ProblemHttpResult>> CheckpointAsync(ReadLog log, ServedMechanism mechanism, WitnessDirectory witnesses, CancellationToken cancellationToken, bool final = false)
    {
        var checkpoint = await log.CheckpointAsync(RequiredWitnesses(mechanism, witnesses), final, cancellationToken);
        return checkpoint.IsSuccess ? TypedResults.Ok(checkpoint.Value) : Problems.Result(checkpoint.Error);
    }

    private static Ok<LogKeyView> LogKey(ServedMechanism mechanism, WitnessDirectory witnesses) =>
        TypedResults.Ok(new LogKeyView(mechanism.Origin, mechanism.LogKey.VerifierKey.ToString(), witnesses.Witnesses, RequiredWitnesses(mechanism, witnesses)));

    private static async Task<Ok<RecordStateView>> StateAsync(ClaimsPrincipal user, ServedRecordState state, CancellationToken cancellationToken) =>
        TypedResults.Ok(await state.ViewAsync(user.ToMember()!.Party, cancellationToken));

    private static async Task<Results<Ok<InclusionProofView>, ProblemHttpResult>> InclusionAsync(long seq, ReadLog log, CancellationToken cancellationToken, long? size = null)
    {
        var proof = await log.InclusionAsync(seq, size, cancellationToken);
        return proof.IsSuccess ? TypedResults.Ok(proof.Value) : Problems.Result(proof.Error);
    }

    private static async Task<Results<Ok<ConsistencyProofView>, ProblemHttpResult>> ConsistencyAsync(long from, ReadLog log, CancellationToken cancellationToken, long? to = null)
    {
        var proof = await log.ConsistencyAsync(from, to, cancellationToken);
        return proof.IsSuccess ? TypedResults.Ok(proof.Value) : Problems.Result(proof.Error);
    }
}

/// <summary>The log's identity: its origin, the vkey of its checkpoints, and its witnesses.</summary>
public sealed record LogKeyView(string Origin, string Vkey, IReadOnlyList<WitnessEndpoint> Witnesses, IReadOnlyList<string> RequiredWitnesses);
