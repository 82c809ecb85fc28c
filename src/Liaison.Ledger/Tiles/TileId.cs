using System.Globalization;
using Liaison.Ledger.Codec;

namespace Liaison.Ledger.Tiles;

/// <summary>
/// A C2SP tlog-tiles hash tile: level <see cref="Level"/> holds the hashes of Merkle level <c>8 * Level</c>, and tile
/// <see cref="Index"/> holds those numbered <c>[256 * Index, 256 * Index + Width)</c>. A full tile has width 256;
/// a partial tile (path suffix <c>.p/&lt;W&gt;</c>) has width 1 to 255.
/// </summary>
/// <param name="Level">Tile level, 0 for leaf hashes.</param>
/// <param name="Index">Tile index within its level, from 0.</param>
/// <param name="Width">Number of hashes, 1 to 256.</param>
public readonly record struct TileId(int Level, long Index, int Width)
{
    /// <summary>True when the tile holds fewer than 256 hashes.</summary>
    public bool IsPartial => Width < TileLayout.FullWidth;

    /// <summary>The path under the log prefix: <c>tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c>.</summary>
    public string Path => $"tile/{Level.ToString(CultureInfo.InvariantCulture)}/{TileLayout.EncodeIndex(Index)}{TileLayout.WidthSuffix(Width)}";

    /// <summary>The path.</summary>
    public override string ToString() => Path;
}

/// <summary>A C2SP tlog-tiles entry bundle: the entries numbered <c>[256 * Index, 256 * Index + Width)</c>.</summary>
/// <param name="Index">Bundle index, from 0.</param>
/// <param name="Width">Number of entries, 1 to 256.</param>
public readonly record struct EntryBundleId(long Index, int Width)
{
    /// <summary>The path under the log prefix: <c>tile/entries/&lt;N&gt;[.p/&lt;W&gt;]</c>.</summary>
    public string Path => $"tile/entries/{TileLayout.EncodeIndex(Index)}{TileLayout.WidthSuffix(Width)}";

    /// <summary>The path.</summary>
    public override string ToString() => Path;
}

/// <summary>One level of the tiles of a tree: how many full tiles, and the width of the partial tile after them (0 for none).</summary>
/// <param name="Level">Tile level.</param>
/// <param name="FullTiles">Number of full tiles.</param>
/// <param name="PartialWidth">Width of the trailing partial tile, 0 when there is none.</param>
public readonly record struct TileLevel(int Level, long FullTiles, int PartialWidth);

/// <summary>Parses C2SP tlog-tiles paths strictly, as a tile server routes them.</summary>
public static class TilePath
{
    /// <summary>Parses <c>tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c> with a canonical index and a partial width of 1 to 255.</summary>
    public static LedgerResult<TileId> ParseTile(string? path)
    {
        const string prefix = "tile/";
        if (path is null || !path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return LedgerError.Malformed("A tile path starts with tile/.");
        }

        var slash = path.IndexOf('/', prefix.Length);
        if (slash < 0 || DecimalText.ParseUInt64(path.AsSpan(prefix.Length, slash - prefix.Length)) is not { } level || level > TileLayout.MaxLevel)
        {
            return LedgerError.Malformed($"A tile level is a decimal number from 0 to {TileLayout.MaxLevel}.");
        }

        return ParseIndexAndWidth(path[(slash + 1)..]).Map(x => new TileId((int)level, x.Index, x.Width));
    }

    /// <summary>Parses <c>tile/entries/&lt;N&gt;[.p/&lt;W&gt;]</c> with a canonical index and a partial width of 1 to 255.</summary>
    public static LedgerResult<EntryBundleId> ParseEntryBundle(string? path)
    {
        const string prefix = "tile/entries/";
        if (path is null || !path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return LedgerError.Malformed("An entry bundle path starts with tile/entries/.");
        }

        return ParseIndexAndWidth(path[prefix.Length..]).Map(x => new EntryBundleId(x.Index, x.Width));
    }

    private static LedgerResult<(long Index, int Width)> ParseIndexAndWidth(string rest)
    {
        var width = TileLayout.FullWidth;
        var partial = rest.IndexOf(".p/", StringComparison.Ordinal);
        if (partial >= 0)
        {
            if (DecimalText.ParseUInt64(rest.AsSpan(partial + 3)) is not { } w || w is 0 or >= TileLayout.FullWidth)
            {
                return LedgerError.Malformed("A partial tile width is a decimal number from 1 to 255.");
            }

            width = (int)w;
            rest = rest[..partial];
        }

        var segments = rest.Split('/');
        var index = 0L;
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            var digits = last ? segment : (segment.StartsWith('x') ? segment[1..] : string.Empty);
            if (digits.Length != 3 || !digits.All(char.IsAsciiDigit) || (i == 0 && !last && digits == "000"))
            {
                return LedgerError.Malformed("A tile index is groups of three digits, all but the last prefixed with x, without a leading x000.");
            }

            if (index > (long.MaxValue - 999) / 1000)
            {
                return LedgerError.Malformed("The tile index is too large.");
            }

            index = (index * 1000) + int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        return (index, width);
    }
}
