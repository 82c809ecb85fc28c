using Liaison.Ledger.Tiles;

namespace Liaison.Ledger.Merkle;

/// <summary>
/// One tlog-tiles hash tile with every complete subtree inside it: a tile of width <c>w</c> holds <c>w</c> hashes at
/// height 0 and <c>floor(w / 2^h)</c> complete subtrees at each height <c>h</c> from 1 to 8 (height 8 only when full:
/// the tile's own root). Kept as one array, height by height, so any of them is an offset away; a full tile is 511
/// hashes. The interior (heights 1 to 8) is what a store keeps beside the tile so proofs need not recompute it: it is
/// determined by the tile, so it changes nothing a client sees, and a client verifies every proof built from it.
/// </summary>
public sealed class TileSubtrees
{
    private readonly byte[] _hashes;

    private TileSubtrees(int width, byte[] hashes)
    {
        Width = width;
        _hashes = hashes;
    }

    /// <summary>The number of hashes at height 0, 1 to 256.</summary>
    public int Width { get; }

    /// <summary>The bytes held: the tile and its interior.</summary>
    public int ByteCount => _hashes.Length;

    /// <summary>The interior hashes (heights 1 to 8, each in index order) of a tile of <paramref name="width"/> hashes.</summary>
    public static int InteriorCount(int width) => Position(width, TileLayout.Height + 1, 0) - width;

    /// <summary>The tile's subtrees, the interior computed from its hashes (at most 255 node hashes).</summary>
    /// <exception cref="ArgumentException">The bytes are not 1 to 256 hashes of 32 bytes.</exception>
    public static TileSubtrees Compute(ReadOnlySpan<byte> tile)
    {
        var width = CheckWidth(tile);
        var hashes = new byte[(width + InteriorCount(width)) * Rfc6962.HashLength];
        tile.CopyTo(hashes);
        for (var height = 1; height <= TileLayout.Height; height++)
        {
            var below = Position(width, height - 1, 0);
            var at = Position(width, height, 0);
            for (var i = 0; i < width >> height; i++)
            {
                var left = hashes.AsSpan((below + (2 * i)) * Rfc6962.HashLength, Rfc6962.HashLength);
                var right = hashes.AsSpan((below + (2 * i) + 1) * Rfc6962.HashLength, Rfc6962.HashLength);
                Rfc6962.HashChildren(left, right, hashes.AsSpan((at + i) * Rfc6962.HashLength, Rfc6962.HashLength));
            }
        }

        return new TileSubtrees(width, hashes);
    }

    /// <summary>
    /// The tile's subtrees over <paramref name="tileThenInterior"/>, the tile's <paramref name="width"/> hashes followed by
    /// the interior a store kept with it (read straight into one buffer); the buffer is kept, not copied.
    /// </summary>
    /// <exception cref="ArgumentException">The buffer does not have the length of a tile of that width and its interior.</exception>
    public static TileSubtrees FromStored(int width, byte[] tileThenInterior)
    {
        ArgumentNullException.ThrowIfNull(tileThenInterior);
        if (width is < 1 or > TileLayout.FullWidth || tileThenInterior.Length != (width + InteriorCount(width)) * Rfc6962.HashLength)
        {
            throw new ArgumentException($"A tile of width {width} and its interior are {width + InteriorCount(width)} hashes of 32 bytes.", nameof(tileThenInterior));
        }

        return new TileSubtrees(width, tileThenInterior);
    }

    /// <summary>
    /// A copy in memory the garbage collector never moves (the pinned-object heap, collected with the oldest generation),
    /// for a cache that keeps tiles long: the collector then does not copy each kept tile up through its generations.
    /// </summary>
    public TileSubtrees ToLongLived()
    {
        var hashes = GC.AllocateUninitializedArray<byte>(_hashes.Length, pinned: true);
        _hashes.CopyTo(hashes, 0);
        return new TileSubtrees(Width, hashes);
    }

    /// <summary>The interior hashes, heights 1 to 8, concatenated: what a store keeps beside the tile.</summary>
    public ReadOnlySpan<byte> Interior => _hashes.AsSpan(Width * Rfc6962.HashLength);

    /// <summary>True when the subtree at <paramref name="height"/> (0 to 8), <paramref name="offset"/> among those of that height, is complete in this tile.</summary>
    public bool Contains(int height, int offset) =>
        height is >= 0 and <= TileLayout.Height && offset >= 0 && (offset + 1) << height <= Width;

    /// <summary>The hash of a complete subtree of the tile (see <see cref="Contains"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The subtree is not complete in this tile.</exception>
    public byte[] Hash(int height, int offset)
    {
        if (!Contains(height, offset))
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"A tile of width {Width} has no complete subtree {offset} at height {height}.");
        }

        return _hashes.AsSpan(Position(Width, height, offset) * Rfc6962.HashLength, Rfc6962.HashLength).ToArray();
    }

    // Heights are laid out lowest first; height h starts after the w + w/2 + ... + w/2^(h-1) hashes below it.
    private static int Position(int width, int height, int offset)
    {
        var position = offset;
        for (var below = 0; below < height; below++)
        {
            position += width >> below;
        }

        return position;
    }

    private static int CheckWidth(ReadOnlySpan<byte> tile)
    {
        if (tile.Length == 0 || tile.Length > TileLayout.FullWidth * Rfc6962.HashLength || tile.Length % Rfc6962.HashLength != 0)
        {
            throw new ArgumentException("A tile is 1 to 256 hashes of 32 bytes.", nameof(tile));
        }

        return tile.Length / Rfc6962.HashLength;
    }
}
