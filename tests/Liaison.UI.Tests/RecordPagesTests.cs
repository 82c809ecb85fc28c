using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liaison.UI.Tests;

/// <summary>
/// The incident, dispute, verification and statistics pages in Chromium on the demo: each draws from the API without a
/// console error or an error shown, and shows the demo's records (the observer's Aleppo report, the dispute's ladder
/// and finding, each zone's schedule, both sides' columns of figures).
/// </summary>
[Collection(nameof(LiaisonUiCollection))]
public sealed class RecordPagesTests(LiaisonUi ui)
{
    [Theory]
    [InlineData("/Incidents", "#incidents")]
    [InlineData("/Disputes", "#disputes")]
    [InlineData("/Verification", "#verification")]
    [InlineData("/Statistics", "#statistics")]
    [InlineData("/Incidents/New", "#incident-form-page")]
    public async Task Page_DrawsFromTheApi_WithoutErrors(string path, string root)
    {
        ui.RequireBrowser();
        await using var browser = await ui.SignInAsync("isr-officer");
        var page = browser.Pages[0];
        var errors = Errors(page);

        await page.GotoAsync(path);

        await Expect(page.Locator(root)).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.Locator($"{root} .error:visible")).ToHaveCountAsync(0);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task IncidentsPage_ListsTheDemoIncidents_OnTheMapAndFilteredByCategory()
    {
        ui.RequireBrowser();
        await using var browser = await ui.SignInAsync("syr-officer");
        var page = browser.Pages[0];
        await page.GotoAsync("/Incidents");
        await Expect(page.Locator("#incidents")).ToHaveAttributeAsync("data-ready", "true");
        var items = page.Locator("#incident-list li");
        await Expect(items.First).ToBeVisibleAsync();
        Assert.True(await page.Locator("#incident-map path.leaflet-interactive").CountAsync() > 0, "incidents drawn on the map");

        await page.Locator("select[name=category]").SelectOptionAsync("exchange-of-fire");
        await Expect(page.Locator("#incident-list li").First).ToContainTextAsync("exchange-of-fire");
        foreach (var text in await page.Locator("#incident-list li a.kind").AllTextContentsAsync())
        {
            Assert.Contains("exchange-of-fire", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task IncidentPages_ReportAndAcknowledgementFromTheCli_ShowUpWithoutAReload()
    {
        ui.RequireBrowser();
        await using var browser = await ui.SignInAsync("isr-officer");
        var list = browser.Pages[0];
        await list.GotoAsync("/Incidents");
        await Expect(list.Locator("#incidents")).ToHaveAttributeAsync("data-live", "live");

        var id = await ui.CliIdAsync("syr-officer", "incident", "report", "--category", "detention", "--at", "now-1h",
            "--point", "38.75,34.25", "--grading", "B2", "--narrative", "UI live test " + Guid.NewGuid().ToString("N")[..8], "--lang", "en");

        await Expect(list.Locator($"#incident-list li[data-id=\"{id}\"]")).ToBeVisibleAsync();

        var detail = await browser.NewPageAsync();
        await detail.GotoAsync($"/Incidents/Incident?id={id}");
        await Expect(detail.Locator("#incident-detail")).ToHaveAttributeAsync("data-live", "live");
        await Expect(detail.GetByTestId("status")).ToContainTextAsync("reported");
        var acknowledged = await ui.CliAsync("--profile", "isr-officer", "incident", "ack", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(acknowledged.ExitCode == 0, $"incident ack: {acknowledged.Err}");

        await Expect(detail.GetByTestId("status")).ToContainTextAsync("acknowledged");
        await Expect(detail.GetByTestId("steps")).ToContainTextAsync("isr-officer");
        await Expect(list.Locator($"#incident-list li[data-id=\"{id}\"]")).ToHaveAttributeAsync("data-status", "acknowledged");
    }

    [Fact]
    public async Task IncidentForm_ReportSignedInTheBrowser_ByPlaceName_UnknownPlaceRefusedWithTheNearest()
    {
        ui.RequireBrowser();
        await using var browser = await ui.SignInAsync("isr-analyst");
        var page = browser.Pages[0];
        await ui.EnrolBrowserKeyAsync(page, "isr-analyst", "isr-admin");
        await page.GotoAsync("/Incidents");
        await page.GetByTestId("report-incident").ClickAsync();
        await Expect(page.Locator("#incident-form-page")).ToHaveAttributeAsync("data-ready", "true");

        // Nothing said of where: the browser says so before signing.
        await page.GetByTestId("submit").ClickAsync();
        await Expect(page.GetByTestId("form-checks")).ToContainTextAsync("Say where");

        // A click on the map gives the point; a place name that matches nothing is refused with the nearest names.
        await Expect(page.Locator("#incident-form-page")).ToHaveAttributeAsync("data-map-ready", "true");
        await page.Locator("#incident-map").ClickAsync();
        await Expect(page.Locator("input[name=lon]")).Not.ToHaveValueAsync("");
        await page.Locator("input[name=lon]").FillAsync(string.Empty);
        await page.Locator("input[name=lat]").FillAsync(string.Empty);
        await page.Locator("input[name=place]").FillAsync("Quneitraa");
        await page.GetByTestId("submit").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("No place is named 'Quneitraa'; nearest:");

        var narrative = "UI form test " + Guid.NewGuid().ToString("N")[..8];
        await page.Locator("select[name=category]").SelectOptionAsync("detention");
        await page.Locator("input[name=place]").FillAsync("Quneitra");
        await page.Locator("tr[data-side=civilians] input[name=wounded-min]").FillAsync("1");
        await page.Locator("tr[data-side=civilians] input[name=wounded-max]").FillAsync("3");
        await page.Locator("textarea[name=narrative]").FillAsync(narrative);
        await page.GetByTestId("submit").ClickAsync();

        var answer = page.GetByTestId("answer");
        await Expect(answer).ToContainTextAsync("Reported: incident #");
        await Expect(answer.Locator("[data-role=status]")).ToHaveTextAsync("Status reported.");
        using var client = ui.ApiClient("syr-officer");
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{await answer.GetAttributeAsync("data-id")}", TestContext.Current.CancellationToken);
        Assert.Equal(("isr-analyst", "detention", "Quneitra", "B2"), (view.GetProperty("author").GetString(), view.GetProperty("category").GetString(), view.GetProperty("placeName").GetString(), view.GetProperty("grading").GetString()));
        Assert.Equal(["SYR"], view.GetProperty("concerns").EnumerateArray().Select(p => p.GetString()!));
        Assert.Equal(3, view.GetProperty("casualties").GetProperty("civilians").GetProperty("wounded").GetProperty("max").GetInt32());
        Assert.Equal(narrative, view.GetProperty("narrative").GetProperty("text").GetString());
    }

    [Fact]
    public async Task VerificationReportForm_ObserverReportsForcesInTheAreaOfSeparation_ViolationsFoundAndStated()
    {
        ui.RequireBrowser();
        await using (var officer = await ui.SignInAsync("isr-officer"))
        {
            await officer.Pages[0].GotoAsync("/Verification");
            await Expect(officer.Pages[0].Locator("#verification")).ToHaveAttributeAsync("data-ready", "true");
            await Expect(officer.Pages[0].GetByTestId("report-form")).ToBeHiddenAsync();
        }

        await using var browser = await ui.SignInAsync("undof-observer");
        var page = browser.Pages[0];
        await ui.EnrolBrowserKeyAsync(page, "undof-observer", "undof-admin");
        await page.GotoAsync("/Verification");
        await Expect(page.Locator("#verification")).ToHaveAttributeAsync("data-ready", "true");
        var form = page.GetByTestId("report-form");
        await Expect(form).ToBeVisibleAsync();

        await page.GetByTestId("report-submit").ClickAsync();
        await Expect(page.GetByTestId("report-checks")).ToContainTextAsync("Write the report");

        var text = "UI verification test " + Guid.NewGuid().ToString("N")[..8];
        await form.Locator("select[name=zone]").SelectOptionAsync("aos");
        await form.Locator("tr[data-side=SYR] input[name=troops]").FillAsync("40");
        await form.Locator("tr[data-side=SYR] input[name=tanks]").FillAsync("2");
        await form.Locator("select[name=violation-party]").SelectOptionAsync("ISR");
        await form.Locator("input[name=violation-rule]").FillAsync("access-denied");
        await form.Locator("input[name=violation-text]").FillAsync("The gate was closed to the patrol.");
        await form.Locator("textarea[name=text]").FillAsync(text);
        await page.GetByTestId("report-submit").ClickAsync();

        var answer = page.GetByTestId("report-answer");
        await Expect(answer).ToContainTextAsync("Reported: visit report #");
        await Expect(answer.Locator("li[data-rule=access-denied]")).ToContainTextAsync("ISR: access-denied — The gate was closed to the patrol. (stated)");
        await Expect(answer.Locator("li", new() { HasTextString = "SYR" })).Not.ToHaveCountAsync(0);
        await Expect(page.GetByTestId("reports")).ToContainTextAsync(text);
        using var client = ui.ApiClient("isr-officer");
        var report = await client.GetFromJsonAsync<JsonElement>($"/api/v1/verification/reports/{await answer.GetAttributeAsync("data-id")}", TestContext.Current.CancellationToken);
        Assert.Equal(("undof-observer", "aos", 40), (report.GetProperty("author").GetString(), report.GetProperty("zone").GetString(), report.GetProperty("observed").GetProperty("SYR").GetProperty("troops").GetInt32()));
    }

    [Fact]
    public async Task VerificationPage_ReportFromTheCli_ShowsUpWithoutAReload()
    {
        ui.RequireBrowser();
        await using var browser = await ui.SignInAsync("syr-officer");
        var page = browser.Pages[0];
        await page.GotoAsync("/Verification");
        await Expect(page.Locator("#verification")).ToHaveAttributeAsync("data-live", "live");

        var text = "UI live verification " + Guid.NewGuid().ToString("N")[..8];
        var reported = await ui.CliAsync("--profile", "usa-mediator", "verification", "report", "--zone", "aol-10km", "--from", "now-3h", "--to", "now-1h", "--text", text);
        Assert.True(reported.ExitCode == 0, $"verification report: {reported.Err}");

        await Expect(page.GetByTestId("reports")).ToContainTextAsync(text);
    }

    [Fact]
    public async Task DisputePages_OpenedAndAnsweredFromTheCli_ShowUpWithoutAReload()
    {
        ui.RequireBrowser();
        await using var browser = await ui.SignInAsync("syr-officer");
        var list = browser.Pages[0];
        await list.GotoAsync("/Disputes");
        await Expect(list.Locator("#disputes")).ToHaveAttributeAsync("data-live", "live");

        var id = await ui.CliIdAsync("syr-officer", "dispute", "open", "--respondent", "ISR", "--breach", "ref:UI live test",
            "--claim", "Shelling near Quneitra " + Guid.NewGuid().ToString("N")[..8]);

        await Expect(list.Locator($"#dispute-rows tr[data-id=\"{id}\"]")).ToBeVisibleAsync();
        var detail = await browser.NewPageAsync();
        await detail.GotoAsync($"/Disputes/Dispute?id={id}");
        await Expect(detail.Locator("#dispute-detail")).ToHaveAttributeAsync("data-live", "live");
        await Expect(detail.Locator("#dispute-timeline")).Not.ToContainTextAsync("replied");

        var replied = await ui.CliAsync("--profile", "isr-officer", "dispute", "reply", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--text", "Our forces were not there.");
        Assert.True(replied.ExitCode == 0, $"dispute reply: {replied.Err}");

        await Expect(detail.Locator("#dispute-timeline")).ToContainTextAsync("isr-officer replied at the working level");
        await Expect(detail.Locator("#dispute-facts dt")).ToHaveCountAsync(6);
    }

    [Fact]
    public async Task DisputePage_ShowsTheLadderCountdownOrFinding_AndTheStepsTheViewerMayTake()
    {
        ui.RequireBrowser();
        long id;
        using (var client = ui.ApiClient("isr-officer"))
        {
            var disputes = await client.GetFromJsonAsync<JsonElement>("/api/v1/disputes", TestContext.Current.CancellationToken);
            var list = disputes.ValueKind == JsonValueKind.Array ? disputes : disputes.GetProperty("items");
            id = list.EnumerateArray().First().GetProperty("id").GetInt64();
        }

        await using var browser = await ui.SignInAsync("usa-mediator");
        var page = browser.Pages[0];
        var errors = Errors(page);
        await page.GotoAsync($"/Disputes/Dispute?id={id}");
        await Expect(page.Locator("#dispute-detail")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.GetByTestId("ladder").Locator("li.current, li.passed").First).ToBeAttachedAsync();
        await Expect(page.GetByTestId("timeline").Locator("li").First).ToBeVisibleAsync();
        Assert.Empty(errors);
    }

    private static List<string> Errors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return errors;
    }
}
