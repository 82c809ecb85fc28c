using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liaison.UI.Tests;

/// <summary>
/// Issue #5's "done when", in Chromium: the Israeli officer's notice map draws the country outlines and the zones from
/// the app itself (no tile server) with each zone's source, lists the demo's notices, and without a reload shows a Syrian
/// ground movement filed from the command line, with its overlap and tank-cap conflicts, and a late air sortie's shortfall.
/// </summary>
[Collection(nameof(LiaisonUiCollection))]
public sealed partial class NoticeMapTests(LiaisonUi ui)
{
    /// <summary>4–7 km east of the UNDOF zone at Quneitra: inside the 10 km area of limitation (as examples/areas).</summary>
    private const string EastOfQuneitra = """{"type":"Polygon","coordinates":[[[35.935,33.105],[35.965,33.105],[35.965,33.135],[35.935,33.135],[35.935,33.105]]]}""";

    /// <summary>West of the UNDOF zone, within 10 km of it: air activity needs 60 minutes of notice (as examples/areas).</summary>
    private const string GolanWest = """{"type":"Polygon","coordinates":[[[35.70,33.00],[35.80,33.00],[35.80,33.10],[35.70,33.10],[35.70,33.00]]]}""";

    [Fact]
    public async Task MapPage_ZonesCountriesAndNotices_DrawnWithoutConsoleErrorsOrOtherServers()
    {
        ui.RequireBrowser();
        await using var browser = await ui.SignInAsync("isr-officer");
        var page = browser.Pages[0];
        var errors = new List<string>();
        var elsewhere = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(ui.Url, StringComparison.Ordinal) && !request.Url.StartsWith(ui.Url.Replace("http:", "ws:", StringComparison.Ordinal), StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };

        await page.GotoAsync("/Notices");

        var map = page.GetByTestId("map");
        await Expect(page.Locator("#notices")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(map).ToHaveAttributeAsync("data-countries", "loaded");
        await Expect(map).ToHaveAttributeAsync("data-zones", PositiveNumber());
        await Expect(page.GetByTestId("live-state")).ToHaveTextAsync("live");
        await Expect(page.Locator("path.zone-prohibited")).ToHaveCountAsync(1);
        await Expect(page.Locator("path.zone-limitation-band").First).ToBeAttachedAsync();
        await Expect(page.GetByTestId("legend")).ToContainTextAsync("Source: zones/ne_undof_zone.geojson");
        await Expect(page.GetByTestId("legend")).ToContainTextAsync("Natural Earth");
        await Expect(page.Locator(".country-label", new() { HasText = "Syria" })).ToBeAttachedAsync();
        await Expect(page.Locator("#notice-list [data-testid=\"notice\"]").First).ToBeVisibleAsync();
        await Expect(page.Locator("path.notice").First).ToBeAttachedAsync();
        await Expect(page.Locator("#notice-timeline .tl-row").First).ToBeVisibleAsync();
        await Expect(page.Locator("#notice-list")).ToContainTextAsync("late by");

        Assert.DoesNotContain(errors, e => !e.Contains("favicon", StringComparison.Ordinal));
        Assert.Empty(elsewhere);
    }

    [Fact]
    public async Task SyrianGroundMovementFromTheCli_AppearsLiveOnTheIsraeliMapWithBothConflicts_LateSortieShowsItsShortfall()
    {
        ui.RequireBrowser();
        await using var browser = await ui.SignInAsync("isr-officer");
        var page = browser.Pages[0];
        await page.GotoAsync("/Notices");
        await Expect(page.GetByTestId("live-state")).ToHaveTextAsync("live");
        await Expect(page.Locator("#notices")).ToHaveAttributeAsync("data-ready", "true");

        var works = await FileFromCliAsync("isr-officer", "engineering-works", EastOfQuneitra, "now+10d", "now+11d");
        var movement = await FileFromCliAsync("syr-officer", "ground-movement", EastOfQuneitra, "now+241h", "now+244h", "--asset", "troops=900", "--asset", "tanks=80");

        var item = page.Locator($"#notice-list [data-id=\"{movement}\"]");
        await Expect(item).ToBeVisibleAsync();
        await Expect(item).ToHaveClassAsync(HasConflicts());
        await Expect(item.Locator("[data-code=\"notice-overlap\"]")).ToContainTextAsync($"#{works}");
        await Expect(item.Locator($"[data-code=\"notice-overlap\"] a[href=\"/Notices/Notice?id={works}\"]")).ToBeVisibleAsync();
        await Expect(item.Locator("[data-code=\"zone-limit-exceeded\"]")).ToContainTextAsync("aol-10km");
        await Expect(page.Locator("path.notice-party-SYR.notice-conflict").First).ToBeAttachedAsync();
        await Expect(page.Locator($"#notice-timeline .tl-bar[data-id=\"{movement}\"]")).ToBeAttachedAsync();

        var sortie = await FileFromCliAsync("syr-officer", "air-sortie", GolanWest, "now+10m", "now+70m", "--altitude", "500-3000", "--asset", "aircraft=2");

        await Expect(page.Locator($"#notice-list [data-id=\"{sortie}\"] [data-role=\"late\"]")).ToContainTextAsync(LateByAboutFiftyMinutes());
    }

    [Fact]
    public async Task NoticeForm_PastedGeoJsonSignedInTheBrowser_AnswerWithLatenessAndConflicts_RefusalShowsTheServersDetail()
    {
        ui.RequireBrowser();
        await using var browser = await ui.SignInAsync("syr-commander");
        var page = browser.Pages[0];
        await ui.EnrolBrowserKeyAsync(page, "syr-commander", "syr-admin");
        await page.GotoAsync("/Notices/New");
        await Expect(page.Locator("#notice-form-page")).ToHaveAttributeAsync("data-ready", "true");

        await page.Locator("select[name=kind]").SelectOptionAsync("ground-movement");
        await page.Locator("input[name=\"asset:troops\"]").FillAsync("900");
        await page.Locator("input[name=\"asset:tanks\"]").FillAsync("80");
        await page.Locator("textarea[name=geojson]").FillAsync($$"""{"type":"Feature","properties":{},"geometry":{{EastOfQuneitra}}}""");
        await Expect(page.GetByTestId("area-state")).ToHaveTextAsync("Polygon with 1 polygon(s), pasted.");
        await page.GetByTestId("submit").ClickAsync();

        var answer = page.GetByTestId("answer");
        await Expect(answer).ToContainTextAsync("Filed: notice #");
        await Expect(answer.Locator("[data-code=\"zone-limit-exceeded\"]")).ToContainTextAsync("aol-10km");
        await Expect(answer.Locator("[data-role=\"late\"]")).ToContainTextAsync("rule ground-in-limitation-band");
        var id = long.Parse((await answer.GetAttributeAsync("data-id"))!, System.Globalization.CultureInfo.InvariantCulture);
        using (var client = ui.ApiClient("isr-officer"))
        {
            var notice = await client.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{id}", TestContext.Current.CancellationToken);
            Assert.Equal("syr-commander", notice.GetProperty("author").GetString());
            Assert.Equal(80, notice.GetProperty("assets").GetProperty("tanks").GetInt32());
        }

        var start = DateTimeOffset.Parse(await page.Locator("input[name=start]").InputValueAsync() + "Z", System.Globalization.CultureInfo.InvariantCulture);
        await page.Locator("input[name=end]").FillAsync(start.AddDays(40).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("submit").ClickAsync();

        var refusal = page.GetByRole(AriaRole.Alert);
        await Expect(refusal).ToContainTextAsync("longer than the 30 days a notice may cover");
    }

    [Fact]
    public async Task NoticeForm_PolygonDrawnByClicks_ClosedUndoneAndClosedAgain()
    {
        ui.RequireBrowser();
        await using var browser = await ui.SignInAsync("isr-officer");
        var page = browser.Pages[0];
        await page.GotoAsync("/Notices/New");
        await Expect(page.Locator("#notice-form-page")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.Locator("#notice-form-page")).ToHaveAttributeAsync("data-map-settled", "true");

        await page.GetByTestId("draw-start").ClickAsync();

        // The first vertex on the Area of Separation itself: a zone with a popup, which must take the click as a vertex
        // (Leaflet would otherwise open the popup and drop the map's click). Then east, then south of it.
        var zone = (await page.Locator("path.zone-prohibited").BoundingBoxAsync())!;
        var (x0, y0) = (zone.X + (zone.Width / 2), zone.Y + (zone.Height / 2));
        var placed = 0;
        foreach (var (x, y) in new[] { (x0, y0), (x0 + 60, y0), (x0 + 60, y0 + 60) })
        {
            placed++;
            await page.Mouse.ClickAsync(x, y);
            var expected = $"{placed} vertices; {(placed < 3 ? "at least 3 to close" : "close the polygon when done")}.";
            await Expect(page.Locator(".draw-state")).ToHaveTextAsync(expected);
        }

        await Expect(page.Locator(".leaflet-popup")).ToHaveCountAsync(0);
        await Expect(page.Locator(".draw-state")).ToHaveTextAsync("3 vertices; close the polygon when done.");
        await page.GetByTestId("draw-close").ClickAsync();
        await Expect(page.GetByTestId("area-state")).ToHaveTextAsync("Polygon with 1 polygon(s), drawn.");
        await page.GetByTestId("draw-undo").ClickAsync();
        await Expect(page.GetByTestId("area-state")).ToHaveTextAsync("The polygon being drawn is not closed: close it, or undo its vertices.");
        await page.GetByTestId("draw-close").ClickAsync();

        var json = await page.EvaluateAsync<string>("() => JSON.stringify(LiaisonNoticeForm.collect().body.area.coordinates[0])");
        var ring = JsonSerializer.Deserialize<double[][]>(json)!;
        Assert.Equal(4, ring.Length);
        Assert.Equal(ring[0], ring[3]);
        Assert.True(ring[1][0] > ring[0][0] && ring[2][1] < ring[1][1], "The ring follows the clicks: east, then south.");
    }

    [Fact]
    public async Task NoticePage_IsraeliCommanderAcknowledgesASyrianNotice_WithABrowserKey()
    {
        ui.RequireBrowser();
        await using var browser = await ui.SignInAsync("isr-commander");
        var page = browser.Pages[0];
        await ui.EnrolBrowserKeyAsync(page, "isr-commander", "isr-admin");
        var id = await FileFromCliAsync("syr-officer", "engineering-works", GolanWest, "now+3d", "now+4d");
        await page.GotoAsync($"/Notices/Notice?id={id}");
        await Expect(page.Locator("#notice-detail")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.Locator("path.notice-party-SYR")).ToHaveCountAsync(1);

        await page.GetByTestId("object-form").GetByRole(AriaRole.Button, new() { Name = "Object" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Give a reason: the other party reads it.");
        await page.GetByTestId("ack-form").GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();

        await Expect(page.GetByTestId("status")).ToHaveTextAsync("acknowledged");
        await Expect(page.GetByTestId("responses")).ToContainTextAsync("ISR acknowledged by isr-commander");
        await Expect(page.GetByTestId("own-answer")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task NoticeForm_NoticeKeptFromTheObserver_AmendmentGoesToTheSameAudience()
    {
        ui.RequireBrowser();
        await using var browser = await ui.SignInAsync("isr-duty");
        var page = browser.Pages[0];
        await ui.EnrolBrowserKeyAsync(page, "isr-duty", "isr-admin");
        await page.GotoAsync("/Notices/New");
        await Expect(page.Locator("#notice-form-page")).ToHaveAttributeAsync("data-ready", "true");
        await page.Locator("select[name=kind]").SelectOptionAsync("engineering-works");
        await page.Locator("textarea[name=geojson]").FillAsync(GolanWest);
        await page.Locator("input[name=observer][value=UNDOF]").UncheckAsync();
        await page.GetByTestId("submit").ClickAsync();
        var answer = page.GetByTestId("answer");
        await Expect(answer).ToContainTextAsync("Filed: notice #");
        var id = (await answer.GetAttributeAsync("data-id"))!;

        await page.GotoAsync($"/Notices/New?replaces={id}");
        await Expect(page.Locator("#notice-form-page")).ToHaveAttributeAsync("data-ready", "true");
        var observer = page.Locator("input[name=observer][value=UNDOF]");
        await Expect(observer).ToBeDisabledAsync();
        await Expect(observer).Not.ToBeCheckedAsync();
        await Expect(page.Locator("textarea[name=geojson]")).Not.ToBeEmptyAsync();
        await page.GetByTestId("submit").ClickAsync();

        await Expect(answer).ToContainTextAsync("Filed: notice #");
        using var client = ui.ApiClient("usa-mediator");
        var amendment = await client.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{await answer.GetAttributeAsync("data-id")}", TestContext.Current.CancellationToken);
        Assert.Equal(2, amendment.GetProperty("version").GetInt32());
        Assert.Equal(["ISR", "SYR", "USA"], amendment.GetProperty("audience").EnumerateArray().Select(p => p.GetString()!));
    }

    /// <summary>Files a notice with the real CLI as <paramref name="profile"/>; returns its id.</summary>
    private async Task<long> FileFromCliAsync(string profile, string kind, string area, string from, string to, params string[] more)
    {
        var file = Path.Combine(Path.GetTempPath(), $"liaison-ui-area-{Guid.NewGuid():N}.geojson");
        await File.WriteAllTextAsync(file, area, TestContext.Current.CancellationToken);
        try
        {
            return await ui.CliIdAsync(profile, ["notice", "file", "--kind", kind, "--area", file, "--from", from, "--to", to, "--text", "UI test " + Guid.NewGuid().ToString("N")[..8], .. more]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>No options: Playwright passes a pattern's options to the browser, which knows none of .NET's flags.</summary>
    [GeneratedRegex("^[1-9][0-9]*$")]
    private static partial Regex PositiveNumber();

    [GeneratedRegex("(^| )has-conflicts( |$)")]
    private static partial Regex HasConflicts();

    /// <summary>Filed about 10 minutes before its start where 60 are required: the CLI's "now" is a moment before the server's.</summary>
    [GeneratedRegex("late by (50|51) min")]
    private static partial Regex LateByAboutFiftyMinutes();
}
