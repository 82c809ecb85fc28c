using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Notices;

/// <summary>
/// The notice pages over HTTP, as a signed-in member sees them (here with their access token): the map page listing the
/// notices the member's party may read with status, lateness and conflicts, a notice's page with the answers the member
/// may give, the form, and the vendored map library and base map served by the app itself, so the map needs no other
/// server. Notices are filed by signed entries, as any client files them; other tests file notices too, so the
/// assertions name the notices filed here and never count all.
/// </summary>
[Collection(nameof(LiaisonAppCollection))]
public sealed partial class NoticePagesTests(LiaisonAppFixture app)
{
    private static readonly string[] Everyone = ["ISR", "SYR", "USA", "UNDOF"];
    private static readonly string[] WithoutObservers = ["ISR", "SYR", "USA"];

    /// <summary>4–7 km east of the UNDOF zone at Quneitra: inside the 10 km area of limitation (examples/areas).</summary>
    private static readonly double[] EastOfQuneitra = [35.935, 33.105, 35.965, 33.135];

    /// <summary>West of the UNDOF zone, within 10 km of it: air activity needs 60 minutes of notice (examples/areas).</summary>
    private static readonly double[] GolanWest = [35.70, 33.00, 35.80, 33.10];

    [Fact]
    public async Task MapPage_NoticeWithoutObservers_ListedForThePartiesNotForTheObserver()
    {
        var start = app.Time.GetUtcNow().AddDays(2);
        var id = await FileAsync("isr-officer", WithoutObservers, Notice("engineering-works", EastOfQuneitra, start, start.AddHours(6), text: "Road repairs east of the line"));

        var syria = await PageAsync("syr-officer", "/Notices?show=all");
        var undof = await PageAsync("undof-observer", "/Notices?show=all");

        var item = Item(syria, id);
        Assert.Contains("<strong>ISR</strong> <span class=\"kind\">engineering-works</span>", item, StringComparison.Ordinal);
        Assert.Contains("data-status=\"filed\"", item, StringComparison.Ordinal);
        Assert.Contains(Html.DirAutoTexts(item), t => t.StartsWith("Road repairs east of the line", StringComparison.Ordinal));
        Assert.DoesNotContain($"data-id=\"{id}\"", undof, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapPage_LateAirSortie_ShowsItsShortfall()
    {
        var start = app.Time.GetUtcNow().AddMinutes(5);
        var id = await FileAsync("isr-officer", Everyone, Notice("air-sortie", GolanWest, start, start.AddHours(1), altitude: (3000, 9000), assets: new() { ["aircraft"] = 2 }));

        var item = Item(await PageAsync("syr-officer", "/Notices"), id);

        Assert.Contains("late by 55 min", Html.Text(item), StringComparison.Ordinal);
        Assert.Contains("rule air-near-separation: at least 1 h ahead", Html.Text(item), StringComparison.Ordinal);
        Assert.Contains("altitude 3000–9000 m", item, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapPage_GroundMovementOverlappingWithTooManyTanks_BothConflictsLinkedToTheOtherNotice()
    {
        var start = app.Time.GetUtcNow().AddDays(3);
        var israeli = await FileAsync("isr-officer", Everyone, Notice("engineering-works", EastOfQuneitra, start, start.AddHours(8)));
        var syrian = await FileAsync("syr-officer", Everyone, Notice("ground-movement", EastOfQuneitra, start.AddHours(1), start.AddHours(4), assets: new() { ["troops"] = 900, ["tanks"] = 80 }));

        var item = Item(await PageAsync("isr-officer", "/Notices"), syrian);

        Assert.Contains("has-conflicts", item, StringComparison.Ordinal);
        Assert.Contains($"<li class=\"conflict\" data-code=\"notice-overlap\"><code>notice-overlap</code> with <a href=\"/Notices/Notice?id={israeli}\">#{israeli}</a>", item, StringComparison.Ordinal);
        Assert.Contains("data-code=\"zone-limit-exceeded\"", item, StringComparison.Ordinal);
        Assert.Contains("zone aol-10km", Html.Text(item), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapPage_PartyFilter_OnlyThatPartysNotices()
    {
        var start = app.Time.GetUtcNow().AddDays(2);
        var israeli = await FileAsync("isr-officer", Everyone, Notice("engineering-works", EastOfQuneitra, start, start.AddHours(2)));
        var syrian = await FileAsync("syr-officer", Everyone, Notice("engineering-works", GolanWest, start, start.AddHours(2)));

        var html = await PageAsync("usa-mediator", "/Notices?party=SYR");

        Assert.Contains($"data-id=\"{syrian}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-id=\"{israeli}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapPage_CancelledNotice_OnlyWhenShowingAll()
    {
        var start = app.Time.GetUtcNow().AddDays(2);
        var id = await FileAsync("syr-officer", Everyone, Notice("live-fire", GolanWest, start, start.AddHours(2)));
        await SubmitAsync("syr-officer", "notice.cancel", Everyone, new JsonObject { ["notice"] = id, ["reason"] = "Exercise postponed" });

        var active = await PageAsync("isr-officer", "/Notices");
        var all = await PageAsync("isr-officer", "/Notices?show=all");

        Assert.DoesNotContain($"data-id=\"{id}\"", active, StringComparison.Ordinal);
        Assert.Contains("data-status=\"cancelled\"", Item(all, id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoticePage_OtherParty_AreaFactsConflictsAndAcknowledgeObject()
    {
        var start = app.Time.GetUtcNow().AddDays(4);
        var israeli = await FileAsync("isr-officer", Everyone, Notice("engineering-works", EastOfQuneitra, start, start.AddHours(8)));
        var syrian = await FileAsync("syr-officer", Everyone, Notice("ground-movement", EastOfQuneitra, start, start.AddHours(2), assets: new() { ["troops"] = 300, ["tanks"] = 80 }, text: "Rotation of a battalion"));

        var html = await PageAsync("isr-officer", $"/Notices/Notice?id={syrian}");

        Assert.Contains($"data-id=\"{syrian}\"", html, StringComparison.Ordinal);
        Assert.Contains("data-audience=\"ISR SYR USA UNDOF\"", html, StringComparison.Ordinal);
        Assert.Contains("300 troops, 80 tanks", html, StringComparison.Ordinal);
        Assert.Contains(Html.DirAutoTexts(html), t => t.StartsWith("Rotation of a battalion", StringComparison.Ordinal));
        Assert.Contains($"<a href=\"/Notices/Notice?id={israeli}\">#{israeli}</a>", html, StringComparison.Ordinal);
        Assert.Contains("data-code=\"zone-limit-exceeded\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"ack-form\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"object-form\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"cancel-form\"", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/js/notices-notice.js\"></script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoticePage_FilingParty_CancelAndAmendNoAnswers()
    {
        var start = app.Time.GetUtcNow().AddDays(2);
        var id = await FileAsync("syr-officer", Everyone, Notice("naval", GolanWest, start, start.AddHours(3)));

        var html = await PageAsync("syr-commander", $"/Notices/Notice?id={id}");

        Assert.Contains("data-testid=\"cancel-form\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Notices/New?replaces={id}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"ack-form\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoticePage_Acknowledged_AnswerListedAndNoSecondAnswerOffered()
    {
        var start = app.Time.GetUtcNow().AddDays(2);
        var id = await FileAsync("isr-officer", Everyone, Notice("engineering-works", GolanWest, start, start.AddHours(3)));
        var ack = await SubmitAsync("syr-duty", "notice.ack", Everyone, new JsonObject { ["notice"] = id });

        var israel = await PageAsync("isr-officer", $"/Notices/Notice?id={id}");
        var syria = await PageAsync("syr-officer", $"/Notices/Notice?id={id}");

        Assert.Contains("data-testid=\"status\">acknowledged</span>", israel, StringComparison.Ordinal);
        Assert.Contains($"<li data-seq=\"{ack}\" data-kind=\"ack\">", israel, StringComparison.Ordinal);
        Assert.Contains("SYR acknowledged by syr-duty", Html.Text(israel), StringComparison.Ordinal);
        Assert.Contains($"Your party acknowledged this notice (entry #{ack}).", Html.Text(syria), StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"ack-form\"", syria, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoticePage_Analyst_SeesTheNoticeButNoActions()
    {
        var start = app.Time.GetUtcNow().AddDays(2);
        var id = await FileAsync("isr-officer", Everyone, Notice("engineering-works", GolanWest, start, start.AddHours(3)));

        var html = await PageAsync("syr-analyst", $"/Notices/Notice?id={id}");

        Assert.Contains("Your roles do not answer notices", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"ack-form\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task NoticePage_NotInTheAudienceOrUnknown_NotFound(bool unknown)
    {
        var start = app.Time.GetUtcNow().AddDays(2);
        var id = unknown ? 999_999_999 : await FileAsync("isr-officer", WithoutObservers, Notice("engineering-works", GolanWest, start, start.AddHours(3)));
        using var client = app.CreateClientFor("undof-observer");

        using var response = await client.GetAsync($"/Notices/Notice?id={id}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task MapPage_SignedInMember_MapFiltersHubAndScripts()
    {
        var html = await PageAsync("isr-officer", "/Notices");

        Assert.Contains("id=\"notice-map\"", html, StringComparison.Ordinal);
        Assert.Contains("data-hub=\"/hubs/notices\"", html, StringComparison.Ordinal);
        Assert.Contains("data-parties=\"ISR SYR USA UNDOF\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"ground-movement\">ground-movement</option>", html, StringComparison.Ordinal);
        foreach (var script in new[] { "/lib/leaflet/leaflet.js", "/lib/signalr/signalr.min.js", "/js/notices-map.js", "/js/notices.js" })
        {
            Assert.Contains($"<script src=\"{script}\"></script>", html, StringComparison.Ordinal);
        }

        Assert.Contains("<link rel=\"stylesheet\" href=\"/lib/leaflet/leaflet.css\" />", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"stylesheet\" href=\"/css/map.css\" />", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapPage_Filters_KeptFromTheQueryUnknownValuesIgnored()
    {
        var html = await PageAsync("syr-officer", "/Notices?show=all&party=ISR&kind=no-such-kind");

        Assert.Contains("data-show=\"all\" data-party=\"ISR\" data-kind=\"\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"ISR\" selected=\"selected\">ISR</option>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapPage_WithoutSession_RedirectsToSignIn()
    {
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync("/Notices", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/SignIn", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task NewNoticePage_Officer_FormWithEveryKindAudienceObserversAndBrowserSigning()
    {
        var html = await PageAsync("syr-officer", "/Notices/New");

        Assert.Contains("data-audience=\"ISR SYR USA\"", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"checkbox\" name=\"observer\" value=\"UNDOF\" checked />", html, StringComparison.Ordinal);
        foreach (var kind in new[] { "air-sortie", "uav", "ground-movement", "live-fire", "artillery", "strike", "naval", "humanitarian-convoy", "engineering-works" })
        {
            Assert.Contains($"<option value=\"{kind}\">{kind}</option>", html, StringComparison.Ordinal);
        }

        Assert.Contains("name=\"asset:tanks\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"ar\">ar</option>", html, StringComparison.Ordinal);
        foreach (var script in new[] { "/js/signing.js", "/js/draw.js", "/js/notices-form.js" })
        {
            Assert.Contains($"<script src=\"{script}\"></script>", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("data-testid=\"may-not-file\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewNoticePage_Analyst_ToldTheirRolesDoNotFileNotices()
    {
        var html = await PageAsync("isr-analyst", "/Notices/New");

        Assert.Contains("data-testid=\"may-not-file\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewNoticePage_Amendment_NamesAndLinksTheNoticeItReplaces()
    {
        var html = await PageAsync("isr-officer", "/Notices/New?replaces=42");

        Assert.Contains("data-replaces=\"42\"", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/Notices/Notice?id=42\">notice #42</a>", html, StringComparison.Ordinal);
        Assert.Contains("<title>Amend notice #42 · Liaison</title>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(29, "0 min")]
    [InlineData(3300, "55 min")]
    [InlineData(3600, "1 h")]
    [InlineData(3900, "1 h 5 min")]
    [InlineData(86_400, "1 d")]
    [InlineData(90_000, "1 d 1 h")]
    public void Span_AsNoticesJsWritesIt(int seconds, string expected) =>
        Assert.Equal(expected, Liaison.Web.Pages.Notices.NoticeDisplay.Span(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData("/lib/leaflet/leaflet.js", "text/javascript", "db49d009c841f5ca34a888c96511ae936fd9f5533e90d8b2c4d57596f4e5641a")]
    [InlineData("/lib/leaflet/leaflet.css", "text/css", "a7837102824184820dfa198d1ebcd109ff6d0ff9a2672a074b9a1b4d147d04c6")]
    [InlineData("/lib/leaflet/images/layers.png", "image/png", "1dbbe9d028e292f36fcba8f8b3a28d5e8932754fc2215b9ac69e4cdecf5107c6")]
    [InlineData("/lib/leaflet/images/marker-icon.png", "image/png", "574c3a5cca85f4114085b6841596d62f00d7c892c7b03f28cbfa301deb1dc437")]
    [InlineData("/geo/ne_admin0_countries_10m_syria_neighbours.json", "application/json", "8cd5d696763a299e69bfc123cd9b81f9411b83c94dde98345367dd58712eeef3")]
    public async Task VendoredAssets_ServedByTheAppUnchanged(string path, string contentType, string sha256)
    {
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Fact]
    public async Task BaseMap_NaturalEarthCountriesAroundSyria()
    {
        using var client = app.CreateApiClient();

        await using var stream = await client.GetStreamAsync("/geo/ne_admin0_countries_10m_syria_neighbours.json", TestContext.Current.CancellationToken);
        using var geo = await JsonDocument.ParseAsync(stream, cancellationToken: TestContext.Current.CancellationToken);

        var names = geo.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("name").GetString()).ToList();
        Assert.Equal("FeatureCollection", geo.RootElement.GetProperty("type").GetString());
        Assert.Contains("Syria", names);
        Assert.Contains("Israel", names);
        Assert.Contains("Lebanon", names);
        Assert.Contains("Jordan", names);
    }

    [Theory]
    [InlineData("/js/notices.js", "\"notice\"")]
    [InlineData("/js/notices-map.js", "/api/v1/zones")]
    [InlineData("/css/map.css", "notice-conflict")]
    [InlineData("/js/draw.js", "LiaisonDraw")]
    [InlineData("/js/notices-form.js", "LiaisonSigning.submit")]
    public async Task PageScripts_ServedFromTheApp(string path, string expected)
    {
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static JsonObject Notice(string kind, double[] box, DateTimeOffset start, DateTimeOffset end, Dictionary<string, int>? assets = null, (int Min, int Max)? altitude = null, string? text = null)
    {
        var (w, s, e, n) = (box[0], box[1], box[2], box[3]);
        var body = new JsonObject
        {
            ["kind"] = kind,
            ["area"] = new JsonObject
            {
                ["type"] = "Polygon",
                ["coordinates"] = new JsonArray(new JsonArray(new JsonArray(w, s), new JsonArray(e, s), new JsonArray(e, n), new JsonArray(w, n), new JsonArray(w, s))),
            },
            ["window"] = new JsonObject { ["start"] = start.ToString("O"), ["end"] = end.ToString("O") },
            ["text"] = (text ?? "Page test") + " " + Guid.NewGuid().ToString("N")[..8],
            ["lang"] = "en",
        };
        if (assets is not null)
        {
            body["assets"] = new JsonObject(assets.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        }

        if (altitude is { } band)
        {
            body["altitude"] = new JsonObject { ["minMetres"] = band.Min, ["maxMetres"] = band.Max };
        }

        return body;
    }

    /// <summary>Files a notice as <paramref name="author"/>; its id is the seq of its entry.</summary>
    private Task<long> FileAsync(string author, string[] audience, JsonObject body) => SubmitAsync(author, "notice.file", audience, body);

    private async Task<long> SubmitAsync(string author, string type, string[] audience, JsonObject fields)
    {
        using var client = app.CreateClientFor(author);
        using var response = await client.SubmitEntryAsync(app.Sign(author, app.Payload(type, author, audience, fields)));
        return (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("seq").GetInt64();
    }

    /// <summary>The list item of notice <paramref name="id"/>.</summary>
    private static string Item(string html, long id)
    {
        var match = Regex.Match(html, $"<li class=\"notice-item[^\"]*\" data-id=\"{id}\".*?\n</li>", RegexOptions.Singleline | RegexOptions.CultureInvariant);
        Assert.True(match.Success, $"No list item for notice {id}.");
        return match.Value;
    }

    private async Task<string> PageAsync(string viewer, string path)
    {
        using var client = app.CreateClientFor(viewer);
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} as {viewer}: {(int)response.StatusCode} {html}");
        return html;
    }
}
