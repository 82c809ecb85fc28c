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
/// each level. Appending a leaf updates both; <see cref="FlushAsync"/> writes the changed tiles into the batch's
/// transaction. Owned by the one sequencer; rebuilt from the database after any failed batch.
/// </summary>
internal sealed class LogAppender
{
    private readonly CompactTree _tree;
    private readonly Dictionary<int, (long Index, List<byte[]> Hashes)> _edge;
    private readonly HashSet<(int Level, long Index)> _dirty = [];
    private readonly Dictionary<(int Level, long Index), byte[]> _filled = [];

    private LogAppender(CompactTree tree, Dictionary<int, (long Index, List<byte[]> Hashes)> edge)
    {
        _tree = tree;
        _edge = edge;
    }

    public TreeHead Head => new(_tree.Size, _tree.Root());

    public static async Task<LogAppender> LoadAsync(LiaisonDbContext db, long size, CancellationToken cancellationToken)
    {
        var reader = new TileHashReader(db);
        var nodes = CompactTree.FrontierNodes(size);
        var tree = CompactTree.Restore(size, nodes.Count == 0 ? [] : await reader.ReadHashesAsync(nodes, cancellationToken));
        var edge = new Dictionary<int, (long, List<byte[]>)>();
        foreach (var level in TileLayout.Levels(size))
        {
            var hashes = new List<byte[]>();
            if (level.PartialWidth > 0)
            {
                var tile = await db.Set<LogTileRecord>().AsNoTracking().Where(t => t.Level == level.Level && t.Index == level.FullTiles).Select(t => t.Hashes).SingleAsync(cancellationToken);
                for (var i = 0; i < level.PartialWidth; i++)
                {
                    hashes.Add(tile.AsSpan(i * Rfc6962.HashLength, Rfc6962.HashLength).ToArray());
                }
            }

            edge[level.Level] = (level.FullTiles, hashes);
        }

        return new LogAppender(tree, edge);
    }

    /// <summary>Appends a leaf hash; returns its leaf index.</summary>
    public long Append(byte[] leafHash)
    {
        var index = _tree.Size;
        foreach (var created in _tree.Append(leafHash))
        {
            if (created.Node.Level % TileLayout.Height != 0)
            {
                continue;
            }

            var tileLevel = created.Node.Level / TileLayout.Height;
            var (tileIndex, hashes) = _edge.TryGetValue(tileLevel, out var current) ? current : (0L, new List<byte[]>());
            if (hashes.Count == TileLayout.FullWidth)
            {
                // The tile is full: keep its bytes for the flush, then start the next one.
                _filled[(tileLevel, tileIndex)] = hashes.SelectMany(h => h).ToArray();
                (tileIndex, hashes) = (tileIndex + 1, []);
            }

            hashes.Add(created.Hash);
            _edge[tileLevel] = (tileIndex, hashes);
            _dirty.Add((tileLevel, tileIndex));
        }

        return index;
    }

    /// <summary>Writes every tile changed since the last flush into the context's current transaction (one upsert per tile).</summary>
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
            var bytes = _filled.TryGetValue((tileLevel, tileIndex), out var full) ? full : _edge[tileLevel].Hashes.SelectMany(h => h).ToArray();
            hashes.Value = bytes;
            interior.Value = bytes.Length == TileLayout.FullWidth * Rfc6962.HashLength ? FullTileCache.Interior(bytes) : DBNull.Value;
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        _dirty.Clear();
        _filled.Clear();
    }
}
