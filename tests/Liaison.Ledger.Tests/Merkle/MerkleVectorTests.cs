using Liaison.Ledger.Merkle;

namespace Liaison.Ledger.Tests.Merkle;

public sealed class MerkleVectorTests
{
    [Theory]
    [MemberData(nameof(Vectors.Ids), "merkle/hash_primitives.json", MemberType = typeof(Vectors))]
    public void Hash_PrimitiveVector_MatchesExpected(string id)
    {
        var c = Vectors.Case("merkle/hash_primitives.json", id);

        var actual = c.GetProperty("kind").GetString() switch
        {
            "empty_tree_root" => Rfc6962.EmptyRoot(),
            "leaf_hash" => Rfc6962.HashLeaf(c.Hex("leaf_input_hex")),
            "node_hash" => Rfc6962.HashChildren(c.Hex("left_hex"), c.Hex("right_hex")),
            var other => throw new InvalidOperationException(other),
        };

        Assert.Equal(c.Str("expected_hex"), TestTrees.Hex(actual));
    }

    [Theory]
    [MemberData(nameof(Vectors.Ids), "merkle/reference_tree.json", MemberType = typeof(Vectors))]
    public void ReferenceTree_Vector_MatchesRootOrSubtreeHash(string id)
    {
        var c = Vectors.Case("merkle/reference_tree.json", id);
        var inputs = Vectors.File("merkle/reference_tree.json").GetProperty("leaf_inputs_hex").EnumerateArray().Select(e => Convert.FromHexString(e.GetString()!));
        var tree = TestTrees.FromInputs(inputs);

        var actual = c.GetProperty("kind").GetString() == "root"
            ? tree.Root(c.Int("tree_size"))
            : tree.ReadHashes([new NodeId((int)c.Int("level"), c.Int("index"))])[0];

        Assert.Equal(c.Str("expected_hex"), TestTrees.Hex(actual));
    }

    [Theory]
    [MemberData(nameof(Vectors.Ids), "merkle/tree_roots_d130.json", MemberType = typeof(Vectors))]
    public void Root_D130Vector_MatchesFromStoreFromLeafListAndFromBuilder(string id)
    {
        var c = Vectors.Case("merkle/tree_roots_d130.json", id);
        var size = (int)c.Int("tree_size");
        var leaves = Enumerable.Range(0, size).Select(i => Rfc6962.HashLeaf([(byte)i])).ToList();
        var builder = new CompactTree();
        leaves.ForEach(l => builder.Append(l));

        var fromStore = TestTrees.Named("d130").Root(size);
        var fromList = MerkleTree.Root(leaves);

        Assert.Equal(c.Str("expected_hex"), TestTrees.Hex(fromStore));
        Assert.Equal(c.Str("expected_hex"), TestTrees.Hex(fromList));
        Assert.Equal(c.Str("expected_hex"), TestTrees.Hex(builder.Root()));
    }

    [Theory]
    [MemberData(nameof(Vectors.Ids), "merkle/inclusion_proofs.json", MemberType = typeof(Vectors))]
    public void InclusionProof_Vector_GeneratesExactProofThatVerifies(string id)
    {
        var c = Vectors.Case("merkle/inclusion_proofs.json", id);
        var tree = TestTrees.Named(c.Str("tree"));
        var (index, size) = (c.Int("leaf_index"), c.Int("tree_size"));

        var proof = tree.InclusionProof(index, size);
        var verified = MerkleTree.VerifyInclusion(c.Hex("leaf_hash_hex"), index, size, c.HexList("proof_hex"), c.Hex("root_hex"));

        Assert.Equal(c.StrList("proof_hex"), TestTrees.Hex(proof));
        Assert.Equal(c.Str("root_hex"), TestTrees.Hex(tree.Root(size)));
        Assert.True(verified.IsSuccess, verified.ToString());
    }

    [Theory]
    [MemberData(nameof(Vectors.Ids), "merkle/consistency_proofs.json", MemberType = typeof(Vectors))]
    public void ConsistencyProof_Vector_GeneratesExactProofThatVerifies(string id)
    {
        var c = Vectors.Case("merkle/consistency_proofs.json", id);
        var tree = TestTrees.Named(c.Str("tree"));
        var (size1, size2) = (c.Int("size1"), c.Int("size2"));

        var proof = tree.ConsistencyProof(size1, size2);
        var verified = MerkleTree.VerifyConsistency(size1, size2, c.Hex("root1_hex"), c.Hex("root2_hex"), c.HexList("proof_hex"));

        Assert.Equal(c.StrList("proof_hex"), TestTrees.Hex(proof));
        Assert.Equal(c.Str("root1_hex"), TestTrees.Hex(tree.Root(size1)));
        Assert.Equal(c.Str("root2_hex"), TestTrees.Hex(tree.Root(size2)));
        Assert.True(verified.IsSuccess, verified.ToString());
    }

    [Theory]
    [MemberData(nameof(Vectors.Ids), "merkle/inclusion_probes.json", MemberType = typeof(Vectors))]
    public void VerifyInclusion_ProbeVector_MatchesExpectedVerdict(string id)
    {
        var c = Vectors.Case("merkle/inclusion_probes.json", id);
        var wantError = c.GetProperty("want_error").GetBoolean();
        var fits = c.GetProperty("leaf_index").TryGetInt64(out var index) & c.GetProperty("tree_size").TryGetInt64(out var size);

        var accepted = fits && MerkleTree.VerifyInclusion(c.Hex("leaf_hash_hex"), index, size, c.HexList("proof_hex"), c.Hex("root_hex")).IsSuccess;

        Assert.Equal(!wantError, accepted);
    }

    [Theory]
    [MemberData(nameof(Vectors.Ids), "merkle/consistency_probes.json", MemberType = typeof(Vectors))]
    public void VerifyConsistency_ProbeVector_MatchesExpectedVerdict(string id)
    {
        var c = Vectors.Case("merkle/consistency_probes.json", id);
        var wantError = c.GetProperty("want_error").GetBoolean();

        var accepted = MerkleTree.VerifyConsistency(c.Int("size1"), c.Int("size2"), c.Hex("root1_hex"), c.Hex("root2_hex"), c.HexList("proof_hex")).IsSuccess;

        Assert.Equal(!wantError, accepted);
    }
}
