using System.Text.Json;
using Liaison.Ledger.Checkpoints;
using Liaison.Ledger.Merkle;
using Liaison.Ledger.Tiles;
using static Liaison.Ledger.Conformance.CaseOutcome;

namespace Liaison.Ledger.Conformance;

/// <summary>Checks for the <c>merkle/*</c> kinds.</summary>
internal static class MerkleVectors
{
    public static CaseOutcome HashPrimitive(JsonElement c) => c.Str("kind") switch
    {
        "empty_tree_root" => ExpectHex("empty-tree root", c.Str("expected_hex"), Rfc6962.EmptyRoot()),
        "leaf_hash" => ExpectHex("leaf hash", c.Str("expected_hex"), Rfc6962.HashLeaf(c.Hex("leaf_input_hex"))),
        "node_hash" => ExpectHex("node hash", c.Str("expected_hex"), Rfc6962.HashChildren(c.Hex("left_hex"), c.Hex("right_hex"))),
        var other => Fail($"unknown case kind {other}"),
    };

    public static CaseOutcome ReferenceTree(JsonElement file, JsonElement c)
    {
        var tree = KnownTrees.FromInputs(file.HexList("leaf_inputs_hex"));
        switch (c.Str("kind"))
        {
            case "root":
                var size = c.Int("tree_size");
                return size > tree.Size
                    ? Fail($"the tree has {tree.Size} leaves")
                    : All(ExpectHex("root", c.Str("expected_hex"), tree.Root(size)), ExpectHex("root from leaf list", c.Str("expected_hex"), MerkleTree.Root(LeafHashes(tree, size))));
            case "complete_subtree":
                var node = new NodeId((int)c.Int("level"), c.Int("index"));
                return node.FirstLeaf + node.LeafCount > tree.Size
                    ? Fail($"node {node} is not complete in a tree of {tree.Size} leaves")
                    : ExpectHex("subtree hash", c.Str("expected_hex"), tree.ReadHashes([node])[0]);
            case var other:
                return Fail($"unknown case kind {other}");
        }
    }

    public static CaseOutcome Root(JsonElement c) => WithTree(c, c.Int("tree_size"), tree =>
        All(ExpectHex("root", c.Str("expected_hex"), tree.Root(c.Int("tree_size"))), ExpectHex("root from leaf list", c.Str("expected_hex"), MerkleTree.Root(LeafHashes(tree, c.Int("tree_size"))))));

    public static CaseOutcome InclusionProof(JsonElement c)
    {
        var (index, size) = (c.Int("leaf_index"), c.Int("tree_size"));
        return WithTree(c, size, tree =>
        {
            var proof = c.HexList("proof_hex");
            var verified = MerkleTree.VerifyInclusion(c.Hex("leaf_hash_hex"), index, size, proof, c.Hex("root_hex"));
            return All(
                ExpectHex("leaf hash", c.Str("leaf_hash_hex"), tree.ReadHashes([new NodeId(0, index)])[0]),
                ExpectHex("root", c.Str("root_hex"), tree.Root(size)),
                ExpectHexList("generated proof", c.StrList("proof_hex"), tree.InclusionProof(index, size)),
                verified.IsSuccess ? Pass : Fail($"verification failed: {verified.Error.Detail}"));
        });
    }

    public static CaseOutcome ConsistencyProof(JsonElement c)
    {
        var (size1, size2) = (c.Int("size1"), c.Int("size2"));
        return WithTree(c, size2, tree =>
        {
            var verified = MerkleTree.VerifyConsistency(size1, size2, c.Hex("root1_hex"), c.Hex("root2_hex"), c.HexList("proof_hex"));
            return All(
                ExpectHex("old root", c.Str("root1_hex"), tree.Root(size1)),
                ExpectHex("new root", c.Str("root2_hex"), tree.Root(size2)),
                ExpectHexList("generated proof", c.StrList("proof_hex"), tree.ConsistencyProof(size1, size2)),
                verified.IsSuccess ? Pass : Fail($"verification failed: {verified.Error.Detail}"));
        });
    }

    public static CaseOutcome InclusionProbe(JsonElement c)
    {
        var wantError = c.Bool("want_error");
        var representable = c.GetProperty("leaf_index").TryGetInt64(out var index) & c.GetProperty("tree_size").TryGetInt64(out var size);
        var result = representable
            ? MerkleTree.VerifyInclusion(c.Hex("leaf_hash_hex"), index, size, c.HexList("proof_hex"), c.Hex("root_hex"))
            : LedgerError.InvalidProof("The index or size does not fit a signed 64-bit integer.");
        return Probe(wantError, result);
    }

    public static CaseOutcome ConsistencyProbe(JsonElement c)
    {
        var wantError = c.Bool("want_error");
        var representable = c.GetProperty("size1").TryGetInt64(out var size1) & c.GetProperty("size2").TryGetInt64(out var size2);
        var result = representable
            ? MerkleTree.VerifyConsistency(size1, size2, c.Hex("root1_hex"), c.Hex("root2_hex"), c.HexList("proof_hex"))
            : LedgerError.InvalidProof("A size does not fit a signed 64-bit integer.");
        return Probe(wantError, result);
    }

