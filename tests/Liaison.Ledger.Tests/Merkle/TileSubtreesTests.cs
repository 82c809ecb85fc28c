using Liaison.Ledger.Merkle;

namespace Liaison.Ledger.Tests.Merkle;

public sealed class TileSubtreesTests
{
    private static readonly byte[][] Leaves = TestTrees.LeafHashes(256);

    [Fact]
    public void Compute_EveryWidth_HoldsEveryCompleteSubtreeOfTheTileAndNoOther()
    {
        var tree = MemoryTree.FromLeafHashes(Leaves);

        for (var width = 1; width <= 256; width++)
        {
            var tile = TileSubtrees.Compute(Leaves[..width].SelectMany(h => h).ToArray());

            Assert.Equal(width, tile.Width);
            for (var height = 0; height <= 8; height++)
            {
                var complete = width >> height;
                for (var offset = 0; offset < complete; offset++)
                {
                    Assert.True(tile.Contains(height, offset), $"width {width}: ({height}, {offset})");
                    Assert.Equal(TestTrees.Hex(tree.ReadHashes([new NodeId(height, offset)])[0]), TestTrees.Hex(tile.Hash(height, offset)));
                }

                Assert.False(tile.Contains(height, complete), $"width {width}: ({height}, {complete}) is not complete");
            }
        }
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    [InlineData(255, 247)]
    [InlineData(256, 255)]
    public void InteriorCount_IsTheSumOfTheCompleteSubtreesAboveHeightZero(int width, int expected)
    {
        Assert.Equal(expected, TileSubtrees.InteriorCount(width));
        Assert.Equal(expected * 32, TileSubtrees.Compute(Leaves[..width].SelectMany(h => h).ToArray()).Interior.Length);
    }

    [Fact]
    public void FromStored_TheTileThenTheInteriorComputedBefore_GivesTheSameSubtrees()
    {
        foreach (var width in new[] { 1, 2, 7, 128, 200, 255, 256 })
        {
            var bytes = Leaves[..width].SelectMany(h => h).ToArray();
            var computed = TileSubtrees.Compute(bytes);

            var stored = TileSubtrees.FromStored(width, [.. bytes, .. computed.Interior]);

            Assert.Equal(TestTrees.Hex(computed.Interior), TestTrees.Hex(stored.Interior));
            Assert.Equal(TestTrees.Hex(computed.Hash(0, width - 1)), TestTrees.Hex(stored.Hash(0, width - 1)));
        }
    }

    [Fact]
    public void ToLongLived_IsACopyWithTheSameSubtrees()
    {
        var tile = TileSubtrees.Compute(Leaves[..77].SelectMany(h => h).ToArray());

        var copy = tile.ToLongLived();

        Assert.NotSame(tile, copy);
        Assert.Equal(77, copy.Width);
        Assert.Equal(TestTrees.Hex(tile.Interior), TestTrees.Hex(copy.Interior));
        Assert.Equal(TestTrees.Hex(tile.Hash(0, 76)), TestTrees.Hex(copy.Hash(0, 76)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(257, 257 + 256)]
    [InlineData(100, 100)]
    [InlineData(100, 100 + 96)]
    public void FromStored_NotATileAndItsInterior_Throws(int width, int hashes)
    {
        Assert.Throws<ArgumentException>(() => TileSubtrees.FromStored(width, new byte[hashes * 32]));
    }

    [Fact]
    public void FromStored_TrustsAnInteriorOfTheRightLength_SoAProofFromAChangedOneFailsVerification()
    {
        var tree = MemoryTree.FromLeafHashes(Leaves);
        var bytes = Leaves.SelectMany(h => h).ToArray();
        var interior = TileSubtrees.Compute(bytes).Interior.ToArray();
        interior[129 * 32] ^= 1; // the second subtree of height 2: the sibling on the path of leaf 0

        var tile = TileSubtrees.FromStored(256, [.. bytes, .. interior]);
        var proof = Enumerable.Range(0, 8).Select(height => tile.Hash(height, 1)).ToList();

        Assert.False(MerkleTree.VerifyInclusion(Leaves[0], 0, 256, proof, tree.Root()).IsSuccess);
        proof[2] = tree.ReadHashes([new NodeId(2, 1)])[0];
        Assert.True(MerkleTree.VerifyInclusion(Leaves[0], 0, 256, proof, tree.Root()).IsSuccess);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(257 * 32)]
    public void Compute_NotATile_Throws(int length)
    {
        Assert.Throws<ArgumentException>(() => TileSubtrees.Compute(new byte[length]));
    }
}
