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
