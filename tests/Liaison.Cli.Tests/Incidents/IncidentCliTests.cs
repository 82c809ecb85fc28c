using System.Globalization;
using System.Text.Json;

namespace Liaison.Cli.Tests.Incidents;

/// <summary>
/// <c>liaison incident</c> against a real demo server process: a Syrian officer reports from the CLI (a place name
/// resolved through the gazetteer, an evidence file uploaded first), the Israeli officer lists, acknowledges and
/// disputes, Syria refers, the convener finds; reports are linked; bad input is one line, a non-zero exit and nothing
/// recorded. Each test works on the incidents it reported.
/// </summary>
[Collection(DemoServerCollection.Name)]
public sealed class IncidentCliTests(DemoServerFixture server)
{
    [Fact]
    public async Task Report_ByPlaceWithEvidence_ThenListedAndAcknowledgedByIsrael()
    {
        var evidence = Path.Combine(Path.GetTempPath(), "liaison-crater-" + Guid.NewGuid().ToString("N") + ".txt");
        await File.WriteAllTextAsync(evidence, "Crater measurements " + Guid.NewGuid(), TestContext.Current.CancellationToken);
        try
        {
            var reported = await server.RunAsync("--profile", "syr-officer", "incident", "report", "--category", "exchange-of-fire", "--at", "now-2h",
                "--place", "Suwayda", "--grading", "B2", "--actor", "israeli-forces", "--killed", "SYR=1-2", "--wounded", "3-5", "--evidence", evidence,
                "--narrative", "تبادل لإطلاق النار", "--lang", "ar", "--json");

            Assert.True(reported.ExitCode == 0, reported.Err);
            var view = Json(reported.Out);
            var id = view.GetProperty("id").GetInt64();
            Assert.Equal(view.GetProperty("entry").GetProperty("seq").GetInt64(), id);
            Assert.Equal(("SYR", "reported", "Suwayda"), (view.GetProperty("party").GetString(), view.GetProperty("status").GetString(), view.GetProperty("placeName").GetString()));
            Assert.Equal(2, view.GetProperty("casualties").GetProperty("SYR").GetProperty("killed").GetProperty("max").GetInt32());
            Assert.Equal(5, view.GetProperty("casualties").GetProperty("civilians").GetProperty("wounded").GetProperty("max").GetInt32());
            Assert.Equal(Path.GetFileName(evidence), view.GetProperty("evidence")[0].GetProperty("name").GetString());
            Assert.InRange(view.GetProperty("point")[0].GetDouble(), 36.4, 36.9);

            var listed = await server.RunAsync("--profile", "isr-officer", "incident", "list", "--json");
            Assert.True(listed.ExitCode == 0, listed.Err);
            Assert.Contains(Json(listed.Out).GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == id);

            var ack = await server.RunAsync("--profile", "isr-officer", "incident", "ack", Id(id));
            Assert.True(ack.ExitCode == 0, ack.Err);
            Assert.Contains($"Incident {id}: exchange-of-fire reported by SYR", ack.Out, StringComparison.Ordinal);
            Assert.Contains("incident.ack by ISR", ack.Out, StringComparison.Ordinal);
            Assert.Contains("acknowledged", ack.Out, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(evidence);
        }
    }

    [Fact]
    public async Task Workflow_DisputedReferredFoundByTheConvener()
    {
        var id = await ReportAsync("syr-officer", "strike", "36.30,33.40");

        Assert.Equal(0, (await server.RunAsync("--profile", "isr-officer", "incident", "dispute", Id(id), "--reason", "No strike of ours.")).ExitCode);
        Assert.Equal(0, (await server.RunAsync("--profile", "syr-officer", "incident", "refer", Id(id))).ExitCode);
        var refused = await server.RunAsync("--profile", "isr-officer", "incident", "finding", Id(id), "--outcome", "unsubstantiated", "--reason", "We say so.");
        var found = await server.RunAsync("--profile", "usa-mediator", "incident", "finding", Id(id), "--outcome", "substantiated", "--reason", "Fragments match.", "--json");

        Assert.Equal(1, refused.ExitCode);
        Assert.Single(refused.ErrLines);
        Assert.True(found.ExitCode == 0, found.Err);
        var view = Json(found.Out);
        Assert.Equal("finding", view.GetProperty("status").GetString());
        Assert.Equal("substantiated", view.GetProperty("finding").GetProperty("outcome").GetString());
        var shown = await server.RunAsync("--profile", "undof-observer", "incident", "show", Id(id));
        Assert.Contains("incident.finding by USA (usa-mediator): substantiated", shown.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_BeforeAcknowledgement_OutOfOrderOneLine()
    {
        var id = await ReportAsync("syr-officer", "detention", "36.40,33.30");

        var review = await server.RunAsync("--profile", "isr-officer", "incident", "review", Id(id));

        Assert.Equal(1, review.ExitCode);
        Assert.Contains("reported", Assert.Single(review.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_TwoReports_OneEvent()
    {
        var syrian = await ReportAsync("syr-officer", "line-crossing", "35.95,33.20");
        var israeli = await ReportAsync("isr-officer", "line-crossing", "35.96,33.21");

        var linked = await server.RunAsync("--profile", "usa-mediator", "incident", "link", Id(syrian), Id(israeli), "--reason", "Same crossing.", "--json");

        Assert.True(linked.ExitCode == 0, linked.Err);
        Assert.Equal([syrian, israeli], Json(linked.Out).GetProperty("event").EnumerateArray().Select(e => e.GetInt64()));
        var shown = await server.RunAsync("--profile", "isr-officer", "incident", "show", Id(israeli));
        Assert.Contains($"one event with {syrian}", shown.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--category", "shelling", "category")]
    [InlineData("--grading", "G9", "grading")]
    [InlineData("--actor", "martians", "actors[0]")]
    [InlineData("--place", "Sheikh Maqsod", "Ash-Sheikh Maqsoud")]
    [InlineData("--killed", "5-2", "--killed")]
    [InlineData("--point", "north", "--point")]
    [InlineData("--at", "yesterday", "--at")]
    public async Task Report_BadInput_OneLineNonZeroExitNothingRecorded(string option, string value, string named)
    {
        var args = new List<string> { "--profile", "syr-officer", "incident", "report", "--category", "strike", "--at", "now-1h", "--grading", "B2" };
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        if (option != "--place" && option != "--point")
        {
            args.AddRange(["--point", "36.10,33.50"]);
        }

        var sizeBefore = await RecordSizeAsync();

        var reported = await server.RunAsync([.. args]);

        Assert.NotEqual(0, reported.ExitCode);
        Assert.Contains(named, Assert.Single(reported.ErrLines), StringComparison.Ordinal);
        Assert.Equal(sizeBefore, await RecordSizeAsync());
    }

    [Fact]
    public async Task Report_TwoPlaces_UsageError()
    {
        var reported = await server.RunAsync("--profile", "syr-officer", "incident", "report", "--category", "strike", "--at", "now", "--grading", "B2",
            "--point", "36.1,33.5", "--place", "Aleppo");

        Assert.Equal(2, reported.ExitCode);
        Assert.Contains("exactly one", Assert.Single(reported.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_HasTheObserversAleppoReportAndTheLinkedSuwaydaEvent()
    {
        var listed = await server.RunAsync("--profile", "usa-mediator", "incident", "list", "--limit", "500", "--json");

        Assert.True(listed.ExitCode == 0, listed.Err);
        var items = Json(listed.Out).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("party").GetString() == "UNDOF" && i.GetProperty("placeName").GetString() == "Sheikh Maqsoud");
        var suwayda = items.Where(i => i.GetProperty("placeName").GetString() == "As-Suwayda" && i.GetProperty("category").GetString() == "exchange-of-fire").ToList();
        Assert.Equal(["ISR", "SYR"], suwayda.Select(i => i.GetProperty("party").GetString()).Order());
        Assert.Single(suwayda.Select(i => i.GetProperty("eventId").GetInt64()).Distinct());
        Assert.Contains(items, i => i.GetProperty("party").GetString() == "SYR" && i.GetProperty("category").GetString() == "smuggling-arms");
    }

    [Fact]
    public async Task Stats_ShowsTheIncidentFiguresOfEachSide()
    {
        var stats = await server.RunAsync("--profile", "usa-mediator", "stats");

        Assert.True(stats.ExitCode == 0, stats.Err);
        Assert.Contains("Incidents reported from", stats.Out, StringComparison.Ordinal);
    }

    private async Task<long> ReportAsync(string profile, string category, string point)
    {
        var reported = await server.RunAsync("--profile", profile, "incident", "report", "--category", category, "--at", "now-1h", "--point", point, "--grading", "C3", "--json");
        Assert.True(reported.ExitCode == 0, reported.Err);
        return Json(reported.Out).GetProperty("id").GetInt64();
    }

    private async Task<long> RecordSizeAsync()
    {
        var result = await server.RunAsync("--profile", "usa-mediator", "entries", "list", "--limit", "1", "--json");
        Assert.True(result.ExitCode == 0, result.Err);
        return Json(result.Out).GetProperty("recordSize").GetInt64();
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
