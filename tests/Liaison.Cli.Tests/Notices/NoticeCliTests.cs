using System.Globalization;
using System.Text.Json;

namespace Liaison.Cli.Tests.Notices;

/// <summary>
/// <c>liaison notice</c> against a real demo server process, as the issue's "done when" tries it: a Syrian officer files
/// a ground movement that overlaps the demo's Israeli engineering works and brings too many tanks into the 10 km band,
/// a late air notice shows its shortfall, the Israeli officer lists and acknowledges. The example areas are copies of
/// <c>examples/areas/</c> in the test output (see the csproj). Only the syr-officer and isr-officer profiles file and
/// answer, and each test works on the notices it filed.
/// </summary>
[Collection(DemoServerCollection.Name)]
public sealed class NoticeCliTests(DemoServerFixture server)
{
    private static readonly string EastOfQuneitra = Path.Combine(AppContext.BaseDirectory, "areas", "east-of-quneitra.geojson");
    private static readonly string GolanWest = Path.Combine(AppContext.BaseDirectory, "areas", "golan-west-sortie.geojson");

    [Fact]
    public async Task File_GroundMovementEastOfQuneitra_IdNotLateOverlapAndBandCap()
    {
        var filed = await server.RunAsync("--profile", "syr-officer", "notice", "file", "--kind", "ground-movement", "--area", EastOfQuneitra,
            "--from", "now+2d", "--to", "now+3d", "--asset", "troops=900", "--asset", "tanks=80", "--json");

        Assert.True(filed.ExitCode == 0, filed.Err);
        var answer = Json(filed.Out);
        var id = answer.GetProperty("id").GetInt64();
        Assert.Equal(answer.GetProperty("entry").GetProperty("seq").GetInt64(), id);
        Assert.Equal("SYR", answer.GetProperty("party").GetString());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("late").ValueKind);
        var works = await DemoWorksAsync();
        var overlap = Conflict(answer, "notice-overlap", c => Ids(c).Contains(works));
        Assert.Equal([works], Ids(overlap));
        var cap = Conflict(answer, "zone-limit-exceeded", c => c.GetProperty("zones").EnumerateArray().Any(z => z.GetString() == "aol-10km"));
        Assert.Contains("tanks", cap.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("75", cap.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_LateAirSortie_ShowsItsShortfall()
    {
        var filed = await server.RunAsync("--profile", "isr-officer", "notice", "file", "--kind", "air-sortie", "--area", GolanWest,
            "--from", "now+20m", "--to", "now+2h", "--altitude", "3000-9000", "--asset", "aircraft=2", "--json");

        Assert.True(filed.ExitCode == 0, filed.Err);
        var late = Json(filed.Out).GetProperty("late");
        Assert.Equal("air-near-separation", late.GetProperty("rule").GetString());
        Assert.Equal("PT1H", late.GetProperty("requiredLead").GetString());

        // The window starts 20 minutes after the CLI's clock (whole seconds), the server files it a moment later.
        var shortfall = late.GetProperty("shortfallSeconds").GetInt64();
        Assert.InRange(shortfall, 2400, 2460);
        Assert.StartsWith("PT40M", late.GetProperty("shortfall").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_LateAirSortie_TextAnswerSaysLate()
    {
        var filed = await server.RunAsync("--profile", "isr-officer", "notice", "file", "--kind", "uav", "--area", GolanWest,
            "--from", "now+20m", "--to", "now+1h", "--altitude", "500-3000", "--asset", "uav=1");

        Assert.True(filed.ExitCode == 0, filed.Err);
        Assert.Contains("Recorded as entry", filed.Out, StringComparison.Ordinal);
        Assert.Contains("LATE by 40 min", filed.Out, StringComparison.Ordinal);
        Assert.Contains("rule air-near-separation", filed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_AsIsraeliOfficer_ContainsTheSyrianNotice()
    {
        var id = await FileMovementAsync();

        var listed = await server.RunAsync("--profile", "isr-officer", "notice", "list", "--json");
        var active = await server.RunAsync("--profile", "isr-officer", "notice", "list", "--active", "--json");

        Assert.True(listed.ExitCode == 0, listed.Err);
        var notice = Assert.Single(Json(listed.Out).EnumerateArray(), n => n.GetProperty("id").GetInt64() == id);
        Assert.Equal("SYR", notice.GetProperty("party").GetString());
        Assert.Equal("filed", notice.GetProperty("status").GetString());
        Assert.Contains(Json(active.Out).EnumerateArray(), n => n.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task List_Table_ShowsTheNoticeAndItsConflicts()
    {
        var id = await FileMovementAsync();

        var listed = await server.RunAsync("--profile", "isr-officer", "notice", "list");

        Assert.True(listed.ExitCode == 0, listed.Err);
        var row = Assert.Single(listed.Out.Split('\n'), l => l.Contains($" {Id(id)} ", StringComparison.Ordinal));
        Assert.Contains("ground-movement", row, StringComparison.Ordinal);
        Assert.Contains("notice-overlap", listed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ack_AsIsraeliOfficer_AcknowledgedSecondAckFailsWithOneLine()
    {
        var id = await FileMovementAsync();

        var ack = await server.RunAsync("--profile", "isr-officer", "notice", "ack", Id(id), "--json");
        var sizeBefore = await RecordSizeAsync();
        var again = await server.RunAsync("--profile", "isr-officer", "notice", "ack", Id(id));

        Assert.True(ack.ExitCode == 0, ack.Err);
        var answered = Json(ack.Out);
        Assert.Equal("acknowledged", answered.GetProperty("status").GetString());
        var response = Assert.Single(answered.GetProperty("responses").EnumerateArray());
        Assert.Equal("ISR", response.GetProperty("party").GetString());
        Assert.Equal("ack", response.GetProperty("kind").GetString());
        Assert.Equal(1, again.ExitCode);
        var line = Assert.Single(again.ErrLines);
        Assert.Contains("already", line, StringComparison.Ordinal);
        Assert.Equal(sizeBefore, await RecordSizeAsync());
        Assert.Equal("acknowledged", Json((await server.RunAsync("--profile", "syr-officer", "notice", "show", Id(id), "--json")).Out).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Object_AsIsraeliOfficer_ObjectedWithReason()
    {
        var id = await FileMovementAsync();

        var objection = await server.RunAsync("--profile", "isr-officer", "notice", "object", Id(id), "--reason", "Beyond the band's limits.");

        Assert.True(objection.ExitCode == 0, objection.Err);
        Assert.Contains("objected", objection.Out, StringComparison.Ordinal);
        Assert.Contains("Beyond the band's limits.", objection.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_OwnNotice_CancelledAnotherPartysFails()
    {
        var id = await FileMovementAsync();

        var foreign = await server.RunAsync("--profile", "isr-officer", "notice", "cancel", Id(id), "--reason", "Not ours.");
        var own = await server.RunAsync("--profile", "syr-officer", "notice", "cancel", Id(id), "--reason", "Rotation postponed.", "--json");

        Assert.Equal(1, foreign.ExitCode);
        Assert.Single(foreign.ErrLines);
        Assert.True(own.ExitCode == 0, own.Err);
        Assert.Equal("cancelled", Json(own.Out).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ack_OwnNotice_FailsWithOneLine()
    {
        var id = await FileMovementAsync();

        var ack = await server.RunAsync("--profile", "syr-officer", "notice", "ack", Id(id));

        Assert.Equal(1, ack.ExitCode);
        Assert.Single(ack.ErrLines);
    }

    [Fact]
    public async Task Ack_UnknownNotice_FailsWithOneLineNamingIt()
    {
        var ack = await server.RunAsync("--profile", "isr-officer", "notice", "ack", "99999999");

        Assert.Equal(1, ack.ExitCode);
        Assert.Contains("99999999", Assert.Single(ack.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_UnreadableAreaFile_OneLineNothingRecorded()
    {
        var missing = Path.Combine(Path.GetTempPath(), "liaison-no-such-area-" + Guid.NewGuid().ToString("N") + ".geojson");
        var sizeBefore = await RecordSizeAsync();

        var filed = await server.RunAsync("--profile", "syr-officer", "notice", "file", "--kind", "naval", "--area", missing, "--from", "now+2d", "--to", "now+3d");

        Assert.NotEqual(0, filed.ExitCode);
        Assert.Contains(missing, Assert.Single(filed.ErrLines), StringComparison.Ordinal);
        Assert.Equal(sizeBefore, await RecordSizeAsync());
    }

    [Fact]
    public async Task File_InvalidGeometry_OneLineNothingRecorded()
    {
        var bowtie = Path.Combine(Path.GetTempPath(), "liaison-bowtie-" + Guid.NewGuid().ToString("N") + ".geojson");
        await File.WriteAllTextAsync(bowtie, """{"type":"Polygon","coordinates":[[[35.90,33.10],[35.95,33.15],[35.95,33.10],[35.90,33.15],[35.90,33.10]]]}""", TestContext.Current.CancellationToken);
        try
        {
            var sizeBefore = await RecordSizeAsync();

            var filed = await server.RunAsync("--profile", "syr-officer", "notice", "file", "--kind", "naval", "--area", bowtie, "--from", "now+2d", "--to", "now+3d");

            Assert.NotEqual(0, filed.ExitCode);
            Assert.Contains("self-intersection", Assert.Single(filed.ErrLines), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(sizeBefore, await RecordSizeAsync());
        }
        finally
        {
            File.Delete(bowtie);
        }
    }

    [Theory]
    [InlineData("--altitude", "9000-100", "altitude")]
    [InlineData("--altitude", "high", "--altitude")]
    [InlineData("--from", "yesterday", "--from")]
    [InlineData("--to", "2026-13-40", "--to")]
    [InlineData("--asset", "tanks=many", "--asset")]
    public async Task File_BadInput_OneLineNonZeroExitNothingRecorded(string option, string value, string named)
    {
        var args = new List<string> { "--profile", "isr-officer", "notice", "file", "--kind", "air-sortie", "--area", GolanWest, "--from", "now+2d", "--to", "now+3d", "--altitude", "3000-9000" };
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var sizeBefore = await RecordSizeAsync();

        var filed = await server.RunAsync([.. args]);

        Assert.NotEqual(0, filed.ExitCode);
        Assert.Contains(named, Assert.Single(filed.ErrLines), StringComparison.Ordinal);
        Assert.Equal(sizeBefore, await RecordSizeAsync());
    }

    [Fact]
    public async Task AckAndAmend_NoticeKeptFromTheObserver_GoToTheNoticesAudience()
    {
        // A notice filed without UNDOF (through `entries submit`, as the map's form may); answering and amending it
        // through `notice` addresses exactly its audience, which the server requires of an amendment.
        var start = TimeProvider.System.GetUtcNow().AddDays(3);
        using var folder = new TempFolder();
        var file = folder.Sub("notice.json");
        await File.WriteAllTextAsync(file, new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "notice.file",
            ["kind"] = "engineering-works",
            ["area"] = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(EastOfQuneitra, TestContext.Current.CancellationToken))!["geometry"]!.DeepClone(),
            ["window"] = new System.Text.Json.Nodes.JsonObject { ["start"] = Rfc3339(start), ["end"] = Rfc3339(start.AddHours(5)) },
            ["text"] = "CLI notice test " + Guid.NewGuid().ToString("N"),
            ["lang"] = "en",
        }.ToJsonString(), TestContext.Current.CancellationToken);
        var filed = await server.RunAsync("--profile", "syr-officer", "entries", "submit", file, "--audience", "ISR,SYR,USA", "--json");
        Assert.True(filed.ExitCode == 0, filed.Err);
        var id = Json(filed.Out).GetProperty("seq").GetInt64();

        var ack = await server.RunAsync("--profile", "isr-officer", "notice", "ack", Id(id), "--json");
        var amended = await server.RunAsync("--profile", "syr-officer", "notice", "file", "--kind", "engineering-works", "--area", EastOfQuneitra,
            "--from", Rfc3339(start), "--to", Rfc3339(start.AddHours(6)), "--replaces", Id(id), "--json");

        Assert.True(ack.ExitCode == 0, ack.Err);
        Assert.True(amended.ExitCode == 0, amended.Err);
        var amendment = Json(amended.Out);
        Assert.Equal((2, id), (amendment.GetProperty("version").GetInt32(), amendment.GetProperty("replaces").GetInt64()));
        foreach (var seq in new[] { Json(ack.Out).GetProperty("entry").GetProperty("seq").GetInt64(), amendment.GetProperty("id").GetInt64() })
        {
            var listed = await server.RunAsync("--profile", "usa-mediator", "entries", "list", "--after", Id(seq - 1), "--limit", "1", "--json");
            var entry = Json(listed.Out).GetProperty("entries")[0];
            Assert.Equal(seq, entry.GetProperty("seq").GetInt64());
            Assert.Equal(["ISR", "SYR", "USA"], entry.GetProperty("audience").EnumerateArray().Select(p => p.GetString()!));
        }
    }

    /// <summary>Files, as syr-officer, the issue's ground movement east of Quneitra; returns its id.</summary>
    private async Task<long> FileMovementAsync()
    {
        var filed = await server.RunAsync("--profile", "syr-officer", "notice", "file", "--kind", "ground-movement", "--area", EastOfQuneitra,
            "--from", "now+2d", "--to", "now+3d", "--asset", "troops=900", "--asset", "tanks=80", "--text", "CLI notice test " + Guid.NewGuid().ToString("N"), "--json");
        Assert.True(filed.ExitCode == 0, filed.Err);
        return Json(filed.Out).GetProperty("id").GetInt64();
    }

    /// <summary>The id of the demo's Israeli engineering-works notice east of the line.</summary>
    private async Task<long> DemoWorksAsync()
    {
        var listed = await server.RunAsync("--profile", "isr-officer", "notice", "list", "--json");
        Assert.True(listed.ExitCode == 0, listed.Err);
        return Assert.Single(
            Json(listed.Out).EnumerateArray(),
            n => n.GetProperty("party").GetString() == "ISR" && n.GetProperty("kind").GetString() == "engineering-works"
                && n.GetProperty("text").GetString()!.StartsWith("Field fortifications", StringComparison.Ordinal)).GetProperty("id").GetInt64();
    }

    private async Task<long> RecordSizeAsync()
    {
        var result = await server.RunAsync("--profile", "usa-mediator", "entries", "list", "--limit", "1", "--json");
        Assert.True(result.ExitCode == 0, result.Err);
        return Json(result.Out).GetProperty("recordSize").GetInt64();
    }

    private static JsonElement Conflict(JsonElement view, string code, Func<JsonElement, bool> match)
    {
        var found = view.GetProperty("conflicts").EnumerateArray().FirstOrDefault(c => c.GetProperty("code").GetString() == code && match(c));
        Assert.True(found.ValueKind == JsonValueKind.Object, $"No matching {code} conflict among {view.GetProperty("conflicts")}.");
        return found;
    }

    private static List<long> Ids(JsonElement conflict) => [.. conflict.GetProperty("notices").EnumerateArray().Select(n => n.GetInt64())];

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Rfc3339(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
