using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Liaison.Ledger.Merkle;

namespace Liaison.Ledger.Tiles;

/// <summary>
/// C2SP tlog-tiles layout: which tiles a tree of a given size has, their paths, and their contents (the
/// concatenated 32-byte hashes, read through an <see cref="IHashReader"/>).
/// </summary>
public static class TileLayout
{
    /// <summary>Merkle levels per tile level.</summary>
    public const int Height = 8;

    /// <summary>Hashes (or entries) in a full tile.</summary>
    public const int FullWidth = 1 << Height;

    /// <summary>The highest tile level a tree of at most 2^63 - 1 leaves can have.</summary>
    public const int MaxLevel = 7;

    /// <summary>
    /// A tile index as path segments: groups of three decimal digits, every group but the last prefixed with
    /// <c>x</c> (1234067 becomes <c>x001/x234/067</c>).
    /// </summary>
    public static string EncodeIndex(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var text = new StringBuilder((index % 1000).ToString("D3", CultureInfo.InvariantCulture));
        for (index /= 1000; index > 0; index /= 1000)
        {
            text.Insert(0, $"x{(index % 1000).ToString("D3", CultureInfo.InvariantCulture)}/");
        }

        return text.ToString();
    }

    /// <summary>The tiles of each level of a tree of <paramref name="treeSize"/> leaves, lowest level first; none for an empty tree.</summary>
    public static IReadOnlyList<TileLevel> Levels(long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        var levels = new List<TileLevel>();
        var hashes = treeSize;
        for (var level = 0; hashes > 0; level++, hashes >>= Height)
        {
            levels.Add(new TileLevel(level, hashes >> Height, (int)(hashes & (FullWidth - 1))));
        }

        return levels;
    }

    /// <summary>Every tile of a tree of <paramref name="treeSize"/> leaves, level by level, in index order.</summary>
    public static IEnumerable<TileId> Tiles(long treeSize)
    {
        foreach (var (level, full, partial) in Levels(treeSize))
        {
            for (var index = 0L; index < full; index++)
            {
                yield return new TileId(level, index, FullWidth);
            }

            if (partial > 0)
            {
                yield return new TileId(level, full, partial);
            }
        }
    }

    /// <summary>True when <paramref name="tile"/> exists, with that width, in a tree of <paramref name="treeSize"/> leaves.</summary>
    public static bool Exists(TileId tile, long treeSize)
    {
        if (tile.Level is < 0 or > MaxLevel || tile.Index < 0 || tile.Width is < 1 or > FullWidth || treeSize < 0)
        {
            return false;
        }

        var hashes = treeSize >> (Height * tile.Level);
        var available = hashes - (tile.Index * FullWidth);
        return available >= tile.Width && (tile.Width == FullWidth || available < FullWidth);
    }

    /// <summary>The complete subtrees a tile holds, in order.</summary>
    public static IReadOnlyList<NodeId> Nodes(TileId tile)
    {
        var first = tile.Index * FullWidth;
        return [.. Enumerable.Range(0, tile.Width).Select(i => new NodeId(Height * tile.Level, first + i))];
    }

    /// <summary>The tile's contents: its hashes concatenated, 32 bytes each.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The tile is not one of the tree's (check with <see cref="Exists"/>).</exception>
    public static byte[] Read(TileId tile, long treeSize, IHashReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Concat(reader.ReadHashes(CheckedNodes(tile, treeSize)));
    }

    /// <summary>The asynchronous form of <see cref="Read"/>.</summary>
    public static async ValueTask<byte[]> ReadAsync(TileId tile, long treeSize, IAsyncHashReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Concat(await reader.ReadHashesAsync(CheckedNodes(tile, treeSize), cancellationToken));
    }

    /// <summary>The entry bundle holding entries <c>[256 * index, ...)</c> of a log of <paramref name="treeSize"/> entries, or null when there is none.</summary>
    public static EntryBundleId? EntryBundleFor(long index, long treeSize)
    {
        var available = treeSize - (index * FullWidth);
        return index < 0 || available <= 0 ? null : new EntryBundleId(index, (int)Math.Min(available, FullWidth));
    }

    /// <summary>An entry bundle's contents: each entry as a big-endian u16 length and its bytes (C2SP tlog-tiles).</summary>
    /// <exception cref="ArgumentException">An entry is longer than 65535 bytes, or there are more than 256 entries.</exception>
    public static byte[] EncodeEntryBundle(IReadOnlyList<byte[]> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count > FullWidth || entries.Any(e => e.Length > ushort.MaxValue))
        {
            throw new ArgumentException("A bundle holds at most 256 entries of at most 65535 bytes.", nameof(entries));
        }

        var bundle = new byte[entries.Sum(e => 2 + e.Length)];
        var offset = 0;
        foreach (var entry in entries)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bundle.AsSpan(offset), (ushort)entry.Length);
            entry.CopyTo(bundle, offset + 2);
            offset += 2 + entry.Length;
        }

        return bundle;
    }

    /// <summary>Splits an entry bundle into its entries; <see cref="LedgerErrorKind.Malformed"/> when a length runs past the end.</summary>
    public static LedgerResult<IReadOnlyList<byte[]>> DecodeEntryBundle(ReadOnlySpan<byte> bundle)
    {
        var entries = new List<byte[]>();
        while (!bundle.IsEmpty)
        {
            if (bundle.Length < 2 || bundle.Length < 2 + BinaryPrimitives.ReadUInt16BigEndian(bundle))
            {
                return LedgerError.Malformed("An entry's length runs past the end of the bundle.");
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bundle);
            entries.Add(bundle.Slice(2, length).ToArray());
            bundle = bundle[(2 + length)..];
        }

        return entries.Count > FullWidth ? LedgerError.Malformed("A bundle holds at most 256 entries.") : entries;
    }

    internal static string WidthSuffix(int width) =>
        width == FullWidth ? string.Empty : $".p/{width.ToString(CultureInfo.InvariantCulture)}";

    private static IReadOnlyList<NodeId> CheckedNodes(TileId tile, long treeSize) => Exists(tile, treeSize)
        ? Nodes(tile)
        : throw new ArgumentOutOfRangeException(nameof(tile), $"Tile {tile} is not in a tree of size {treeSize}.");

    private static byte[] Concat(IReadOnlyList<byte[]> hashes)
    {
        var bytes = new byte[hashes.Count * Rfc6962.HashLength];
        for (var i = 0; i < hashes.Count; i++)
        {
            hashes[i].CopyTo(bytes, i * Rfc6962.HashLength);
        }

        return bytes;
    }
}
