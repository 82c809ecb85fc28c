using System.Globalization;
using System.Text.Json;

namespace Liaison.Cli.Tests.Disputes;

/// <summary>
/// <c>liaison dispute</c> and <c>liaison verification</c> against a real demo server process: Syria opens a dispute,
/// Israel replies, Syria escalates, the convener records a finding; a party requests a visit and an observer reports it.
/// Each bad input is one plain line, a non-zero exit and nothing stored. Each test works on what it made.
/// </summary>
[Collection(DemoServerCollection.Name)]
public sealed class DisputeCliTests(DemoServerFixture server)
{
    [Fact]
    public async Task OpenReplyEscalateFinding_TheWholeLadderFromTheCli()
    {
        var opened = await server.RunAsync("--profile", "syr-officer", "dispute", "open", "--respondent", "ISR", "--breach", "isr-strikes-self-defence-only",
            "--claim", Unique("A strike in As-Suwayda without a self-defence notice in time."), "--json");
        Assert.True(opened.ExitCode == 0, opened.Err);
        var view = Json(opened.Out);
        var id = view.GetProperty("id").GetInt64();
        Assert.Equal(view.GetProperty("entry").GetProperty("seq").GetInt64(), id);
        Assert.Equal(("SYR", "ISR", "awaiting-reply", "working"), (view.GetProperty("claimant").GetString(), view.GetProperty("respondent").GetString(), view.GetProperty("status").GetString(), view.GetProperty("level").GetString()));

        var replied = await server.RunAsync("--profile", "isr-officer", "dispute", "reply", Id(id), "--text", "The strike was in self-defence; the notice was filed.", "--json");
        Assert.True(replied.ExitCode == 0, replied.Err);
        Assert.Equal("replied", Json(replied.Out).GetProperty("status").GetString());

        var escalated = await server.RunAsync("--profile", "syr-officer", "dispute", "escalate", Id(id), "--reason", "The notice came after the grace period.", "--json");
        Assert.True(escalated.ExitCode == 0, escalated.Err);
        Assert.Equal(("senior", "awaiting-reply"), (Json(escalated.Out).GetProperty("level").GetString(), Json(escalated.Out).GetProperty("status").GetString()));

        var found = await server.RunAsync("--profile", "usa-mediator", "dispute", "finding", Id(id), "--outcome", "substantiated",
            "--reason", "The notice was filed after the grace period.", "--remedy", "File self-defence notices within the hour.", "--major");
        Assert.True(found.ExitCode == 0, found.Err);
        Assert.Contains("Recorded as entry", found.Out, StringComparison.Ordinal);
        Assert.Contains("FINDING", found.Out, StringComparison.Ordinal);
        Assert.Contains("substantiated, major", found.Out, StringComparison.Ordinal);

        var shown = await server.RunAsync("--profile", "isr-officer", "dispute", "show", Id(id));
        Assert.True(shown.ExitCode == 0, shown.Err);
        Assert.Contains($"Dispute {id}: SYR against ISR, decided at the senior level", shown.Out, StringComparison.Ordinal);
        Assert.Contains("working → [senior] → convener", shown.Out, StringComparison.Ordinal);
        Assert.Contains("escalated working → senior", shown.Out, StringComparison.Ordinal);
        var listed = await server.RunAsync("--profile", "syr-officer", "dispute", "list", "--party", "ISR", "--json");
        var item = Assert.Single(Json(listed.Out).EnumerateArray(), d => d.GetProperty("id").GetInt64() == id);
        Assert.True(item.GetProperty("finding").GetProperty("major").GetBoolean());
    }

