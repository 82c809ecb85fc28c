using Liaison.Ledger.Conformance;

namespace Liaison.Ledger.Tests.Conformance;

public sealed class ConformanceRunnerReportTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("liaison-vectors-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void Run_UnknownKindAndUnreadableFile_ReportsThemWithoutRunning()
    {
        Write("a/unknown.json", """{"kind":"merkle/something_new","cases":[{"id":"x"}]}""");
        Write("b/broken.json", "{ not json");

        var report = ConformanceRunner.Run(_directory.FullName);

        Assert.Equal(["a/unknown.json", "b/broken.json"], report.Files.Select(f => f.Path));
        Assert.Equal("merkle/something_new", report.Files[0].Kind);
        Assert.All(report.Files, f => Assert.NotNull(f.Error));
        Assert.Equal(0, report.Total);
        Assert.False(report.Succeeded);
    }

    [Fact]
    public void Run_WrongExpectationAndMissingField_ReportsEachFailingCaseWithItsId()
    {
        Write("roots.json", """
            {"kind":"merkle/hash_primitives","cases":[
              {"id":"good","kind":"empty_tree_root","expected_hex":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
              {"id":"wrong","kind":"empty_tree_root","expected_hex":"00"},
              {"id":"missing","kind":"leaf_hash"}
            ]}
            """);

        var file = Assert.Single(ConformanceRunner.Run(_directory.FullName).Files);

        Assert.Equal(1, file.Passed);
        Assert.Equal(2, file.Failed);
        Assert.Equal(["wrong", "missing"], file.Failures.Select(f => f.CaseId));
        Assert.Null(file.Error);
    }

    [Fact]
    public void Run_TiledTreeWithEntryBundle_ChecksHashTilesAndEntries()
    {
        var inputs = Enumerable.Range(0, 3).Select(i => System.Text.Encoding.ASCII.GetBytes($"record {i}")).ToList();
        var leaves = inputs.Select(i => Liaison.Ledger.Merkle.Rfc6962.HashLeaf(i)).ToList();
        var bundle = string.Concat(inputs.Select(i => "0008" + TestTrees.Hex(i)));
        var root = Liaison.Ledger.Merkle.MerkleTree.Root(leaves);
        Write("tiles.json", $$$"""
            {"kind":"merkle/tiles","cases":[{"id":"t","kind":"tiled_tree","leaf_input_format":"ASCII \"record %d\" for i = 0..2",
              "tree_size":3,"root_hex":"{{{TestTrees.Hex(root)}}}","root_b64":"{{{Convert.ToBase64String(root)}}}",
              "tiles":{"tile/0/000.p/3":"{{{string.Concat(leaves.Select(l => TestTrees.Hex(l)))}}}","tile/entries/000.p/3":"{{{bundle}}}"}}]}
            """);

        var file = Assert.Single(ConformanceRunner.Run(_directory.FullName).Files);

        Assert.Equal(1, file.Passed);
    }

    [Fact]
    public void Run_MissingDirectory_ReportsErrorWithoutThrowing()
    {
        var report = ConformanceRunner.Run(Path.Combine(_directory.FullName, "absent"));

        Assert.NotNull(report.Error);
        Assert.Empty(report.Files);
        Assert.False(report.Succeeded);
    }

    [Fact]
    public void SupportedKinds_CoverEveryFixtureKind()
    {
        var kinds = ConformanceRunner.Run(Vectors.Directory).Files.Select(f => f.Kind).Distinct();

        Assert.All(kinds, k => Assert.Contains(k, ConformanceRunner.SupportedKinds));
    }

    private void Write(string relativePath, string json)
    {
        var path = Path.Combine(_directory.FullName, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
    }
}
