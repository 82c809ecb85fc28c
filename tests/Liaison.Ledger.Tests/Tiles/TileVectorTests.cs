using System.Text;
using Liaison.Ledger.Checkpoints;
using Liaison.Ledger.Tiles;

namespace Liaison.Ledger.Tests.Tiles;

public sealed class TileVectorTests
{
    private const string File = "merkle/tiles.json";

    [Theory]
    [MemberData(nameof(Vectors.Ids), File, MemberType = typeof(Vectors))]
    public void Tiles_Vector_MatchesPathsLevelsAndContents(string id)
    {
        var c = Vectors.Case(File, id);

        switch (c.Str("kind"))
        {
            case "tile_index_path":
                Assert.Equal(c.Str("expected"), TileLayout.EncodeIndex(c.Int("index")));
                Assert.Equal(c.Int("index"), TilePath.ParseTile($"tile/0/{c.Str("expected")}").Value.Index);
                break;
            case "tile_set":
                var size = c.Int("tree_size");
                var expected = c.GetProperty("expected_levels").EnumerateArray()
                    .Select(l => new TileLevel((int)l.Int("level"), l.Int("full_tiles"), (int)l.Int("partial_width")));
                Assert.Equal(expected, TileLayout.Levels(size));
                var paths = TileLayout.Tiles(size).Select(t => t.Path).ToList();
                foreach (var path in c.Has("expected_paths") ? c.StrList("expected_paths") : [])
                {
                    Assert.Contains(path, paths);
                    Assert.Equal(path, TilePath.ParseTile(path).Value.Path);
                }

                break;
            case "tiled_tree":
                var treeSize = (int)c.Int("tree_size");
                var tree = TestTrees.FromInputs(Enumerable.Range(0, treeSize).Select(i => Encoding.ASCII.GetBytes($"record {i}")));
                Assert.Equal("ASCII \"record %d\" for i = 0..299", c.Str("leaf_input_format"));
                Assert.Equal(c.Str("root_hex"), TestTrees.Hex(tree.Root()));
                Assert.Equal(c.Str("root_b64"), Convert.ToBase64String(tree.Root()));
                var note = c.Str("checkpoint_note");
                var body = Checkpoint.Parse(note[..(note.IndexOf("\n\n", StringComparison.Ordinal) + 1)]).Value;
                Assert.Equal((ulong)treeSize, body.Size);
                Assert.Equal(c.Str("root_hex"), TestTrees.Hex(body.RootHash));
                foreach (var tile in c.GetProperty("tiles").EnumerateObject())
                {
                    var tileId = TilePath.ParseTile(tile.Name).Value;
                    Assert.Contains(tileId, TileLayout.Tiles(treeSize));
                    Assert.Equal(tile.Value.GetString(), TestTrees.Hex(TileLayout.Read(tileId, treeSize, tree)));
                }

                break;
            default:
                Assert.Fail($"unknown case kind {c.Str("kind")}");
                break;
        }
    }
}