    [Fact]
    public async Task BadInput_OneLineNonZeroExitNothingStored()
    {
        var opened = await server.RunAsync("--profile", "syr-officer", "dispute", "open", "--respondent", "ISR", "--breach", "ref:1974 Agreement, article 1", "--claim", Unique("Shelling near Quneitra."), "--json");
        Assert.True(opened.ExitCode == 0, opened.Err);
        var id = Json(opened.Out).GetProperty("id").GetInt64();
        Assert.Equal("1974 Agreement, article 1", Json(opened.Out).GetProperty("breach").GetProperty("ref").GetString());
        var size = await RecordSizeAsync();

        await AssertOneLineAsync(1, "mediator", "--profile", "isr-commander", "dispute", "finding", Id(id), "--outcome", "unsubstantiated", "--reason", "r", "--remedy", "m");
        await AssertOneLineAsync(2, "--outcome", "--profile", "usa-mediator", "dispute", "finding", Id(id), "--outcome", "guilty", "--reason", "r", "--remedy", "m");
        await AssertOneLineAsync(1, "respondent", "--profile", "syr-officer", "dispute", "open", "--respondent", "SYR", "--breach", "ref:x", "--claim", Unique("Own party."));
        await AssertOneLineAsync(1, "commitment", "--profile", "syr-officer", "dispute", "open", "--respondent", "ISR", "--breach", "no-such-commitment", "--claim", Unique("Unknown."));
        await AssertOneLineAsync(1, "incident", "--profile", "syr-officer", "dispute", "open", "--respondent", "ISR", "--breach", "ref:x", "--incident", Id(id), "--claim", Unique("Not an incident."));
        await AssertOneLineAsync(1, "respondent", "--profile", "syr-officer", "dispute", "reply", Id(id), "--text", "Only the respondent replies.");
        await AssertOneLineAsync(1, "no dispute", "--profile", "isr-officer", "dispute", "reply", Id(id + 100_000), "--text", "Unknown.");
        await AssertOneLineAsync(2, "no-such-file", "--profile", "syr-officer", "dispute", "open", "--respondent", "ISR", "--breach", "ref:x", "--claim", Unique("Evidence missing."), "--evidence", "no-such-file.jpg");

        Assert.Equal(size, await RecordSizeAsync());
    }

