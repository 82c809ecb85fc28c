using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Liaison.Cli.Tests;

/// <summary>
/// <c>liaison replay</c> against the demo server: every projection folded afresh from the entries each party may read
/// matches what the server's live books show that party; a data folder's fold matches the books the server loads from
/// it; a payload changed under the server's feet is named by its projection.
/// </summary>
[Collection(DemoServerCollection.Name)]
public sealed class ReplayTests(DemoServerFixture server)
{
    private static readonly string[] Projections = ["keys", "hotline", "notices", "incidents", "disputes", "verification"];

    [Theory]
    [InlineData("isr-officer", "ISR")]
    [InlineData("syr-officer", "SYR")]
    [InlineData("usa-mediator", "USA")]
    public async Task Replay_DemoServer_EveryProjectionMatchesForTheParty(string profile, string party)
    {
        var result = await server.RunAsync("--profile", profile, "replay", "--json");

        Assert.True(result.ExitCode == 0, result.Out + result.Err);
        var report = JsonDocument.Parse(result.Out).RootElement;
        Assert.True(report.GetProperty("match").GetBoolean());
        Assert.Equal(report.GetProperty("digest").GetString(), report.GetProperty("compared").GetString());
        Assert.Equal((party, "live"), (report.GetProperty("viewer").GetString(), report.GetProperty("source").GetString()));
        Assert.Equal(Projections, report.GetProperty("projections").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.All(report.GetProperty("projections").EnumerateArray(), p =>
        {
            Assert.True(p.GetProperty("match").GetBoolean());
            Assert.Equal(p.GetProperty("digest").GetString(), p.GetProperty("compared").GetString());
        });
        Assert.Empty(report.GetProperty("mismatched").EnumerateArray());
        Assert.True(report.GetProperty("projections").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "hotline").GetProperty("count").GetInt32() > 0);
    }

    [Theory]
    [InlineData(null, "USA")]
    [InlineData("SYR", "SYR")]
    public async Task Replay_DataFolder_MatchesTheBooksTheServerLoads(string? party, string viewer)
    {
        string[] args = party is null
            ? ["replay", "--data", server.Server.DataDirectory, "--json"]
            : ["replay", "--data", server.Server.DataDirectory, "--party", party, "--json"];

        var result = await server.RunAsync(args);

        Assert.True(result.ExitCode == 0, result.Out + result.Err);
        var report = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal((viewer, "load", true), (report.GetProperty("viewer").GetString(), report.GetProperty("source").GetString(), report.GetProperty("match").GetBoolean()));
    }

    [Fact]
    public async Task Replay_AsTheObserver_AfterANoticeKeptFromIt_EveryProjectionMatches()
    {
        // ISR's notice kept from UNDOF overlaps SYR's notice UNDOF reads: the parties see the overlap, UNDOF's view and
        // its replay do not (docs/replay.md), from the server and from the data folder alike.
        var start = TimeProvider.System.GetUtcNow().AddDays(11);
        using var folder = new TempFolder();
        long? hidden = null;
        foreach (var (profile, audience) in new[] { ("isr-officer", "ISR,SYR,USA"), ("syr-officer", "ISR,SYR,USA,UNDOF") })
        {
            var file = folder.Sub(profile + ".json");
            await File.WriteAllTextAsync(file, $$"""
                {"type":"notice.file","kind":"engineering-works","area":{"type":"Polygon","coordinates":[[[36.40,35.40],[36.41,35.40],[36.41,35.41],[36.40,35.40]]]},
                 "window":{"start":"{{start:yyyy-MM-ddTHH:mm:ssZ}}","end":"{{start.AddHours(4):yyyy-MM-ddTHH:mm:ssZ}}"},"text":"Replay test {{Guid.NewGuid():N}}","lang":"en"}
                """, TestContext.Current.CancellationToken);
            var filed = await server.RunAsync("--profile", profile, "entries", "submit", file, "--audience", audience, "--json");
            Assert.True(filed.ExitCode == 0, filed.Err);
            hidden ??= JsonDocument.Parse(filed.Out).RootElement.GetProperty("seq").GetInt64();
        }

        var live = await server.RunAsync("--profile", "undof-observer", "replay", "--json");
        var stored = await server.RunAsync("replay", "--data", server.Server.DataDirectory, "--party", "UNDOF", "--json");
        var seen = await server.RunAsync("--profile", "isr-officer", "notice", "list", "--json");

        foreach (var result in new[] { live, stored })
        {
            Assert.True(result.ExitCode == 0, result.Out + result.Err);
            var report = JsonDocument.Parse(result.Out).RootElement;
            Assert.Equal(("UNDOF", true), (report.GetProperty("viewer").GetString(), report.GetProperty("match").GetBoolean()));
        }

        Assert.Contains(JsonDocument.Parse(seen.Out).RootElement.EnumerateArray(), n => n.GetProperty("conflicts").EnumerateArray()
            .Any(c => c.GetProperty("notices").EnumerateArray().Any(id => id.GetInt64() == hidden)));
    }

