using System.Collections.Concurrent;
using Liaison.Ledger.Merkle;
using Liaison.Ledger.Tiles;

namespace Liaison.Features.Log;

/// <summary>
/// Full tiles read from the database, kept in memory with every interior hash of the eight levels they span already
/// computed: a full tile never changes, so any node inside it is then one lookup. Bounded (<see cref="MaxTiles"/>
/// tiles of about 16 KiB); partial tiles are never cached.
/// </summary>
public sealed class FullTileCache
{
    public const int MaxTiles = 4096;

    private readonly ConcurrentDictionary<(int Level, long Index), byte[][][]> _tiles = new();

    /// <summary>The hash of the node <paramref name="height"/> levels above the tile's base, at <paramref name="offset"/> among its siblings in the tile.</summary>
    public bool TryGet(int level, long index, int height, int offset, out byte[] hash)
    {
        if (_tiles.TryGetValue((level, index), out var tree))
        {
            hash = tree[height][offset];
            return true;
        }

        hash = [];
        return false;
    }

    /// <summary>Keeps a full tile (and computes its interior hashes); ignores a partial one.</summary>
    public void Remember(int level, long index, byte[] hashes)
    {
        if (hashes.Length != TileLayout.FullWidth * Rfc6962.HashLength)
        {
            return;
        }

        if (_tiles.Count >= MaxTiles)
        {
            // Crude but bounded: drop an eighth of the cache, whichever tiles the enumeration yields first.
            foreach (var key in _tiles.Keys.Take(MaxTiles / 8))
            {
                _tiles.TryRemove(key, out _);
            }
        }

        var tree = new byte[TileLayout.Height + 1][][];
        tree[0] = new byte[TileLayout.FullWidth][];
        for (var i = 0; i < TileLayout.FullWidth; i++)
        {
            tree[0][i] = hashes.AsSpan(i * Rfc6962.HashLength, Rfc6962.HashLength).ToArray();
        }

        for (var height = 1; height <= TileLayout.Height; height++)
        {
            var below = tree[height - 1];
            tree[height] = new byte[below.Length / 2][];
            for (var i = 0; i < tree[height].Length; i++)
            {
                tree[height][i] = Rfc6962.HashChildren(below[2 * i], below[(2 * i) + 1]);
            }
        }

        _tiles[(level, index)] = tree;
    }
}
