namespace Liaison.Cli.Tests;

/// <summary>Commands that need no server: configuration checks, conformance, bootstrap, and usage errors.</summary>
public sealed class LocalCommandTests
{
    private static string RepoFile(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Liaison.slnx")))
        {
            directory = directory.Parent;
        }

        return Path.Combine([directory!.FullName, .. parts]);
    }

    [Fact]
    public async Task ConfigCheck_DemoConfiguration_Ok()
    {
        using var config = new TempFolder();

        var result = await CliRun.RunAsync(config.Path, ["config", "check", RepoFile("config", "israel-syria.json")]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("4 parties", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigCheck_BrokenConfiguration_EveryProblemWithFileAndPath()
    {
        using var config = new TempFolder();
        var file = config.Sub("broken.json");
        var text = (await File.ReadAllTextAsync(RepoFile("config", "israel-syria.json"), TestContext.Current.CancellationToken))
            .Replace("\"kind\": \"convener\"", "\"kind\": \"chair\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, text, TestContext.Current.CancellationToken);

        var result = await CliRun.RunAsync(config.Path, ["config", "check", file]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.ErrLines, line => line.Contains("broken.json: $.parties[", StringComparison.Ordinal) && line.Contains("kind", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConfigCheck_ZoneFileWithASelfIntersectingPolygon_NamesTheZoneAndWhere()
    {
        using var config = new TempFolder();
        var zones = Directory.CreateDirectory(config.Sub("zones")).FullName;
        File.Copy(RepoFile("config", "israel-syria.json"), config.Sub("israel-syria.json"));
        foreach (var source in Directory.GetFiles(RepoFile("config", "zones"), "*.geojson"))
        {
            File.Copy(source, Path.Combine(zones, Path.GetFileName(source)));
        }

        await File.WriteAllTextAsync(Path.Combine(zones, "ne_undof_zone.geojson"),
            """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[35,33],[36,34],[36,33],[35,34],[35,33]]]}}]}""",
            TestContext.Current.CancellationToken);

        var result = await CliRun.RunAsync(config.Path, ["config", "check", config.Sub("israel-syria.json")]);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrLines);
        Assert.Contains("Zone 'aos'", line, StringComparison.Ordinal);
        Assert.Contains("self-intersection at (35.5, 33.5)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigCheck_MissingFile_ExitOne()
    {
        using var config = new TempFolder();

        var result = await CliRun.RunAsync(config.Path, ["config", "check", config.Sub("nope.json")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.ErrLines);
    }

    [Fact]
    public async Task Conformance_ProjectVectors_AllPassLastLineCounts()
    {
        using var config = new TempFolder();

        var result = await CliRun.RunAsync(config.Path, ["conformance", RepoFile("tests", "fixtures", "vectors")]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("1261 passed, 0 failed", result.Out.TrimEnd().Split('\n')[^1]);
    }

    [Fact]
    public async Task Conformance_TamperedVector_FailsExitOne()
    {
        using var config = new TempFolder();
        var source = RepoFile("tests", "fixtures", "vectors", "merkle", "hash_primitives.json");
        var copy = Directory.CreateDirectory(config.Sub("vectors")).FullName;
        var text = await File.ReadAllTextAsync(source, TestContext.Current.CancellationToken);
        var tampered = text.Replace("\"expected_hex\": \"e3b0", "\"expected_hex\": \"f3b0", StringComparison.Ordinal);
        Assert.NotEqual(text, tampered);
        await File.WriteAllTextAsync(Path.Combine(copy, "hash_primitives.json"), tampered, TestContext.Current.CancellationToken);

        var result = await CliRun.RunAsync(config.Path, ["conformance", copy]);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches("^[0-9]+ passed, [1-9][0-9]* failed$", result.Out.TrimEnd().Split('\n')[^1]);
    }

    [Fact]
    public async Task AdminInit_EmptyFolder_AdministratorsAndRootKeys_SecondInitRefused()
    {
        using var folder = new TempFolder();

        var first = await CliRun.RunAsync(folder.Path, ["admin", "init", "--config", RepoFile("config", "israel-syria.json"), "--data", folder.Sub("data"), "--json"]);
        var second = await CliRun.RunAsync(folder.Path, ["admin", "init", "--config", RepoFile("config", "israel-syria.json"), "--data", folder.Sub("data")]);

        Assert.Equal(0, first.ExitCode);
        foreach (var admin in new[] { "isr-admin", "syr-admin", "usa-admin", "undof-admin" })
        {
            Assert.Contains(admin, first.Out, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(folder.Sub("data"), "keys", "roots", "isr.key")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder.Sub("data"), "keys", "roots", "isr.key")));
        }

        Assert.Equal(1, second.ExitCode);
        Assert.Contains("already holds a mechanism", second.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("entries", "list", "--limit", "many")]
    [InlineData("keys", "revoke", "abc")]
    public async Task Usage_BadArguments_OneLineExitTwo(params string[] args)
    {
        using var config = new TempFolder();

        var result = await CliRun.RunAsync(config.Path, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrLines);
    }

    [Fact]
    public async Task ClientCommand_NoProfile_ExitTwo()
    {
        using var config = new TempFolder();

        var result = await CliRun.RunAsync(config.Path, ["entries", "list"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("liaison login", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientCommand_ServerUnreachable_OneLineExitOne()
    {
        using var config = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(config.Path, "profiles.json"), $$$"""{"profiles":{"p":{"server":"http://127.0.0.1:{{{ServerProcess.FreePort()}}}","user":"u","token":"lia_x","keyFile":null}},"default":"p"}""", TestContext.Current.CancellationToken);

        var result = await CliRun.RunAsync(config.Path, ["entries", "list"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.ErrLines);
        Assert.Contains("cannot reach", result.Err, StringComparison.Ordinal);
    }
}
