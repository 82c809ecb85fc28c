using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Domain.Disputes;
using Liaison.Domain.Incidents;
using Liaison.Domain.Notices;
using Liaison.Web.Tests.Incidents;
using Liaison.Web.Tests.Notices;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Reconstruction;

/// <summary>
/// An incident's reconstruction through the real app: one timeline of the event's reports and steps from both sides,
/// the notice nearby in place and time, the dispute citing it and its finding, with places for the map; need to know
/// (an incident the reader may not read is not found, and neither are entries not addressed to it).
/// </summary>
[Collection(nameof(LiaisonAppCollection))]
public sealed class ReconstructionTests(LiaisonAppFixture app)
{
    private static readonly string[] Everyone = ["ISR", "SYR", "USA", "UNDOF"];

    /// <summary>In the Syrian desert east of the incident tests' places: no other test reports or notifies here.</summary>
    private static readonly (double Lon, double Lat) Place = (39.4, 33.2);

    [Fact]
    public async Task Reconstruction_BothSidesReportsStepsNearbyNoticeDisputeAndFinding_OnOneTimeline()
    {
        var at = DateTimeOffset.Parse("2026-02-03T04:00:00Z", CultureInfo.InvariantCulture);
        var notice = await SubmitAsync("isr-officer", NoticeEntryTypes.File,
            NoticeApiTests.Filing("engineering-works", NoticeApiTests.Box(Place.Lon + 0.05, Place.Lat - 0.05, Place.Lon + 0.15, Place.Lat + 0.05), at.AddHours(-3), at.AddHours(3)));
        var farNotice = await SubmitAsync("isr-officer", NoticeEntryTypes.File,
            NoticeApiTests.Filing("engineering-works", NoticeApiTests.Box(Place.Lon + 1.0, Place.Lat, Place.Lon + 1.1, Place.Lat + 0.1), at.AddHours(-3), at.AddHours(3)));
        var syrian = await SubmitAsync("syr-officer", IncidentEntryTypes.Report, Report("exchange-of-fire", at, Place));
        var israeli = await SubmitAsync("isr-officer", IncidentEntryTypes.Report, Report("exchange-of-fire", at.AddMinutes(20), (Place.Lon + 0.02, Place.Lat)));
        var link = await SubmitAsync("isr-officer", IncidentEntryTypes.Link, new JsonObject { ["incidents"] = new JsonArray(syrian, israeli), ["reason"] = "One exchange, reported by both." });
        var ack = await SubmitAsync("isr-officer", IncidentEntryTypes.Acknowledge, new JsonObject { ["incident"] = syrian });
        var dispute = await SubmitAsync("syr-officer", DisputeEntryTypes.Open, new JsonObject
        {
            ["respondent"] = "ISR",
            ["breach"] = new JsonObject { ["ref"] = "1974 Agreement: no fire across the line" },
            ["incidents"] = new JsonArray(syrian),
            ["claim"] = new JsonObject { ["text"] = "Israeli forces fired first.", ["lang"] = "en" },
        });
        var finding = await SubmitAsync("usa-mediator", DisputeEntryTypes.Finding, new JsonObject
        {
            ["dispute"] = dispute,
            ["outcome"] = "inconclusive",
            ["reasons"] = "The accounts agree on the exchange, not on who fired first.",
            ["remedy"] = "A joint patrol of the line.",
            ["major"] = false,
            ["lang"] = "en",
        });

        var view = await GetJsonAsync("isr-officer", $"/api/v1/incidents/{syrian}/reconstruction");

        var items = view.GetProperty("items").EnumerateArray().ToList();
        var seqs = items.Select(i => i.GetProperty("seq").GetInt64()).ToList();
        Assert.Superset(new HashSet<long> { notice, syrian, israeli, link, ack, dispute, finding }, seqs.ToHashSet());
        Assert.DoesNotContain(farNotice, seqs);
        Assert.Equal(seqs.Distinct().Order(), view.GetProperty("seqs").EnumerateArray().Select(s => s.GetInt64()));
        var times = items.Select(i => i.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Contains(items, i => i.GetProperty("party").GetString() == "SYR" && i.GetProperty("seq").GetInt64() == syrian);
        Assert.Contains(items, i => i.GetProperty("party").GetString() == "ISR" && i.GetProperty("seq").GetInt64() == ack && i.GetProperty("type").GetString() == IncidentEntryTypes.Acknowledge);
        Assert.Contains("inconclusive", items.Single(i => i.GetProperty("seq").GetInt64() == finding).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal([syrian, israeli], view.GetProperty("event").EnumerateArray().Select(e => e.GetInt64()));
        var places = view.GetProperty("places").EnumerateArray().Select(p => (p.GetProperty("kind").GetString(), p.GetProperty("id").GetInt64())).ToList();
        Assert.Contains(("incident", syrian), places);
        Assert.Contains(("incident", israeli), places);
        Assert.Contains(("notice", notice), places);

        var fromTheOtherSide = await GetJsonAsync("syr-officer", $"/api/v1/incidents/{israeli}/reconstruction");
        Assert.Equal(view.GetProperty("seqs").GetRawText(), fromTheOtherSide.GetProperty("seqs").GetRawText());
    }

    [Fact]
    public async Task Reconstruction_NeedToKnow_NotFoundForOthersAndWithoutWhatTheyMayNotRead()
    {
        var at = DateTimeOffset.Parse("2026-02-10T04:00:00Z", CultureInfo.InvariantCulture);
        var place = (Place.Lon, Place.Lat + 1.5);
        var incident = await SubmitAsync("syr-officer", IncidentEntryTypes.Report, Report("smuggling-arms", at, place), ["ISR", "SYR", "USA"]);
        var observed = await SubmitAsync("undof-observer", IncidentEntryTypes.Report, Report("smuggling-arms", at, place, b => b["concerns"] = new JsonArray("SYR")));

        using (var observer = app.CreateClientFor("undof-observer"))
        {
            using var response = await observer.GetAsync($"/api/v1/incidents/{incident}/reconstruction", TestContext.Current.CancellationToken);
            await response.AssertProblemAsync(HttpStatusCode.NotFound, "incident-not-found");
        }

        using (var reader = app.CreateClientFor("isr-officer"))
        {
            using var response = await reader.GetAsync("/api/v1/incidents/999999999/reconstruction", TestContext.Current.CancellationToken);
            await response.AssertProblemAsync(HttpStatusCode.NotFound, "incident-not-found");
        }

        var view = await GetJsonAsync("undof-observer", $"/api/v1/incidents/{observed}/reconstruction");
        Assert.Equal([observed], view.GetProperty("seqs").EnumerateArray().Select(s => s.GetInt64()));
    }

    private static JsonObject Report(string category, DateTimeOffset at, (double Lon, double Lat) place, Action<JsonObject>? change = null) =>
        IncidentApiTests.Report(category, place, b =>
        {
            b["time"] = new JsonObject { ["start"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) };
            b["narrative"] = new JsonObject { ["text"] = "Reconstruction test " + Guid.NewGuid().ToString("N"), ["lang"] = "en" };
            change?.Invoke(b);
        });

    private async Task<long> SubmitAsync(string author, string type, JsonObject body, IEnumerable<string>? audience = null)
    {
        using var client = app.CreateClientFor(author);
        using var response = await client.SubmitEntryAsync(app.Sign(author, app.Payload(type, author, audience ?? Everyone, body)));
        return (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("seq").GetInt64();
    }

    private async Task<JsonElement> GetJsonAsync(string reader, string path)
    {
        using var client = app.CreateClientFor(reader);
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return await response.ReadJsonAsync(HttpStatusCode.OK);
    }
}
