using Liaison.Ledger.Merkle;

namespace Liaison.Ledger.Tests.Merkle;

public sealed class CompactTreeTests
{
    private static readonly byte[][] Leaves = TestTrees.LeafHashes(300);

    [Fact]
    public void Append_EachLeaf_RootEqualsFullTreeRoot()
    {
        var builder = new CompactTree();
        var tree = MemoryTree.FromLeafHashes(Leaves);

        for (var i = 0; i < Leaves.Length; i++)
        {
            builder.Append(Leaves[i]);

            Assert.Equal(TestTrees.Hex(tree.Root(i + 1)), TestTrees.Hex(builder.Root()));
        }
    }

    [Fact]
    public void Append_FourthLeaf_ReturnsLeafAndEveryParentItCompletes()
    {
        var builder = new CompactTree();
        foreach (var leaf in Leaves[..3])
        {
            builder.Append(leaf);
        }

        var created = builder.Append(Leaves[3]);

        Assert.Equal([new NodeId(0, 3), new NodeId(1, 1), new NodeId(2, 0)], created.Select(c => c.Node));
        Assert.Equal(TestTrees.Hex(builder.Root()), TestTrees.Hex(created[^1].Hash));
    }

    [Fact]
    public void Append_StoredNodes_ServeAnyLaterProof()
    {
        var store = new Dictionary<NodeId, byte[]>();
        var builder = new CompactTree();
        foreach (var leaf in Leaves[..77])
        {
            foreach (var (node, hash) in builder.Append(leaf))
            {
                store.Add(node, hash);
            }
        }

        var reader = new DictionaryReader(store);
        var proof = MerkleTree.InclusionProof(50, 77, reader);

        Assert.True(MerkleTree.VerifyInclusion(Leaves[50], 50, 77, proof, builder.Root()).IsSuccess);
        Assert.Equal(TestTrees.Hex(builder.Root()), TestTrees.Hex(MerkleTree.Root(77, reader)));
    }

    [Fact]
    public void Load_FromStoreAtSize_ContinuesWithSameRoots()
    {
        var tree = MemoryTree.FromLeafHashes(Leaves[..100]);

        var builder = CompactTree.Load(100, tree);
        builder.Append(Leaves[100]);

        Assert.Equal(101, builder.Size);
        Assert.Equal(TestTrees.Hex(MerkleTree.Root(Leaves[..101])), TestTrees.Hex(builder.Root()));
    }

    [Fact]
    public void FrontierNodes_Size13_AreTheSubtreesOfItsSetBits()
    {
        var nodes = CompactTree.FrontierNodes(13);

        Assert.Equal([new NodeId(3, 0), new NodeId(2, 2), new NodeId(0, 12)], nodes);
    }

    [Fact]
    public void Restore_WrongNumberOfHashes_Throws()
    {
        Assert.Throws<ArgumentException>(() => CompactTree.Restore(3, [Leaves[0]]));
    }

    [Fact]
    public void Append_HashOfWrongLength_Throws()
    {
        var builder = new CompactTree();

        Assert.Throws<ArgumentException>(() => builder.Append(new byte[31]));
    }

    [Fact]
    public void Root_Empty_IsSha256OfNothing()
    {
        var root = new CompactTree().Root();

        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", TestTrees.Hex(root));
    }

    private sealed class DictionaryReader(Dictionary<NodeId, byte[]> store) : IHashReader
    {
        public IReadOnlyList<byte[]> ReadHashes(IReadOnlyList<NodeId> nodes) => [.. nodes.Select(n => store[n])];
    }
}
