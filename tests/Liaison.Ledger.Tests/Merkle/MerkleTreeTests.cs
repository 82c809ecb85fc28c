using Liaison.Ledger.Merkle;

namespace Liaison.Ledger.Tests.Merkle;

public sealed class MerkleTreeTests
{
    private static readonly byte[][] Leaves = TestTrees.LeafHashes(70);

    [Fact]
    public void Proofs_EveryIndexAndSizePairUpTo70_GenerateProofsThatVerify()
    {
        var tree = MemoryTree.FromLeafHashes(Leaves);

        for (var size = 1; size <= Leaves.Length; size++)
        {
            var root = tree.Root(size);
            for (var index = 0; index < size; index++)
            {
                Assert.True(MerkleTree.VerifyInclusion(Leaves[index], index, size, tree.InclusionProof(index, size), root).IsSuccess, $"inclusion {index}/{size}");
            }

            for (var old = 1; old <= size; old++)
            {
                Assert.True(MerkleTree.VerifyConsistency(old, size, tree.Root(old), root, tree.ConsistencyProof(old, size)).IsSuccess, $"consistency {old}->{size}");
            }
        }
    }

    [Fact]
    public void Root_FromLeafList_EqualsRecursiveDefinition()
    {
        for (var size = 0; size <= Leaves.Length; size++)
        {
            var leaves = Leaves[..size];

            var root = MerkleTree.Root(leaves);

            Assert.Equal(TestTrees.Hex(ReferenceRoot(leaves)), TestTrees.Hex(root));
        }
    }

    [Fact]
    public void VerifyInclusion_ProofForAnotherLeaf_IsInvalidProof()
    {
        var tree = MemoryTree.FromLeafHashes(Leaves[..13]);

        var result = MerkleTree.VerifyInclusion(Leaves[4], 4, 13, tree.InclusionProof(5, 13), tree.Root());

        Assert.Equal(LedgerErrorKind.InvalidProof, result.Error.Kind);
    }

    [Fact]
    public void VerifyConsistency_FromSizeZero_IsRejectedAsRfc9162Requires()
    {
        var tree = MemoryTree.FromLeafHashes(Leaves[..3]);

        var result = MerkleTree.VerifyConsistency(0, 3, Rfc6962.EmptyRoot(), tree.Root(), []);

        Assert.False(result.IsSuccess);
    }

    [Fact]
    public void ConsistencyProof_FromSizeZero_IsEmpty()
    {
        var tree = MemoryTree.FromLeafHashes(Leaves[..3]);

        var proof = tree.ConsistencyProof(0, 3);

        Assert.Empty(proof);
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(-1, 3)]
    [InlineData(0, 0)]
    public void InclusionProof_IndexOutsideTree_Throws(long index, long size)
    {
        var tree = MemoryTree.FromLeafHashes(Leaves[..3]);

        Assert.Throws<ArgumentOutOfRangeException>(() => tree.InclusionProof(index, size));
    }

    [Fact]
    public void ConsistencyProof_OldSizeAboveNewSize_Throws()
    {
        var tree = MemoryTree.FromLeafHashes(Leaves[..5]);

        Assert.Throws<ArgumentOutOfRangeException>(() => tree.ConsistencyProof(4, 3));
    }

    [Fact]
    public async Task ProofsAsync_FromAsyncReader_EqualSynchronousProofs()
    {
        var tree = MemoryTree.FromLeafHashes(Leaves[..41]);
        var reader = new AsyncReader(tree);
        var cancellation = TestContext.Current.CancellationToken;

        var root = await MerkleTree.RootAsync(41, reader, cancellation);
        var inclusion = await MerkleTree.InclusionProofAsync(17, 41, reader, cancellation);
        var consistency = await MerkleTree.ConsistencyProofAsync(23, 41, reader, cancellation);

        Assert.Equal(TestTrees.Hex(tree.Root()), TestTrees.Hex(root));
        Assert.Equal(TestTrees.Hex(tree.InclusionProof(17, 41)), TestTrees.Hex(inclusion));
        Assert.Equal(TestTrees.Hex(tree.ConsistencyProof(23, 41)), TestTrees.Hex(consistency));
        Assert.Equal(3, reader.Reads);
    }

    private static byte[] ReferenceRoot(ReadOnlySpan<byte[]> leaves)
    {
        if (leaves.Length == 0)
        {
            return Rfc6962.EmptyRoot();
        }

        if (leaves.Length == 1)
        {
            return leaves[0];
        }

        var k = 1;
        while (k * 2 < leaves.Length)
        {
            k *= 2;
        }

        return Rfc6962.HashChildren(ReferenceRoot(leaves[..k]), ReferenceRoot(leaves[k..]));
    }

    private sealed class AsyncReader(IHashReader inner) : IAsyncHashReader
    {
        public int Reads { get; private set; }

        public async ValueTask<IReadOnlyList<byte[]>> ReadHashesAsync(IReadOnlyList<NodeId> nodes, CancellationToken cancellationToken)
        {
            await Task.Yield();
            Reads++;
            return inner.ReadHashes(nodes);
        }
    }
}
