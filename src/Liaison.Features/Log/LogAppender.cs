using Liaison.Features.Data;
using Liaison.Ledger.Merkle;
using Liaison.Ledger.Tiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Liaison.Features.Log;

/// <summary>The tree's size and root hash at a moment.</summary>
public sealed record TreeHead(long Size, byte[] RootHash);

/// <summary>
/// The sequencer's view of the Merkle tree: its right edge (<see cref="CompactTree"/>) and the rightmost tile of
/// each level, with the complete subtrees inside it. Appending a leaf updates both, keeping every subtree hash the
/// append completes (none is computed twice); <see cref="FlushAsync"/> writes the changed tiles, each with its
/// interior (<see cref="TileSubtrees"/>), into the batch's transaction. Owned by the one sequencer; rebuilt from the
/// database after any failed batch.
/// </summary>
internal sealed class LogAppender
{
    private readonly CompactTree _tree;
    private readonly Dictionary<int, EdgeTile> _edge;
    private readonly HashSet<(int Level, long Index)> _dirty = [];
    private readonly Dictionary<(int Level, long Index), (byte[] Hashes, byte[] Interior)> _filled = [];

    private LogAppender(CompactTree tree, Dictionary<int, EdgeTile> edge)
    {
        _tree = tree;
        _edge = edge;
    }

    public TreeHead Head => new(_tree.Size, _tree.Root());

    /// <summary>
    /// The appender of a tree of <paramref name="size"/> leaves, from the stored tiles' hashes alone: the right edge's
    /// interior is computed again from them (at most 247 node hashes per level), never taken from what is stored beside.
    /// </summary>
    public static async Task<LogAppender> LoadAsync(LiaisonDbContext db, long size, CancellationToken cancellationToken)
    {
        var reader = new TileHashReader(db);
        var nodes = CompactTree.FrontierNodes(size);
        var tree = CompactTree.Restore(size, nodes.Count == 0 ? [] : await reader.ReadHashesAsync(nodes, cancellationToken));
        var edge = new Dictionary<int, EdgeTile>();
        foreach (var level in TileLayout.Levels(size))
        {
            var tile = new EdgeTile(level.FullTiles);
            if (level.PartialWidth > 0)
            {
                var hashes = await db.Set<LogTileRecord>().AsNoTracking().Where(t => t.Level == level.Level && t.Index == level.FullTiles).Select(t => t.Hashes).SingleAsync(cancellationToken);
                tile.Load(TileSubtrees.Compute(hashes.AsSpan(0, level.PartialWidth * Rfc6962.HashLength)));
            }

            edge[level.Level] = tile;
        }

        return new LogAppender(tree, edge);
    }

    /// <summary>Appends a leaf hash; returns its leaf index.</summary>
    public long Append(byte[] leafHash)
    {
        var index = _tree.Size;
        foreach (var (node, hash) in _tree.Append(leafHash))
        {
            var tileLevel = node.Level / TileLayout.Height;
            var height = node.Level % TileLayout.Height;
            if (height != 0)
            {
                _edge[tileLevel].Add(height, hash);
                continue;
            }

            if (tileLevel > 0)
            {
                // The root of the tile below, which this append has just filled.
                _edge[tileLevel - 1].Add(TileLayout.Height, hash);
            }

            var tile = _edge.TryGetValue(tileLevel, out var current) ? current : new EdgeTile(0);
            if (tile.Width == TileLayout.FullWidth)
            {
                // The tile is full: keep its bytes for the flush, then start the next one.
                _filled[(tileLevel, tile.Index)] = (tile.Hashes(), tile.Interior());
                tile = new EdgeTile(tile.Index + 1);
            }

            tile.Add(0, hash);
            _edge[tileLevel] = tile;
            _dirty.Add((tileLevel, tile.Index));
        }

        return index;
    }

    /// <summary>Writes every tile changed since the last flush, with its interior, into the context's current transaction (one upsert per tile).</summary>
    public async Task FlushAsync(LiaisonDbContext db, CancellationToken cancellationToken)
    {
        await using var upsert = db.Database.GetDbConnection().CreateCommand();
        upsert.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        upsert.CommandText = "INSERT INTO \"log_tiles\" (\"Level\", \"Index\", \"Hashes\", \"Interior\") VALUES (@level, @index, @hashes, @interior) ON CONFLICT (\"Level\", \"Index\") DO UPDATE SET \"Hashes\" = excluded.\"Hashes\", \"Interior\" = excluded.\"Interior\"";
        var level = upsert.AddParameter("@level");
        var index = upsert.AddParameter("@index");
        var hashes = upsert.AddParameter("@hashes");
        var interior = upsert.AddParameter("@interior");
        foreach (var (tileLevel, tileIndex) in _dirty)
        {
            level.Value = tileLevel;
            index.Value = tileIndex;
            var (tileHashes, tileInterior) = _filled.TryGetValue((tileLevel, tileIndex), out var full) ? full : (_edge[tileLevel].Hashes(), _edge[tileLevel].Interior());
            hashes.Value = tileHashes;
            interior.Value = tileInterior;
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        _dirty.Clear();
        _filled.Clear();
    }

    /// <summary>The rightmost tile of a level: its hashes (height 0) and the complete subtrees above them, heights 1 to 8.</summary>
    private sealed class EdgeTile(long index)
    {
        private readonly List<byte[]>[] _heights = [.. Enumerable.Range(0, TileLayout.Height + 1).Select(_ => new List<byte[]>())];

        public long Index { get; } = index;

        public int Width => _heights[0].Count;

        public void Add(int height, byte[] hash) => _heights[height].Add(hash);

        public void Load(TileSubtrees tile)
        {
            for (var height = 0; height <= TileLayout.Height; height++)
            {
                for (var offset = 0; tile.Contains(height, offset); offset++)
                {
                    _heights[height].Add(tile.Hash(height, offset));
                }
            }
        }

        public byte[] Hashes() => Concat(0, 0);

        /// <summary>Heights 1 to 8 concatenated, the layout of <see cref="TileSubtrees.Interior"/>.</summary>
        public byte[] Interior() => Concat(1, TileLayout.Height);

        private byte[] Concat(int lowest, int highest)
        {
            var bytes = new byte[_heights[lowest..(highest + 1)].Sum(h => h.Count) * Rfc6962.HashLength];
            var at = 0;
            for (var height = lowest; height <= highest; height++)
            {
                foreach (var hash in _heights[height])
                {
                    hash.CopyTo(bytes, at);
                    at += Rfc6962.HashLength;
                }
            }

            return bytes;
        }
    }
}
