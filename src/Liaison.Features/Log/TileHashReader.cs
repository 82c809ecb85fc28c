using Liaison.Features.Data;
using Liaison.Ledger.Merkle;
using Liaison.Ledger.Tiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Liaison.Features.Log;

/// <summary>
/// Reads the hash of any complete subtree from the stored tiles. Without a cache it uses the tiles' hashes alone (the
/// spec's content): a node at a level that is a multiple of 8 is one hash of a tile, any other is recomputed from the
/// at most 128 hashes of the tile below it; checkpoint roots, served tiles and the appender's restart read this way.
/// With a <see cref="FullTileCache"/> (proofs) it also uses the interior hashes stored beside each tile, so every node
/// is a lookup and a proof costs at most one read per tile level: those hashes are determined by the tile, and a
/// client checks every proof against a signed checkpoint, so a changed one makes proofs fail, never pass wrongly.
/// </summary>
public sealed class TileHashReader(LiaisonDbContext db, FullTileCache? cache = null) : IHashReader, IAsyncHashReader
{
    public IReadOnlyList<byte[]> ReadHashes(IReadOnlyList<NodeId> nodes) =>
        ReadHashesAsync(nodes, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public async ValueTask<IReadOnlyList<byte[]>> ReadHashesAsync(IReadOnlyList<NodeId> nodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return cache is null ? await FromTilesAsync(nodes, cancellationToken) : await FromSubtreesAsync(nodes, cache, cancellationToken);
    }

    private async ValueTask<IReadOnlyList<byte[]>> FromSubtreesAsync(IReadOnlyList<NodeId> nodes, FullTileCache tileCache, CancellationToken cancellationToken)
    {
        var read = new Dictionary<(int Level, long Index), TileSubtrees>();
        var hashes = new byte[nodes.Count][];
        for (var i = 0; i < nodes.Count; i++)
        {
            var (tileLevel, tileIndex, height, offset) = Locate(nodes[i]);
            if (tileCache.TryGet(tileLevel, tileIndex, height, offset, out var known))
            {
                hashes[i] = known;
                continue;
            }

            if (!read.TryGetValue((tileLevel, tileIndex), out var tile) || !tile.Contains(height, offset))
            {
                tile = await ReadSubtreesAsync(tileLevel, tileIndex, cancellationToken)
                    ?? throw new InvalidOperationException($"Tile {tileLevel}/{tileIndex} is not stored; node {nodes[i]} is not in the log.");
                read[(tileLevel, tileIndex)] = tile;
                tileCache.Remember(tileLevel, tileIndex, tile);
            }

            hashes[i] = tile.Contains(height, offset)
                ? tile.Hash(height, offset)
                : throw new InvalidOperationException($"Tile {tileLevel}/{tileIndex} holds {tile.Width} hashes; node {nodes[i]} is not complete in it.");
        }

        return hashes;
    }

    private async ValueTask<IReadOnlyList<byte[]>> FromTilesAsync(IReadOnlyList<NodeId> nodes, CancellationToken cancellationToken)
    {
        var tiles = new Dictionary<(int Level, long Index), byte[]>();
        var hashes = new byte[nodes.Count][];
        for (var n = 0; n < nodes.Count; n++)
        {
            var (tileLevel, tileIndex, height, offset) = Locate(nodes[n]);
            if (!tiles.TryGetValue((tileLevel, tileIndex), out var tile))
            {
                tile = await ReadTileAsync(tileLevel, tileIndex, cancellationToken)
                    ?? throw new InvalidOperationException($"Tile {tileLevel}/{tileIndex} is not stored; node {nodes[n]} is not in the log.");
                tiles[(tileLevel, tileIndex)] = tile;
            }

            var first = offset << height;
            var count = 1 << height;
            if ((first + count) * Rfc6962.HashLength > tile.Length)
            {
                throw new InvalidOperationException($"Tile {tileLevel}/{tileIndex} holds {tile.Length / Rfc6962.HashLength} hashes; node {nodes[n]} needs {first + count}.");
            }

            var level = new List<byte[]>(count);
            for (var i = 0; i < count; i++)
            {
                level.Add(tile.AsSpan((first + i) * Rfc6962.HashLength, Rfc6962.HashLength).ToArray());
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

            hashes[n] = level[0];
        }

        return hashes;
    }

    // The tile holding a node, the node's height above the tile's base (0 to 7), and its offset among that height's nodes in the tile.
    private static (int TileLevel, long TileIndex, int Height, int Offset) Locate(NodeId node)
    {
        var height = node.Level % TileLayout.Height;
        var first = node.Index << height;
        return (node.Level / TileLayout.Height, first >> TileLayout.Height, height, (int)((first & (TileLayout.FullWidth - 1)) >> height));
    }

    /// <summary>One tile's hashes by primary key, read with a plain command.</summary>
    private async Task<byte[]?> ReadTileAsync(int level, long index, CancellationToken cancellationToken)
    {
        await using var command = await SelectTileAsync("\"Hashes\"", level, index, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);

        // Read as bytes whatever the stored type: a value rewritten by hand may come back as text.
        return await reader.ReadAsync(cancellationToken) ? reader.GetFieldValue<byte[]>(0) : null;
    }

    /// <summary>
    /// One tile and its stored interior, read straight into one buffer (a proof's one read per tile level, on a hot path);
    /// the interior computed when the row has none of the tile's length.
    /// </summary>
    private async Task<TileSubtrees?> ReadSubtreesAsync(int level, long index, CancellationToken cancellationToken)
    {
        await using var command = await SelectTileAsync("\"Hashes\", \"Interior\"", level, index, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var tileLength = reader.GetBytes(0, 0, null, 0, 0);
        var width = (int)(tileLength / Rfc6962.HashLength);
        var interiorLength = await reader.IsDBNullAsync(1, cancellationToken) ? -1 : reader.GetBytes(1, 0, null, 0, 0);
        if (tileLength % Rfc6962.HashLength != 0 || width is < 1 or > TileLayout.FullWidth || interiorLength != TileSubtrees.InteriorCount(width) * Rfc6962.HashLength)
        {
            return TileSubtrees.Compute(reader.GetFieldValue<byte[]>(0));
        }

        var buffer = new byte[tileLength + interiorLength];
        reader.GetBytes(0, 0, buffer, 0, (int)tileLength);
        reader.GetBytes(1, 0, buffer, (int)tileLength, (int)interiorLength);
        return TileSubtrees.FromStored(width, buffer);
    }

    private async Task<System.Data.Common.DbCommand> SelectTileAsync(string columns, int level, long index, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"SELECT {columns} FROM \"log_tiles\" WHERE \"Level\" = @level AND \"Index\" = @index";
        command.AddParameter("@level", level);
        command.AddParameter("@index", index);
        return command;
    }
}
