using System.Collections.Concurrent;
using Liaison.Ledger.Merkle;
using Liaison.Ledger.Tiles;

namespace Liaison.Features.Log;

/// <summary>
/// Tiles read from the database for proofs, each with every complete subtree inside it (<see cref="TileSubtrees"/>),
/// so any node of a proof is one lookup. A complete subtree never changes, so a partial tile is kept too and serves the
/// subtrees complete at its width; a wider one replaces it. Bounded by <see cref="BudgetBytes"/> (a full tile takes
/// about 16 KiB). When full, a tile of an upper level always comes in, in place of the oldest tile of the lowest level
/// kept: every proof climbs through the few upper tiles (154 at 10M leaves, 2.5 MiB), while a level-0 tile serves only
/// its own 256 leaves. A level-0 tile replaces the oldest kept one only every <see cref="ReplaceEvery"/>th time: the
/// cache follows a shifting working set without copying and collecting a tile per proof when proofs ask at random over
/// a log larger than it (the 39,063 level-0 tiles of 10M leaves; such a proof reads its leaf's tile). Kept tiles live
/// where the garbage collector never copies them (<see cref="TileSubtrees.ToLongLived"/>).
/// </summary>
public sealed class FullTileCache
{
    /// <summary>64 MiB: every tile of a log of 1M entries (3,924 tiles).</summary>
    public const long DefaultBudgetBytes = 64L << 20;

    /// <summary>When full, one tile read in this many replaces a kept tile of its level.</summary>
    public const int ReplaceEvery = 8;

    // A dictionary entry, its key and the TileSubtrees object, beside the hashes themselves.
    private const int EntryOverhead = 96;

    private readonly ConcurrentDictionary<(int Level, long Index), TileSubtrees> _tiles = new();
    private readonly Lock _write = new();
    private readonly Queue<long>[] _order = [.. Enumerable.Range(0, TileLayout.MaxLevel + 1).Select(_ => new Queue<long>())];
    private long _bytes;
    private long _turns;

    /// <summary>A cache of <see cref="DefaultBudgetBytes"/>.</summary>
    public FullTileCache()
        : this(DefaultBudgetBytes)
    {
    }

    /// <summary>A cache holding at most <paramref name="budgetBytes"/> of tiles.</summary>
    public FullTileCache(long budgetBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budgetBytes);
        BudgetBytes = budgetBytes;
    }

    /// <summary>The most the tiles kept may take.</summary>
    public long BudgetBytes { get; }

    /// <summary>What the tiles kept take now.</summary>
    public long Bytes => Volatile.Read(ref _bytes);

    /// <summary>The number of tiles kept.</summary>
    public int Count => _tiles.Count;

    /// <summary>
    /// The hash of the subtree <paramref name="height"/> levels above the base of tile <paramref name="level"/>/<paramref name="index"/>,
    /// at <paramref name="offset"/> among those of its height; false when the tile is not kept or the subtree is not complete in the width kept.
    /// </summary>
    public bool TryGet(int level, long index, int height, int offset, out byte[] hash)
    {
        if (_tiles.TryGetValue((level, index), out var tile) && tile.Contains(height, offset))
        {
            hash = tile.Hash(height, offset);
            return true;
        }

        hash = [];
        return false;
    }

    /// <summary>Keeps a tile, unless a tile at least as wide is kept already or the cache is full (see the class).</summary>
    public void Remember(int level, long index, TileSubtrees tile)
    {
        ArgumentNullException.ThrowIfNull(tile);
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, TileLayout.MaxLevel);
        var key = (level, index);
        var size = tile.ByteCount + EntryOverhead;
        lock (_write)
        {
            if (_tiles.TryGetValue(key, out var kept))
            {
                if (kept.Width < tile.Width)
                {
                    _tiles[key] = tile.ToLongLived();
                    Volatile.Write(ref _bytes, _bytes + tile.ByteCount - kept.ByteCount);
                }

                return;
            }

            if (_bytes + size > BudgetBytes && LowestKeptLevel() == level && ++_turns % ReplaceEvery != 0)
            {
                return;
            }

            while (_bytes + size > BudgetBytes)
            {
                var victimLevel = LowestKeptLevel();
                if (victimLevel < 0 || victimLevel > level)
                {
                    return;
                }

                if (_tiles.TryRemove((victimLevel, _order[victimLevel].Dequeue()), out var victim))
                {
                    Volatile.Write(ref _bytes, _bytes - victim.ByteCount - EntryOverhead);
                }
            }

            _tiles[key] = tile.ToLongLived();
            _order[level].Enqueue(index);
            Volatile.Write(ref _bytes, _bytes + size);
        }
    }

    private int LowestKeptLevel() => Array.FindIndex(_order, q => q.Count > 0);
}
