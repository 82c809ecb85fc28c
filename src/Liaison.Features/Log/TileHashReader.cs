using Liaison.Features.Data;
using Liaison.Ledger.Merkle;
using Liaison.Ledger.Tiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Liaison.Features.Log;

/// <summary>
/// Reads the hash of any complete subtree from the stored tiles: a node at a level that is a multiple of 8 is one
/// hash of a tile; any other is recomputed from the at most 128 hashes of the tile level below it. Every proof,
/// root and served tile comes from here, so a changed tile byte shows up in what the log serves.
/// </summary>
public sealed class TileHashReader(LiaisonDbContext db, FullTileCache? cache = null) : IHashReader, IAsyncHashReader
{
    public IReadOnlyList<byte[]> ReadHashes(IReadOnlyList<NodeId> nodes) =>
        ReadHashesAsync(nodes, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public async ValueTask<IReadOnlyList<byte[]>> ReadHashesAsync(IReadOnlyList<NodeId> nodes, CancellationToken cancellationToken)
    {
        var tiles = new Dictionary<(int Level, long Index), byte[]>();
        var hashes = new List<byte[]>(nodes.Count);
        foreach (var node in nodes)
        {
            var tileLevel = node.Level / TileLayout.Height;
            var height = node.Level % TileLayout.Height;
            var first = node.Index << height;
            var tileIndex = first >> TileLayout.Height;
            var offsetInTile = (int)((first & (TileLayout.FullWidth - 1)) >> height);
            if (cache is not null && cache.TryGet(tileLevel, tileIndex, height, offsetInTile, out var known))
            {
                hashes.Add(known);
                continue;
            }

            if (!tiles.TryGetValue((tileLevel, tileIndex), out var tile))
            {
                var stored = await ReadTileAsync(tileLevel, tileIndex, cancellationToken)
                    ?? throw new InvalidOperationException($"Tile {tileLevel}/{tileIndex} is not stored; node {node} is not in the log.");
                tile = stored.Hashes;
                tiles[(tileLevel, tileIndex)] = tile;
                if (cache is not null)
                {
                    cache.Remember(tileLevel, tileIndex, tile, stored.Interior);
                    if (cache.TryGet(tileLevel, tileIndex, height, offsetInTile, out var fromStored))
                    {
                        hashes.Add(fromStored);
                        continue;
                    }
                }
            }

            var offset = (int)(first & (TileLayout.FullWidth - 1));
            var count = 1 << height;
            if ((offset + count) * Rfc6962.HashLength > tile.Length)
            {
                throw new InvalidOperationException($"Tile {tileLevel}/{tileIndex} holds {tile.Length / Rfc6962.HashLength} hashes; node {node} needs {offset + count}.");
            }

            var level = new List<byte[]>(count);
            for (var i = 0; i < count; i++)
            {
                level.Add(tile.AsSpan((offset + i) * Rfc6962.HashLength, Rfc6962.HashLength).ToArray());
            }

            while (level.Count > 1)
            {
                var parents = new List<byte[]>(level.Count / 2);
                for (var i = 0; i < level.Count; i += 2)
                {
                    parents.Add(Rfc6962.HashChildren(level[i], level[i + 1]));
                }

                level = parents;
            }

            hashes.Add(level[0]);
        }

        return hashes;
    }

    /// <summary>One tile's bytes by primary key, read with a plain command: proofs read a few tiles each, on a hot path.</summary>
    private async Task<(byte[] Hashes, byte[]? Interior)?> ReadTileAsync(int level, long index, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = "SELECT \"Hashes\", \"Interior\" FROM \"log_tiles\" WHERE \"Level\" = @level AND \"Index\" = @index";
        command.AddParameter("@level", level);
        command.AddParameter("@index", index);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);

        // Read as bytes whatever the stored type: a value rewritten by hand may come back as text.
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return (reader.GetFieldValue<byte[]>(0), await reader.IsDBNullAsync(1, cancellationToken) ? null : reader.GetFieldValue<byte[]>(1));
    }
}