    public static CaseOutcome Tiles(JsonElement c)
    {
        switch (c.Str("kind"))
        {
            case "tile_index_path":
                return Expect("index path", c.Str("expected"), TileLayout.EncodeIndex(c.Int("index")));
            case "tile_set":
                var size = c.Int("tree_size");
                var expectedLevels = c.GetProperty("expected_levels").EnumerateArray()
                    .Select(l => new TileLevel((int)l.Int("level"), l.Int("full_tiles"), (int)l.Int("partial_width")));
                var paths = TileLayout.Tiles(size).Select(t => t.Path).ToHashSet(StringComparer.Ordinal);
                var missing = c.Has("expected_paths") ? c.StrList("expected_paths").Where(p => !paths.Contains(p) || TilePath.ParseTile(p) is not { IsSuccess: true }).ToList() : [];
                return All(
                    Expect("levels", string.Join(" ", expectedLevels), string.Join(" ", TileLayout.Levels(size))),
                    missing.Count == 0 ? Pass : Fail($"paths not among the tree's tiles: {string.Join(", ", missing)}"));
            case "tiled_tree":
                return TiledTree(c);
            case var other:
                return Fail($"unknown case kind {other}");
        }
    }

    private static CaseOutcome TiledTree(JsonElement c)
    {
        var size = c.Int("tree_size");
        var inputs = KnownTrees.FromFormat(c.Str("leaf_input_format"), size);
        if (inputs is null)
        {
            return Fail($"unknown leaf input format {c.Str("leaf_input_format")}");
        }

        var entries = inputs.ToList();
        var tree = KnownTrees.FromInputs(entries);
        var outcomes = new List<CaseOutcome>
        {
            ExpectHex("root", c.Str("root_hex"), tree.Root()),
            Expect("base64 root", c.Str("root_b64"), Convert.ToBase64String(tree.Root())),
        };
        if (c.OptionalStr("checkpoint_note") is { } note)
        {
            var body = Checkpoint.Parse(note[..(note.IndexOf("\n\n", StringComparison.Ordinal) + 1)]);
            outcomes.Add(body.IsSuccess
                ? All(Expect("checkpoint size", (ulong)size, body.Value.Size), ExpectHex("checkpoint root", c.Str("root_hex"), body.Value.RootHash))
                : Fail($"checkpoint body: {body.Error.Detail}"));
        }

        foreach (var tile in c.GetProperty("tiles").EnumerateObject())
        {
            if (tile.Name.StartsWith("tile/entries/", StringComparison.Ordinal))
            {
                var bundle = TilePath.ParseEntryBundle(tile.Name);
                outcomes.Add(!bundle.IsSuccess
                    ? Fail($"entry bundle path {tile.Name}: {bundle.Error.Detail}")
                    : TileLayout.EntryBundleFor(bundle.Value.Index, size) is not { } found || found.Width < bundle.Value.Width
                        ? Fail($"entry bundle {tile.Name} is not in a log of size {size}")
                        : ExpectHex($"entry bundle {tile.Name}", tile.Value.GetString() ?? string.Empty, TileLayout.EncodeEntryBundle(entries.GetRange((int)(bundle.Value.Index * TileLayout.FullWidth), bundle.Value.Width))));
                continue;
            }

            var id = TilePath.ParseTile(tile.Name);
            outcomes.Add(!id.IsSuccess
                ? Fail($"tile path {tile.Name}: {id.Error.Detail}")
                : !TileLayout.Exists(id.Value, size)
                    ? Fail($"tile {tile.Name} is not in a tree of size {size}")
                    : ExpectHex($"tile {tile.Name}", tile.Value.GetString() ?? string.Empty, TileLayout.Read(id.Value, size, tree)));
        }

        return All([.. outcomes]);
    }

    private static CaseOutcome Probe(bool wantError, LedgerResult result) => (wantError, result.IsSuccess) switch
    {
        (true, true) => Fail("verification succeeded; the probe must be rejected"),
        (false, false) => Fail($"verification failed: {result.Error.Detail}"),
        _ => Pass,
    };

    private static CaseOutcome WithTree(JsonElement c, long size, Func<MemoryTree, CaseOutcome> check)
    {
        var name = c.Str("tree");
        var tree = KnownTrees.Build(name);
        return tree is null ? Fail($"unknown tree {name}")
            : size > tree.Size ? Fail($"tree {name} has {tree.Size} leaves, not {size}")
            : check(tree);
    }

    private static IReadOnlyList<byte[]> LeafHashes(MemoryTree tree, long size) =>
        size == 0 ? [] : tree.ReadHashes([.. Enumerable.Range(0, (int)size).Select(i => new NodeId(0, i))]);
}
