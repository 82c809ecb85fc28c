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

    /// <summary>The interior hashes of a full tile, heights 1 to 8 concatenated (255 hashes), as stored with it.</summary>
    public static byte[] Interior(byte[] hashes)
    {
        var interior = new List<byte>(255 * Rfc6962.HashLength);
        var below = Enumerable.Range(0, TileLayout.FullWidth).Select(i => hashes.AsSpan(i * Rfc6962.HashLength, Rfc6962.HashLength).ToArray()).ToList();
        while (below.Count > 1)
        {
            var above = new List<byte[]>(below.Count / 2);
            for (var i = 0; i < below.Count; i += 2)
            {
                above.Add(Rfc6962.HashChildren(below[i], below[i + 1]));
            }

            interior.AddRange(above.SelectMany(h => h));
            below = above;
        }

        return interior.ToArray();
    }

    /// <summary>Keeps a full tile, with its interior hashes as stored or computed here; ignores a partial one.</summary>
    public void Remember(int level, long index, byte[] hashes, byte[]? interior = null)
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

        if (interior is null || interior.Length != (TileLayout.FullWidth - 1) * Rfc6962.HashLength)
        {
            interior = Interior(hashes);
        }

        var tree = new byte[TileLayout.Height + 1][][];
        tree[0] = Split(hashes, 0, TileLayout.FullWidth);
        var offset = 0;
        for (var height = 1; height <= TileLayout.Height; height++)
        {
            var count = TileLayout.FullWidth >> height;
            tree[height] = Split(interior, offset, count);
            offset += count;
        }

        _tiles[(level, index)] = tree;
    }

    private static byte[][] Split(byte[] bytes, int first, int count)
    {
        var hashes = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            hashes[i] = bytes.AsSpan((first + i) * Rfc6962.HashLength, Rfc6962.HashLength).ToArray();
        }

        return hashes;
    }
}
