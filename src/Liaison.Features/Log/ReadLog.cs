using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Parties;
using Liaison.Features.Data;
using Liaison.Features.Entries;
using Liaison.Ledger.Merkle;
using Liaison.Ledger.Tiles;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Log;

/// <summary>A checkpoint as the API shows it, with the witnesses that cosigned it and whether it is final.</summary>
public sealed record CheckpointView(long Size, string RootHash, string Note, DateTimeOffset SignedAt, IReadOnlyList<string> CosignedBy, bool Final);

/// <summary>An RFC 6962 inclusion proof of one leaf in a tree of <see cref="TreeSize"/> leaves.</summary>
public sealed record InclusionProofView(long Seq, long TreeSize, string LeafHash, string RootHash, IReadOnlyList<string> Hashes);

/// <summary>An RFC 6962 consistency proof between two tree sizes.</summary>
public sealed record ConsistencyProofView(long FromSize, long ToSize, string FromRoot, string ToRoot, IReadOnlyList<string> Hashes);

/// <summary>Reads the log: checkpoints, proofs, tiles and entry bundles. Every party may read all of it; it holds no payloads.</summary>
public sealed class ReadLog(LiaisonDbContext db, FullTileCache tileCache)
{
    /// <summary>The latest checkpoint; with <paramref name="finalOnly"/>, the latest one every required witness cosigned.</summary>
    public async Task<Result<CheckpointView>> CheckpointAsync(IReadOnlyCollection<string> requiredWitnesses, bool finalOnly, CancellationToken cancellationToken)
    {
        var checkpoints = db.LogCheckpoints.AsNoTracking().OrderByDescending(c => c.Size);
        foreach (var checkpoint in await checkpoints.Take(finalOnly ? 200 : 1).ToListAsync(cancellationToken))
        {
            var view = await ViewAsync(checkpoint, requiredWitnesses, cancellationToken);
            if (!finalOnly || view.Final)
            {
                return view;
            }
        }

        return new Error.NotFound("no-checkpoint", finalOnly ? "No checkpoint is final yet: not every party's witness has cosigned one." : "The log has no checkpoint yet.");
    }

    public async Task<Result<LogCheckpointRecord>> CheckpointAtAsync(long size, CancellationToken cancellationToken)
    {
        var checkpoint = await db.LogCheckpoints.AsNoTracking().SingleOrDefaultAsync(c => c.Size == size, cancellationToken);
        return checkpoint is null ? new Error.NotFound("no-checkpoint", $"There is no checkpoint of size {size}.") : checkpoint;
    }

    public async Task<CheckpointView> ViewAsync(LogCheckpointRecord checkpoint, IReadOnlyCollection<string> requiredWitnesses, CancellationToken cancellationToken)
    {
        var cosigners = await db.LogCosignatures.AsNoTracking().Where(c => c.Size == checkpoint.Size).Select(c => c.Witness).ToListAsync(cancellationToken);
        var final = requiredWitnesses.Count > 0 && requiredWitnesses.All(cosigners.Contains);
        var note = checkpoint.Note + string.Concat(await db.LogCosignatures.AsNoTracking().Where(c => c.Size == checkpoint.Size).OrderBy(c => c.Witness).Select(c => c.Line + "\n").ToListAsync(cancellationToken));
        return new CheckpointView(checkpoint.Size, Convert.ToBase64String(checkpoint.RootHash), note, checkpoint.SignedAt, cosigners, final);
    }

    /// <summary>Proves entry <paramref name="seq"/> is in the tree of a checkpoint (the latest when <paramref name="treeSize"/> is null).</summary>
    public async Task<Result<InclusionProofView>> InclusionAsync(long seq, long? treeSize, CancellationToken cancellationToken)
    {
        var checkpoint = await ResolveAsync(treeSize, cancellationToken);
        if (!checkpoint.IsSuccess)
        {
            return checkpoint.Error;
        }

        var size = checkpoint.Value.Size;
        if (seq < 0 || seq >= size)
        {
            return new Error.NotFound("entry-not-in-checkpoint", $"Entry {seq} is not in the tree of size {size}; proofs are against signed checkpoints only.");
        }

        var reader = new TileHashReader(db, tileCache);
        var leaf = (await reader.ReadHashesAsync([new NodeId(0, seq)], cancellationToken))[0];
        var proof = await MerkleTree.InclusionProofAsync(seq, size, reader, cancellationToken);
        return new InclusionProofView(seq, size, Convert.ToBase64String(leaf), Convert.ToBase64String(checkpoint.Value.RootHash), proof.Select(Convert.ToBase64String).ToList());
    }