    [Fact]
    public async Task Evidence_UploadedAndListedWithTheDispute()
    {
        using var folder = new TempFolder();
        var photo = folder.Sub("crater.jpg");
        await File.WriteAllBytesAsync(photo, [0xFF, 0xD8, 0xFF, .. Guid.NewGuid().ToByteArray()], TestContext.Current.CancellationToken);

        var opened = await server.RunAsync("--profile", "isr-officer", "dispute", "open", "--respondent", "SYR", "--breach", "syr-protect-druze",
            "--claim", Unique("Shelling of a Druze village."), "--evidence", photo, "--json");

        Assert.True(opened.ExitCode == 0, opened.Err);
        var evidence = Assert.Single(Json(opened.Out).GetProperty("evidence").EnumerateArray());
        Assert.Equal("crater.jpg", evidence.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Verification_RequestThenAnObserversReport_ViolationsComputedAndTheScheduleMoves()
    {
        var requested = await server.RunAsync("--profile", "syr-officer", "verification", "request", "--zone", "aos", "--reason", Unique("Armoured vehicles reported near Quneitra."), "--json");
        Assert.True(requested.ExitCode == 0, requested.Err);
        var request = Json(requested.Out);
        var id = request.GetProperty("id").GetInt64();
        Assert.Equal("open", request.GetProperty("status").GetString());

        var reported = await server.RunAsync("--profile", "undof-observer", "verification", "report", "--zone", "aos", "--request", Id(id), "--from", "now-3h", "--to", "now-1h",
            "--observed", "SYR:troops=12,tanks=2", "--observed", "ISR:troops=0", "--violation", "ISR:access-denied:The gate at the crossing was closed to the patrol.", "--text", Unique("Patrol along the line."), "--json");
        Assert.True(reported.ExitCode == 0, reported.Err);
        var report = Json(reported.Out);
        var reportId = report.GetProperty("id").GetInt64();
        Assert.Equal([("SYR", "zone-prohibited", true), ("ISR", "access-denied", false)],
            report.GetProperty("violations").EnumerateArray().Select(v => (v.GetProperty("party").GetString(), v.GetProperty("rule").GetString(), v.GetProperty("computed").GetBoolean())));

        var shown = await server.RunAsync("--profile", "isr-officer", "verification", "show", Id(reportId));
        Assert.Contains("limits: no military forces", shown.Out, StringComparison.Ordinal);
        Assert.Contains("observed SYR: 12 troops, 2 tanks", shown.Out, StringComparison.Ordinal);
        var schedule = Json((await server.RunAsync("--profile", "isr-officer", "verification", "schedule", "--json")).Out);
        var aos = schedule.GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("zone").GetString() == "aos");
        Assert.True(aos.GetProperty("lastReport").GetInt64() >= reportId);
        var listed = Json((await server.RunAsync("--profile", "syr-officer", "verification", "list", "--zone", "aos", "--json")).Out);
        Assert.Equal("answered", listed.GetProperty("requests").EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == id).GetProperty("status").GetString());
        var text = await server.RunAsync("--profile", "syr-officer", "verification", "schedule");
        Assert.True(text.ExitCode == 0, text.Err);
        Assert.Contains("aleppo-kurdish-quarters", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verification_BadInput_OneLineNonZeroExitNothingStored()
    {
        var size = await RecordSizeAsync();

        await AssertOneLineAsync(1, "golan", "--profile", "syr-officer", "verification", "request", "--zone", "golan", "--reason", Unique("Unknown zone."));
        await AssertOneLineAsync(1, "mediator", "--profile", "isr-officer", "verification", "report", "--zone", "aos", "--from", "now-2h", "--to", "now-1h", "--text", Unique("Not a reporter."));
        await AssertOneLineAsync(2, "--observed", "--profile", "usa-mediator", "verification", "report", "--zone", "aos", "--from", "now-2h", "--to", "now-1h", "--observed", "SYR", "--text", Unique("Malformed."));
        await AssertOneLineAsync(1, "jets", "--profile", "usa-mediator", "verification", "report", "--zone", "aos", "--from", "now-2h", "--to", "now-1h", "--observed", "SYR:jets=2", "--text", Unique("Unknown class."));
        await AssertOneLineAsync(1, "after now", "--profile", "usa-mediator", "verification", "report", "--zone", "aos", "--from", "now+1h", "--to", "now+2h", "--text", Unique("Future."));

        Assert.Equal(size, await RecordSizeAsync());
    }

    [Fact]
    public async Task Stats_ShowsEachSidesDisputeFigures()
    {
        var stats = await server.RunAsync("--profile", "usa-mediator", "stats");

        Assert.True(stats.ExitCode == 0, stats.Err);
        Assert.Contains("Disputes, the same computation for each side", stats.Out, StringComparison.Ordinal);
        var json = Json((await server.RunAsync("--profile", "usa-mediator", "dispute", "stats", "--json")).Out);
        Assert.Equal(["ISR", "SYR"], json.GetProperty("sides").EnumerateArray().Select(s => s.GetProperty("party").GetString()));
    }

    private async Task AssertOneLineAsync(int exitCode, string mentions, params string[] args)
    {
        var result = await server.RunAsync(args);
        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}, expected {exitCode}: {result.Err}{result.Out}");
        var line = Assert.Single(result.ErrLines);
        Assert.Contains(mentions, line, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<long> RecordSizeAsync()
    {
        var result = await server.RunAsync("--profile", "usa-mediator", "entries", "list", "--limit", "1", "--json");
        Assert.True(result.ExitCode == 0, result.Err);
        return Json(result.Out).GetProperty("recordSize").GetInt64();
    }

    private static string Unique(string text) => $"{text} ({Guid.NewGuid():N})";

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