    [Fact]
    public async Task Replay_MessageChangedUnderTheServer_MismatchNamesTheHotline()
    {
        using var folder = new TempFolder();
        await using var own = await ServerProcess.StartAsync(folder.Sub("data"), folder.Sub("config"), demo: true, TestContext.Current.CancellationToken);
        var before = await CliRun.RunAsync(folder.Sub("config"), ["--profile", "syr-officer", "replay"]);
        Assert.True(before.ExitCode == 0, before.Out + before.Err);

        // The live hotline book was folded from the original payload; the entries now say something else.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder.Sub("data"), "liaison.db")};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE entries SET Payload = CAST(replace(CAST(Payload AS TEXT), '\"subject\":\"', '\"subject\":\"Altered: ') AS BLOB) WHERE Seq = (SELECT MIN(Seq) FROM entries WHERE Type = 'message.send')";
            Assert.Equal(1, await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }

        var text = await CliRun.RunAsync(folder.Sub("config"), ["--profile", "syr-officer", "replay"]);
        var json = await CliRun.RunAsync(folder.Sub("config"), ["--profile", "isr-officer", "replay", "--json"]);

        Assert.Equal(1, text.ExitCode);
        Assert.Contains(text.Out.Split('\n'), line => line.TrimStart().StartsWith("hotline", StringComparison.Ordinal) && line.Contains("MISMATCH", StringComparison.Ordinal));
        Assert.Contains(text.Out.Split('\n'), line => line.TrimStart().StartsWith("notices", StringComparison.Ordinal) && line.TrimEnd().EndsWith("match", StringComparison.Ordinal));
        Assert.Equal("liaison: the state replayed from the entries differs from the server in hotline.", text.ErrLines.Single());
        Assert.Equal(1, json.ExitCode);
        var report = JsonDocument.Parse(json.Out).RootElement;
        Assert.False(report.GetProperty("match").GetBoolean());
        Assert.Equal(["hotline"], report.GetProperty("mismatched").EnumerateArray().Select(p => p.GetString()));

        // A zone file changed in the folder is not the one the establish entry recorded: no replay with it.
        var zone = Directory.GetFiles(Path.Combine(folder.Sub("data"), "mechanism"), "*.geojson", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        await File.AppendAllTextAsync(zone, "\n", TestContext.Current.CancellationToken);
        var zonesChanged = await CliRun.RunAsync(folder.Sub("config"), ["replay", "--data", folder.Sub("data")]);
        Assert.Equal(2, zonesChanged.ExitCode);
        Assert.Contains("is not the one the mechanism was established with", zonesChanged.ErrLines.Single(), StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(zone), zonesChanged.ErrLines.Single(), StringComparison.Ordinal);
    }
}
