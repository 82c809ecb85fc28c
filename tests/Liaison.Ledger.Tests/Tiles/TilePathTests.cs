using Liaison.Ledger.Merkle;
using Liaison.Ledger.Tiles;

namespace Liaison.Ledger.Tests.Tiles;

public sealed class TilePathTests
{
    [Theory]
    [InlineData("tile/0/000", 0, 0L, 256)]
    [InlineData("tile/0/x001/x234/067.p/8", 0, 1234067L, 8)]
    [InlineData("tile/2/x001/000", 2, 1000L, 256)]
    [InlineData("tile/1/999.p/255", 1, 999L, 255)]
    public void ParseTile_CanonicalPath_RoundTrips(string path, int level, long index, int width)
    {
        var tile = TilePath.ParseTile(path);

        Assert.Equal(new TileId(level, index, width), tile.Value);
        Assert.Equal(path, tile.Value.Path);
    }

    [Theory]
    [InlineData("tile/0/1")]
    [InlineData("tile/0/0001")]
    [InlineData("tile/0/x000/001")]
    [InlineData("tile/0/001/002")]
    [InlineData("tile/00/001")]
    [InlineData("tile/8/001")]
    [InlineData("tile/0/001.p/0")]
    [InlineData("tile/0/001.p/256")]
    [InlineData("tile/0/001.p/08")]
    [InlineData("tile/0/x01/001")]
    [InlineData("tiles/0/001")]
    [InlineData("tile/0/")]
    public void ParseTile_NonCanonicalPath_IsMalformed(string path)
    {
        var tile = TilePath.ParseTile(path);

        Assert.Equal(LedgerErrorKind.Malformed, tile.Error.Kind);
    }

    [Fact]
    public void ParseEntryBundle_PartialBundle_RoundTrips()
    {
        var bundle = TilePath.ParseEntryBundle("tile/entries/x001/234.p/17");

        Assert.Equal(new EntryBundleId(1234, 17), bundle.Value);
        Assert.Equal("tile/entries/x001/234.p/17", bundle.Value.Path);
    }

    [Fact]
    public void Read_LevelOneTile_HoldsSubtreeRootsOf256Leaves()
    {
        var leaves = TestTrees.LeafHashes(600);
        var tree = MemoryTree.FromLeafHashes(leaves);

        var tile = TileLayout.Read(new TileId(1, 0, 2), 600, tree);

        Assert.Equal(TestTrees.Hex(MerkleTree.Root(leaves[..256])) + TestTrees.Hex(MerkleTree.Root(leaves[256..512])), TestTrees.Hex(tile));
    }

    [Theory]
    [InlineData(0, 2, 256, 600, false)]
    [InlineData(0, 2, 88, 600, true)]
    [InlineData(0, 2, 50, 600, true)]
    [InlineData(0, 2, 89, 600, false)]
    [InlineData(0, 1, 255, 600, false)]
    [InlineData(1, 0, 2, 600, true)]
    [InlineData(1, 0, 3, 600, false)]
    [InlineData(0, 0, 1, 0, false)]
    public void Exists_TileAndTreeSize_MatchesLayout(int level, long index, int width, long size, bool exists)
    {
        Assert.Equal(exists, TileLayout.Exists(new TileId(level, index, width), size));
    }

    [Fact]
    public void Read_TileOutsideTree_Throws()
    {
        var tree = MemoryTree.FromLeafHashes(TestTrees.LeafHashes(10));

        Assert.Throws<ArgumentOutOfRangeException>(() => TileLayout.Read(new TileId(0, 0, 11), 10, tree));
    }

    [Fact]
    public void EncodeEntryBundle_TwoEntries_DecodesBackToThem()
    {
        byte[][] entries = [[1, 2, 3], []];

        var bundle = TileLayout.EncodeEntryBundle(entries);
        var decoded = TileLayout.DecodeEntryBundle(bundle);

        Assert.Equal("0003010203" + "0000", TestTrees.Hex(bundle));
        Assert.Equal(entries, decoded.Value);
    }

    [Fact]
    public void DecodeEntryBundle_LengthPastEnd_IsMalformed()
    {
        var decoded = TileLayout.DecodeEntryBundle([0, 5, 1, 2]);

        Assert.Equal(LedgerErrorKind.Malformed, decoded.Error.Kind);
    }

    [Theory]
    [InlineData(0, 300, 256)]
    [InlineData(1, 300, 44)]
    [InlineData(2, 300, null)]
    [InlineData(0, 0, null)]
    public void EntryBundleFor_IndexAndLogSize_GivesTheBundleWidth(long index, long size, int? width)
    {
        Assert.Equal(width, TileLayout.EntryBundleFor(index, size)?.Width);
    }
}