    /// <summary>Proves the tree of size <paramref name="from"/> is a prefix of the tree of size <paramref name="to"/> (the latest checkpoint when null).</summary>
    public async Task<Result<ConsistencyProofView>> ConsistencyAsync(long from, long? to, CancellationToken cancellationToken)
    {
        var newer = await ResolveAsync(to, cancellationToken);
        if (!newer.IsSuccess)
        {
            return newer.Error;
        }

        if (from < 0 || from > newer.Value.Size)
        {
            return new Error.Validation("invalid-size", $"from must be between 0 and {newer.Value.Size}.");
        }

        var reader = new TileHashReader(db, tileCache);
        var fromRoot = from == 0 ? Rfc6962.EmptyRoot() : await MerkleTree.RootAsync(from, reader, cancellationToken);
        var proof = await MerkleTree.ConsistencyProofAsync(from, newer.Value.Size, reader, cancellationToken);
        return new ConsistencyProofView(from, newer.Value.Size, Convert.ToBase64String(fromRoot), Convert.ToBase64String(newer.Value.RootHash), proof.Select(Convert.ToBase64String).ToList());
    }

    /// <summary>
    /// A tile's bytes, if the tile exists in the tree of the latest checkpoint or, for a partial tile, of an earlier
    /// size: the log only grows, so a partial tile a client learned from an older checkpoint stays servable (a client
    /// verifying while entries arrive must not get 404 for the tile its checkpoint names).
    /// </summary>
    public async Task<Result<byte[]>> TileAsync(TileId tile, CancellationToken cancellationToken)
    {
        var size = EarlierSizeOf(tile, await LatestSizeAsync(cancellationToken));
        if (!TileLayout.Exists(tile, size))
        {
            return new Error.NotFound("tile-not-found", $"{tile.Path} is not a tile of the tree of size {size}.");
        }

        // The stored bytes, read afresh (no cache): a changed byte in the database shows in what a verifier fetches.
        return await TileLayout.ReadAsync(tile, size, new TileHashReader(db), cancellationToken);
    }

    /// <summary>An entry bundle: the leaves (<see cref="EntryLeaf"/> bytes) of up to 256 entries, if in the latest checkpoint's tree.</summary>
    public async Task<Result<byte[]>> EntryBundleAsync(EntryBundleId bundle, CancellationToken cancellationToken)
    {
        var size = await LatestSizeAsync(cancellationToken);
        var first = bundle.Index * TileLayout.FullWidth;
        if (bundle.Width < TileLayout.FullWidth && first + bundle.Width <= size)
        {
            // A partial bundle of an earlier size (see TileAsync).
            size = first + bundle.Width;
        }

        var expected = TileLayout.EntryBundleFor(bundle.Index, size);
        if (expected is null || expected.Value != bundle)
        {
            return new Error.NotFound("tile-not-found", $"{bundle.Path} is not an entry bundle of the tree of size {size}.");
        }

        var records = await db.Entries.AsNoTracking().Where(e => e.Seq >= first && e.Seq < first + bundle.Width).OrderBy(e => e.Seq).ToListAsync(cancellationToken);
        return TileLayout.EncodeEntryBundle(records.Select(e => LeafOf(e).Encode()).ToList());
    }

    /// <summary>The leaf of a stored entry.</summary>
    public static EntryLeaf LeafOf(EntryRecord e) =>
        new(e.Type, e.Author, e.AudienceCodes.Select(c => new PartyCode(c)).ToList(), e.ServerTime, e.KeyId, e.Signature, e.PayloadSha256);

    /// <summary>The tree size in which a partial tile has exactly its width, when that size is not beyond <paramref name="latest"/>; else <paramref name="latest"/>.</summary>
    private static long EarlierSizeOf(TileId tile, long latest)
    {
        if (!tile.IsPartial || tile.Level > 6)
        {
            return latest;
        }

        var leavesPerHash = 1L;
        for (var level = 0; level < tile.Level; level++)
        {
            leavesPerHash *= TileLayout.FullWidth;
        }

        var size = ((tile.Index * TileLayout.FullWidth) + tile.Width) * leavesPerHash;
        return size <= latest ? size : latest;
    }

    private async Task<long> LatestSizeAsync(CancellationToken cancellationToken) =>
        await db.LogCheckpoints.AsNoTracking().MaxAsync(c => (long?)c.Size, cancellationToken) ?? 0;

    private async Task<Result<LogCheckpointRecord>> ResolveAsync(long? size, CancellationToken cancellationToken)
    {
        if (size is { } exact)
        {
            return await CheckpointAtAsync(exact, cancellationToken);
        }

        var latest = await db.LogCheckpoints.AsNoTracking().OrderByDescending(c => c.Size).FirstOrDefaultAsync(cancellationToken);
        return latest is null ? new Error.NotFound("no-checkpoint", "The log has no checkpoint yet.") : latest;
    }
}
