using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace Liaison.Web.Tests.Notices;

/// <summary>
/// The notice pages over HTTP, as a signed-in member sees them (here with their access token): the map page with its
/// filters, hub and scripts, and the vendored map library and base map served by the app itself, so the map needs no
/// other server.
/// </summary>
[Collection(nameof(LiaisonAppCollection))]
public sealed class NoticePagesTests(LiaisonAppFixture app)
{
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

    private async Task<string> PageAsync(string viewer, string path)
    {
        using var client = app.CreateClientFor(viewer);
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} as {viewer}: {(int)response.StatusCode} {html}");
        return html;
    }
}
