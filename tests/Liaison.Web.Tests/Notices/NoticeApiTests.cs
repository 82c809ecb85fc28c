using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Domain.Notices;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Notices;

/// <summary>
/// Notices through the real app: filed, answered, amended and cancelled as signed entries on <c>POST /api/v1/entries</c>,
/// read back from <c>/api/v1/notices</c>, <c>/api/v1/zones</c> and the GeoJSON export. Reads and the life of a notice
/// here, refusals in the other part of this class. Every test files its own notices, with windows relative to the app's
/// clock (which other tests move forward), and asserts on its own ids; other tests' notices may stand nearby, so
/// conflict lists are searched, not compared whole.
/// </summary>
[Collection(nameof(LiaisonAppCollection))]
public sealed partial class NoticeApiTests(LiaisonAppFixture app)
{
    /// <summary>Every party and the convener, and the observer: the widest audience of a notice.</summary>
    internal static readonly string[] Everyone = ["ISR", "SYR", "USA", "UNDOF"];

    /// <summary>The parties and the convener, without the observer.</summary>
    internal static readonly string[] WithoutObserver = ["ISR", "SYR", "USA"];

    /// <summary>4 to 7 km east of the Area of Separation at Quneitra, inside the 10 km band (as examples/areas/east-of-quneitra.geojson).</summary>
    internal static JsonObject EastOfQuneitra => Box(35.935, 33.105, 35.965, 33.135);

    /// <summary>West of the Area of Separation, within 25 km of it (as examples/areas/golan-west-sortie.geojson).</summary>
    internal static JsonObject GolanWest => Box(35.70, 33.00, 35.80, 33.10);

    /// <summary>Around Quneitra's point, inside the Area of Separation.</summary>
    internal static JsonObject InsideSeparation => Box(35.822, 33.120, 35.830, 33.128);

    /// <summary>Around Aleppo's citadel, far from the Golan.</summary>
    internal static JsonObject Aleppo => Box(37.155, 36.195, 37.170, 36.205);

    [Fact]
    public async Task File_OverlapAndBandCap_ConflictsNameTheIsraeliNoticeAndTheBand()
    {
        var now = app.Time.GetUtcNow();
        var works = await FileAsync("isr-officer", Filing("engineering-works", EastOfQuneitra, now.AddDays(1), now.AddDays(4)));

        var movement = await FileAsync("syr-officer", Filing("ground-movement", EastOfQuneitra, now.AddDays(2), now.AddDays(3), Assets(("troops", 900), ("tanks", 80))));

        var view = await NoticeAsync("isr-officer", movement);
        Assert.Equal(movement, view.GetProperty("id").GetInt64());
        Assert.Equal("SYR", view.GetProperty("party").GetString());
        Assert.Equal("syr-officer", view.GetProperty("author").GetString());
        Assert.Equal("ground-movement", view.GetProperty("kind").GetString());
        Assert.Equal("filed", view.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("late").ValueKind);
        Assert.Equal(JsonValueKind.Null, view.GetProperty("altitude").ValueKind);
        Assert.Equal(900, view.GetProperty("assets").GetProperty("troops").GetInt32());
        Assert.Equal(80, view.GetProperty("assets").GetProperty("tanks").GetInt32());
        Assert.Equal(1, view.GetProperty("version").GetInt32());
        Assert.Equal(now.AddDays(2), view.GetProperty("window").GetProperty("start").GetDateTimeOffset());
        Assert.Equal(now.AddDays(3), view.GetProperty("window").GetProperty("end").GetDateTimeOffset());
        Assert.Equal(now, view.GetProperty("filedAt").GetDateTimeOffset());
        var overlap = Conflict(view, "notice-overlap", c => Ids(c, "notices").Contains(works));
        Assert.Equal([works], Ids(overlap, "notices"));
        Assert.Contains(works.ToString(CultureInfo.InvariantCulture), overlap.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var cap = Conflict(view, "zone-limit-exceeded", c => Codes(c, "zones").SequenceEqual(["aol-10km"]));
        Assert.Contains("tanks", cap.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("75", cap.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(view.GetProperty("conflicts").EnumerateArray(), c => c.GetProperty("code").GetString() == "zone-prohibited");
        Assert.Contains("aol-10km", Codes(view, "zones"));
        Assert.DoesNotContain("aos", Codes(view, "zones"));
    }

    [Fact]
    public async Task File_InsideTheAreaOfSeparation_ZoneProhibited()
    {
        var now = app.Time.GetUtcNow();

        var id = await FileAsync("syr-officer", Filing("ground-movement", InsideSeparation, now.AddDays(3), now.AddDays(4), Assets(("troops", 20))));

        var view = await NoticeAsync("syr-officer", id);
        var prohibited = Conflict(view, "zone-prohibited");
        Assert.Equal(["aos"], Codes(prohibited, "zones"));
        Assert.Empty(Ids(prohibited, "notices"));
        Assert.Contains("aos", Codes(view, "zones"));
    }

    [Fact]
    public async Task File_WithinTheBandCaps_NoZoneConflictFromTheCaps()
    {
        var now = app.Time.GetUtcNow();

        var id = await FileAsync("isr-officer", Filing("ground-movement", EastOfQuneitra, now.AddDays(40), now.AddDays(41), Assets(("troops", 100), ("tanks", 5))));

        var view = await NoticeAsync("isr-officer", id);
        Assert.DoesNotContain(view.GetProperty("conflicts").EnumerateArray(), c => c.GetProperty("code").GetString() == "zone-limit-exceeded");
        Assert.Equal(JsonValueKind.Null, view.GetProperty("late").ValueKind);
    }

    [Fact]
    public async Task File_AirSortie20MinutesAheadNearSeparation_Late40Minutes()
    {
        var now = app.Time.GetUtcNow();

        var id = await FileAsync("isr-officer", Filing("air-sortie", GolanWest, now.AddMinutes(20), now.AddHours(2), Assets(("aircraft", 2)), Altitude(3000, 9000)));

        var late = (await NoticeAsync("syr-officer", id)).GetProperty("late");
        Assert.Equal(2400, late.GetProperty("shortfallSeconds").GetInt64());
        Assert.Equal("PT40M", late.GetProperty("shortfall").GetString());
        Assert.Equal("PT1H", late.GetProperty("requiredLead").GetString());
        Assert.Equal("air-near-separation", late.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task File_AirSortieFarFromSeparation_NotLate()
    {
        var now = app.Time.GetUtcNow();

        var id = await FileAsync("isr-officer", Filing("air-sortie", Aleppo, now.AddMinutes(20), now.AddHours(2), altitude: Altitude(3000, 9000)));

        Assert.Equal(JsonValueKind.Null, (await NoticeAsync("isr-officer", id)).GetProperty("late").ValueKind);
    }

    [Fact]
    public async Task File_GroundMovementInBandTwoHoursAhead_Late22Hours()
    {
        var now = app.Time.GetUtcNow();

        var id = await FileAsync("syr-officer", Filing("ground-movement", EastOfQuneitra, now.AddHours(2), now.AddHours(3), Assets(("troops", 10))));

        var late = (await NoticeAsync("syr-officer", id)).GetProperty("late");
        Assert.Equal(22 * 3600, late.GetProperty("shortfallSeconds").GetInt64());
        Assert.Equal("PT22H", late.GetProperty("shortfall").GetString());
        Assert.Equal("P1D", late.GetProperty("requiredLead").GetString());
        Assert.Equal("ground-in-limitation-band", late.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task File_AfterItsWindowEven_AcceptedLateAndCompleted()
    {
        var now = app.Time.GetUtcNow();
        var size = await app.RecordSizeAsync();

        var id = await FileAsync("isr-officer", Filing("uav", GolanWest, now.AddHours(-3), now.AddHours(-2), Assets(("uav", 1)), Altitude(500, 3000)));

        var view = await NoticeAsync("syr-officer", id);
        Assert.Equal(size + 1, await app.RecordSizeAsync());
        Assert.Equal("completed", view.GetProperty("status").GetString());
        Assert.Equal(4 * 3600, view.GetProperty("late").GetProperty("shortfallSeconds").GetInt64());
        Assert.Equal("PT4H", view.GetProperty("late").GetProperty("shortfall").GetString());
    }

    [Fact]
    public async Task File_SelfDefenceTwoHoursAfterStart_LateByOneHourOfGrace()
    {
        var now = app.Time.GetUtcNow();

        var id = await FileAsync("isr-officer", Filing("strike", Aleppo, now.AddHours(-2), now.AddHours(-2).AddMinutes(5), selfDefence: true));

        var view = await NoticeAsync("syr-officer", id);
        Assert.True(view.GetProperty("selfDefence").GetBoolean());
        var late = view.GetProperty("late");
        Assert.Equal("self-defence-grace", late.GetProperty("rule").GetString());
        Assert.Equal("PT1H", late.GetProperty("requiredLead").GetString());
        Assert.Equal(3600, late.GetProperty("shortfallSeconds").GetInt64());
    }

    [Fact]
    public async Task File_SelfDefenceWithinGrace_NotLate()
    {
        var now = app.Time.GetUtcNow();

        var id = await FileAsync("isr-officer", Filing("strike", Aleppo, now.AddMinutes(-30), now.AddMinutes(-25), selfDefence: true));

        Assert.Equal(JsonValueKind.Null, (await NoticeAsync("syr-officer", id)).GetProperty("late").ValueKind);
    }

    [Fact]
    public async Task File_PointWithRadius_PolygonAreaAndCircleKept()
    {
        var now = app.Time.GetUtcNow();
        var body = Filing("live-fire", new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(37.16, 36.20) }, now.AddDays(5), now.AddDays(5).AddHours(2));
        body["radiusMetres"] = 2000;

        var id = await FileAsync("syr-officer", body);

        var view = await NoticeAsync("isr-officer", id);
        Assert.Equal("Polygon", view.GetProperty("area").GetProperty("type").GetString());
        Assert.Equal(2000, view.GetProperty("circle").GetProperty("radiusMetres").GetDouble());
        Assert.Equal([37.16, 36.20], view.GetProperty("circle").GetProperty("centre").EnumerateArray().Select(c => c.GetDouble()));
    }

    [Fact]
    public async Task File_ClockwiseRing_AreaReturnedCounterClockwise()
    {
        var now = app.Time.GetUtcNow();
        var clockwise = Polygon((37.155, 36.195), (37.155, 36.205), (37.170, 36.205), (37.170, 36.195), (37.155, 36.195));

        var id = await FileAsync("syr-officer", Filing("naval", clockwise, now.AddDays(6), now.AddDays(7)));

        var ring = (await NoticeAsync("syr-officer", id)).GetProperty("area").GetProperty("coordinates")[0];
        Assert.True(SignedArea(ring) > 0, $"The exterior ring is counter-clockwise (RFC 7946 §3.1.6): {ring}");
    }

    [Fact]
    public async Task Get_NoticeNotAddressedToObserver_NotFoundAndNotListedForIt()
    {
        var now = app.Time.GetUtcNow();

        var id = await FileAsync("syr-officer", Filing("artillery", Aleppo, now.AddDays(4), now.AddDays(4).AddHours(1), Assets(("short-range-artillery", 4))), WithoutObserver);

        using var observer = app.CreateClientFor("undof-observer");
        using var response = await observer.GetAsync($"/api/v1/notices/{id}", TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "notice-not-found");
        Assert.DoesNotContain(id, IdsOf(await ListAsync("undof-observer", string.Empty)));
        Assert.DoesNotContain(id, IdsOf(await ListAsync("undof-observer", "?party=SYR")));
        var export = await ExportAsync("undof-observer", string.Empty);
        Assert.DoesNotContain(export.GetProperty("features").EnumerateArray(), f => f.GetProperty("properties").GetProperty("featureType").GetString() == "notice" && f.GetProperty("id").GetInt64() == id);
        Assert.Contains(id, IdsOf(await ListAsync("usa-mediator", string.Empty)));
        Assert.Equal(WithoutObserver, (await NoticeAsync("isr-officer", id)).GetProperty("audience").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Get_NoticeAddressedToObserver_ObserverReadsIt()
    {
        var now = app.Time.GetUtcNow();

        var id = await FileAsync("syr-officer", Filing("naval", Aleppo, now.AddDays(4), now.AddDays(4).AddHours(1)));

        Assert.Equal(id, (await NoticeAsync("undof-observer", id)).GetProperty("id").GetInt64());
        Assert.Contains(id, IdsOf(await ListAsync("undof-observer", string.Empty)));
    }

    [Fact]
    public async Task List_Active_KeepsStandingNoticesOnly()
    {
        var now = app.Time.GetUtcNow();
        var standing = await FileAsync("isr-officer", Filing("naval", Aleppo, now.AddDays(8), now.AddDays(9)));
        var cancelled = await FileAsync("isr-officer", Filing("naval", Aleppo, now.AddDays(8), now.AddDays(9)));
        await AnswerAsync("isr-officer", NoticeEntryTypes.Cancel, cancelled, "Called off.");
        var past = await FileAsync("isr-officer", Filing("naval", Aleppo, now.AddHours(-5), now.AddHours(-4)));

        var active = IdsOf(await ListAsync("syr-officer", "?active=true"));
        var all = IdsOf(await ListAsync("syr-officer", string.Empty));

        Assert.Contains(standing, active);
        Assert.DoesNotContain(cancelled, active);
        Assert.DoesNotContain(past, active);
        Assert.Contains(cancelled, all);
        Assert.Contains(past, all);
        Assert.Equal(all.OrderDescending(), all);
    }

    [Fact]
    public async Task List_Bbox_KeepsNoticesWhoseAreaMeetsTheBox()
    {
        var now = app.Time.GetUtcNow();
        var inAleppo = await FileAsync("isr-officer", Filing("naval", Aleppo, now.AddDays(8), now.AddDays(9)));
        var onGolan = await FileAsync("isr-officer", Filing("naval", GolanWest, now.AddDays(8), now.AddDays(9)));

        var aleppo = await ListAsync("syr-officer", "?bbox=37.0,36.1,37.3,36.3");
        var golan = await ListAsync("syr-officer", "?bbox=35.5,32.9,36.0,33.2");

        Assert.Contains(inAleppo, IdsOf(aleppo));
        Assert.DoesNotContain(onGolan, IdsOf(aleppo));
        Assert.Contains(onGolan, IdsOf(golan));
        Assert.DoesNotContain(inAleppo, IdsOf(golan));
    }

    [Theory]
    [InlineData("?bbox=37.3,36.1,37.0,36.3")]
    [InlineData("?bbox=1,2,3")]
    [InlineData("?bbox=a,b,c,d")]
    [InlineData("?kind=submarine")]
    [InlineData("?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")]
    public async Task List_BadQuery_QueryInvalid(string query)
    {
        using var client = app.CreateClientFor("isr-officer");

        using var response = await client.GetAsync("/api/v1/notices" + query, TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "query-invalid");
    }

    [Fact]
    public async Task List_FromTo_HalfOpenWindowsMeetTheRange()
    {
        var now = app.Time.GetUtcNow();
        var start = now.AddDays(10);
        var id = await FileAsync("isr-officer", Filing("naval", Aleppo, start, start.AddDays(1)));

        var inside = IdsOf(await ListAsync("syr-officer", Range(start.AddHours(12), start.AddHours(13))));
        var overlappingStart = IdsOf(await ListAsync("syr-officer", Range(start.AddHours(-1), start.AddSeconds(1))));
        var endingAtStart = IdsOf(await ListAsync("syr-officer", Range(start.AddHours(-1), start)));
        var startingAtEnd = IdsOf(await ListAsync("syr-officer", Range(start.AddDays(1), start.AddDays(2))));

        Assert.Contains(id, inside);
        Assert.Contains(id, overlappingStart);
        Assert.DoesNotContain(id, endingAtStart);
        Assert.DoesNotContain(id, startingAtEnd);
    }

    [Fact]
    public async Task List_PartyAndKind_FilterByCode()
    {
        var now = app.Time.GetUtcNow();
        var israeli = await FileAsync("isr-officer", Filing("humanitarian-convoy", Aleppo, now.AddDays(11), now.AddDays(12)));
        var syrian = await FileAsync("syr-officer", Filing("naval", Aleppo, now.AddDays(11), now.AddDays(12)));

        var byIsrael = await ListAsync("usa-mediator", "?party=ISR");
        var convoys = await ListAsync("usa-mediator", "?kind=humanitarian-convoy");

        Assert.All(byIsrael, n => Assert.Equal("ISR", n.GetProperty("party").GetString()));
        Assert.Contains(israeli, IdsOf(byIsrael));
        Assert.DoesNotContain(syrian, IdsOf(byIsrael));
        Assert.All(convoys, n => Assert.Equal("humanitarian-convoy", n.GetProperty("kind").GetString()));
        Assert.Contains(israeli, IdsOf(convoys));
        Assert.DoesNotContain(syrian, IdsOf(convoys));
    }

    [Fact]
    public async Task Zones_FeatureCollectionOfEveryConfiguredZoneWithKindRulesSourceAttribution()
    {
        using var client = app.CreateClientFor("syr-officer");

        using var response = await client.GetAsync("/api/v1/zones", TestContext.Current.CancellationToken);

        var collection = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("FeatureCollection", collection.GetProperty("type").GetString());
        var zones = collection.GetProperty("features").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!);
        var kinds = new Dictionary<string, string>
        {
            ["aos"] = "prohibited",
            ["aol-10km"] = "limitation-band",
            ["aol-20km"] = "limitation-band",
            ["aol-25km"] = "limitation-band",
            ["suwayda"] = "protected-community",
            ["aleppo-kurdish-quarters"] = "protected-community",
        };
        Assert.Equal(kinds.Keys.Order(), zones.Keys.Order());
        foreach (var (code, zone) in zones)
        {
            var properties = zone.GetProperty("properties");
            Assert.Equal("Feature", zone.GetProperty("type").GetString());
            Assert.Contains(zone.GetProperty("geometry").GetProperty("type").GetString(), new[] { "Polygon", "MultiPolygon" });
            Assert.Equal(code, properties.GetProperty("code").GetString());
            Assert.Equal(kinds[code], properties.GetProperty("kind").GetString());
            Assert.False(string.IsNullOrWhiteSpace(properties.GetProperty("name").GetString()));
            Assert.EndsWith(".geojson", properties.GetProperty("source").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(properties.GetProperty("attribution").GetString()));
        }

        var band = zones["aol-10km"].GetProperty("properties");
        var rules = band.GetProperty("rules");
        Assert.Equal(6000, rules.GetProperty("maxTroops").GetInt32());
        Assert.Equal(75, rules.GetProperty("maxTanks").GetInt32());
        Assert.Equal(36, rules.GetProperty("maxArtillery").GetInt32());
        Assert.Equal(0, rules.GetProperty("depthBandKm").GetProperty("from").GetDouble());
        Assert.Equal(10, rules.GetProperty("depthBandKm").GetProperty("to").GetDouble());
        Assert.Contains("Natural Earth", band.GetProperty("attribution").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("ne_undof_zone.geojson", band.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Equal(["surface-to-air-missile", "surface-to-surface-missile"], zones["aol-25km"].GetProperty("properties").GetProperty("rules").GetProperty("bannedAssetClasses").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["heavy-artillery"], zones["aol-20km"].GetProperty("properties").GetProperty("rules").GetProperty("bannedAssetClasses").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(JsonValueKind.Null, zones["aos"].GetProperty("properties").GetProperty("rules").GetProperty("depthBandKm").ValueKind);
        Assert.Contains("OCHA", zones["suwayda"].GetProperty("properties").GetProperty("attribution").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_Rfc7946FeatureCollectionOfNoticesAndZones()
    {
        var now = app.Time.GetUtcNow();
        var id = await FileAsync("syr-officer", Filing("ground-movement", EastOfQuneitra, now.AddDays(12), now.AddDays(13), Assets(("tanks", 90))));
        using var client = app.CreateClientFor("isr-officer");

        using var response = await client.GetAsync("/api/v1/notices/export.geojson", TestContext.Current.CancellationToken);

        var collection = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("FeatureCollection", collection.GetProperty("type").GetString());
        Assert.False(collection.TryGetProperty("crs", out _), "RFC 7946 has no 'crs' member.");
        var features = collection.GetProperty("features").EnumerateArray().ToList();
        Assert.All(features, f =>
        {
            Assert.Equal("Feature", f.GetProperty("type").GetString());
            Assert.Contains(f.GetProperty("geometry").GetProperty("type").GetString(), new[] { "Polygon", "MultiPolygon" });
            Assert.Contains(f.GetProperty("id").ValueKind, new[] { JsonValueKind.Number, JsonValueKind.String });
        });
        var notice = Assert.Single(features, f => f.GetProperty("properties").GetProperty("featureType").GetString() == "notice" && f.GetProperty("id").GetInt64() == id);
        var properties = notice.GetProperty("properties");
        Assert.False(properties.TryGetProperty("area", out _), "The area is the feature's geometry, not a property.");
        Assert.Equal(id, properties.GetProperty("id").GetInt64());
        Assert.Equal("ground-movement", properties.GetProperty("kind").GetString());
        Conflict(properties, "zone-limit-exceeded");
        Assert.Equal((await NoticeAsync("isr-officer", id)).GetProperty("area").GetRawText(), notice.GetProperty("geometry").GetRawText());
        Assert.True(SignedArea(notice.GetProperty("geometry").GetProperty("coordinates")[0]) > 0, "Exterior rings are counter-clockwise.");
        var zones = features.Where(f => f.GetProperty("properties").GetProperty("featureType").GetString() == "zone").Select(f => f.GetProperty("id").GetString()).ToList();
        Assert.Equal(["aleppo-kurdish-quarters", "aol-10km", "aol-20km", "aol-25km", "aos", "suwayda"], zones.Order());
    }

    [Fact]
    public async Task Export_Filters_AsTheList()
    {
        var now = app.Time.GetUtcNow();
        var convoy = await FileAsync("isr-officer", Filing("humanitarian-convoy", Aleppo, now.AddDays(14), now.AddDays(15)));
        var naval = await FileAsync("isr-officer", Filing("naval", Aleppo, now.AddDays(14), now.AddDays(15)));

        var export = await ExportAsync("syr-officer", "?kind=humanitarian-convoy");

        var notices = export.GetProperty("features").EnumerateArray().Where(f => f.GetProperty("properties").GetProperty("featureType").GetString() == "notice").ToList();
        Assert.Contains(notices, f => f.GetProperty("id").GetInt64() == convoy);
        Assert.DoesNotContain(notices, f => f.GetProperty("id").GetInt64() == naval);
        Assert.All(notices, f => Assert.Equal("humanitarian-convoy", f.GetProperty("properties").GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Ack_ByOtherParty_Acknowledged()
    {
        var now = app.Time.GetUtcNow();
        var id = await FileAsync("isr-officer", Filing("naval", Aleppo, now.AddDays(2), now.AddDays(3)));

        var ack = await AnswerAsync("syr-officer", NoticeEntryTypes.Acknowledge, id);

        var view = await NoticeAsync("isr-officer", id);
        Assert.Equal("acknowledged", view.GetProperty("status").GetString());
        var response = Assert.Single(view.GetProperty("responses").EnumerateArray());
        Assert.Equal(ack, response.GetProperty("seq").GetInt64());
        Assert.Equal("SYR", response.GetProperty("party").GetString());
        Assert.Equal("syr-officer", response.GetProperty("author").GetString());
        Assert.Equal("ack", response.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, response.GetProperty("reason").ValueKind);
    }

    [Fact]
    public async Task Object_ByOtherParty_ObjectedWithReason()
    {
        var now = app.Time.GetUtcNow();
        var id = await FileAsync("syr-officer", Filing("ground-movement", EastOfQuneitra, now.AddDays(2), now.AddDays(3), Assets(("troops", 40))));

        await AnswerAsync("isr-officer", NoticeEntryTypes.Object, id, "Inside the area of limitation without prior coordination.");

        var view = await NoticeAsync("syr-officer", id);
        Assert.Equal("objected", view.GetProperty("status").GetString());
        var response = Assert.Single(view.GetProperty("responses").EnumerateArray());
        Assert.Equal("object", response.GetProperty("kind").GetString());
        Assert.Equal("ISR", response.GetProperty("party").GetString());
        Assert.Equal("Inside the area of limitation without prior coordination.", response.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Status_WhenTheWindowComes_ActiveThenCompleted()
    {
        var now = app.Time.GetUtcNow();
        var id = await FileAsync("isr-officer", Filing("naval", Aleppo, now.AddMinutes(1), now.AddMinutes(2)));
        await AnswerAsync("syr-officer", NoticeEntryTypes.Acknowledge, id);
        Assert.Equal("acknowledged", (await NoticeAsync("isr-officer", id)).GetProperty("status").GetString());

        app.Time.Advance(TimeSpan.FromMinutes(1));
        var during = (await NoticeAsync("isr-officer", id)).GetProperty("status").GetString();
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var after = (await NoticeAsync("isr-officer", id)).GetProperty("status").GetString();

        Assert.Equal("active", during);
        Assert.Equal("completed", after);
    }

    [Fact]
    public async Task Amend_Replaces_OldSupersededBothLinked()
    {
        var now = app.Time.GetUtcNow();
        var first = await FileAsync("isr-officer", Filing("engineering-works", EastOfQuneitra, now.AddDays(20), now.AddDays(22)));

        var second = await FileAsync("isr-officer", Filing("engineering-works", EastOfQuneitra, now.AddDays(21), now.AddDays(22), replaces: first));

        var old = await NoticeAsync("syr-officer", first);
        var amended = await NoticeAsync("syr-officer", second);
        Assert.Equal("superseded", old.GetProperty("status").GetString());
        Assert.Equal(second, old.GetProperty("replacedBy").GetInt64());
        Assert.Equal(JsonValueKind.Null, old.GetProperty("replaces").ValueKind);
        Assert.Equal(1, old.GetProperty("version").GetInt32());
        Assert.Equal("filed", amended.GetProperty("status").GetString());
        Assert.Equal(first, amended.GetProperty("replaces").GetInt64());
        Assert.Equal(JsonValueKind.Null, amended.GetProperty("replacedBy").ValueKind);
        Assert.Equal(2, amended.GetProperty("version").GetInt32());
        Assert.Equal(now.AddDays(21), amended.GetProperty("window").GetProperty("start").GetDateTimeOffset());
        Assert.DoesNotContain(amended.GetProperty("conflicts").EnumerateArray(), c => Ids(c, "notices").Contains(first));
        var active = IdsOf(await ListAsync("syr-officer", "?active=true"));
        Assert.Contains(second, active);
        Assert.DoesNotContain(first, active);
    }

    [Fact]
    public async Task Amend_OverlappingNoticeOfTheOtherParty_NoLongerOverlapsTheSupersededVersion()
    {
        var now = app.Time.GetUtcNow();
        var first = await FileAsync("isr-officer", Filing("engineering-works", Aleppo, now.AddDays(30), now.AddDays(31)));
        var second = await FileAsync("isr-officer", Filing("engineering-works", Aleppo, now.AddDays(32), now.AddDays(33), replaces: first));

        var syrian = await FileAsync("syr-officer", Filing("naval", Aleppo, now.AddDays(30), now.AddDays(31)));

        var view = await NoticeAsync("syr-officer", syrian);
        Assert.DoesNotContain(view.GetProperty("conflicts").EnumerateArray(), c => Ids(c, "notices").Contains(first) || Ids(c, "notices").Contains(second));
    }

    [Fact]
    public async Task Amend_TanksInTheBand_TheReplacedVersionIsNotCountedAgainstTheCap()
    {
        var now = app.Time.GetUtcNow();
        var first = await FileAsync("isr-officer", Filing("ground-movement", EastOfQuneitra, now.AddDays(70), now.AddDays(71), Assets(("tanks", 70))));

        var second = await FileAsync("isr-officer", Filing("ground-movement", EastOfQuneitra, now.AddDays(70), now.AddDays(71), Assets(("tanks", 72)), replaces: first));
        var third = await FileAsync("isr-officer", Filing("ground-movement", EastOfQuneitra, now.AddDays(70), now.AddDays(71), Assets(("tanks", 10))));

        Assert.DoesNotContain((await NoticeAsync("isr-officer", second)).GetProperty("conflicts").EnumerateArray(), c => c.GetProperty("code").GetString() == "zone-limit-exceeded");
        var cap = Conflict(await NoticeAsync("isr-officer", third), "zone-limit-exceeded");
        Assert.Equal([second], Ids(cap, "notices"));
        Assert.Contains("82 tanks", cap.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_HumanitarianConvoyInTheAreaOfSeparation_NoZoneConflict()
    {
        var now = app.Time.GetUtcNow();

        var id = await FileAsync("usa-mediator", Filing("humanitarian-convoy", InsideSeparation, now.AddDays(3), now.AddDays(3).AddHours(4)));

        var view = await NoticeAsync("syr-officer", id);
        Assert.Equal("USA", view.GetProperty("party").GetString());
        Assert.Contains("aos", Codes(view, "zones"));
        Assert.DoesNotContain(view.GetProperty("conflicts").EnumerateArray(), c => c.GetProperty("code").GetString()!.StartsWith("zone-", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Null, view.GetProperty("late").ValueKind);
    }

    [Fact]
    public async Task Cancel_ByFiler_CancelledWithReason()
    {
        var now = app.Time.GetUtcNow();
        var id = await FileAsync("syr-officer", Filing("naval", Aleppo, now.AddDays(2), now.AddDays(3)));

        var cancel = await AnswerAsync("syr-officer", NoticeEntryTypes.Cancel, id, "Exercise postponed.");

        var view = await NoticeAsync("isr-officer", id);
        Assert.Equal("cancelled", view.GetProperty("status").GetString());
        var response = Assert.Single(view.GetProperty("responses").EnumerateArray());
        Assert.Equal(cancel, response.GetProperty("seq").GetInt64());
        Assert.Equal("cancel", response.GetProperty("kind").GetString());
        Assert.Equal("SYR", response.GetProperty("party").GetString());
        Assert.Equal("Exercise postponed.", response.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Cancel_OverlappedNotice_LaterNoticesNoLongerConflictWithIt()
    {
        var now = app.Time.GetUtcNow();
        var israeli = await FileAsync("isr-officer", Filing("engineering-works", Aleppo, now.AddDays(50), now.AddDays(51)));
        await AnswerAsync("isr-officer", NoticeEntryTypes.Cancel, israeli, "Works postponed.");

        var syrian = await FileAsync("syr-officer", Filing("naval", Aleppo, now.AddDays(50), now.AddDays(51)));

        var view = await NoticeAsync("syr-officer", syrian);
        Assert.DoesNotContain(view.GetProperty("conflicts").EnumerateArray(), c => Ids(c, "notices").Contains(israeli));
    }

    // ---- helpers shared by the parts of this class and the live and replay tests ----

    internal static JsonObject Box(double west, double south, double east, double north) =>
        Polygon((west, south), (east, south), (east, north), (west, north), (west, south));

    internal static JsonObject Polygon(params (double Lon, double Lat)[] ring) => new()
    {
        ["type"] = "Polygon",
        ["coordinates"] = new JsonArray(new JsonArray([.. ring.Select(p => (JsonNode)new JsonArray(p.Lon, p.Lat))])),
    };

    internal static JsonObject Assets(params (string Asset, int Count)[] counts)
    {
        var assets = new JsonObject();
        foreach (var (asset, count) in counts)
        {
            assets[asset] = count;
        }

        return assets;
    }

    internal static JsonObject Altitude(int min, int max) => new() { ["minMetres"] = min, ["maxMetres"] = max };

    /// <summary>A <c>notice.file</c> body; its text is unique, so that two filings are never one duplicate payload.</summary>
    internal static JsonObject Filing(string kind, JsonNode area, DateTimeOffset start, DateTimeOffset end, JsonObject? assets = null, JsonObject? altitude = null, bool selfDefence = false, long? replaces = null)
    {
        var body = new JsonObject
        {
            ["kind"] = kind,
            ["area"] = area.DeepClone(),
            ["window"] = new JsonObject { ["start"] = Rfc3339(start), ["end"] = Rfc3339(end) },
            ["text"] = "Notice test " + Guid.NewGuid().ToString("N"),
            ["lang"] = "en",
        };
        if (assets is not null)
        {
            body["assets"] = assets;
        }

        if (altitude is not null)
        {
            body["altitude"] = altitude;
        }

        if (selfDefence)
        {
            body["selfDefence"] = true;
        }

        if (replaces is not null)
        {
            body["replaces"] = replaces;
        }

        return body;
    }

    internal static string Rfc3339(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The conflict with this code (and matching <paramref name="match"/>), failing with the conflicts when there is none.</summary>
    internal static JsonElement Conflict(JsonElement view, string code, Func<JsonElement, bool>? match = null)
    {
        var conflicts = view.GetProperty("conflicts").EnumerateArray().ToList();
        var found = conflicts.FirstOrDefault(c => c.GetProperty("code").GetString() == code && (match is null || match(c)));
        Assert.True(found.ValueKind == JsonValueKind.Object, $"No {code} conflict among {view.GetProperty("conflicts")}.");
        return found;
    }

    internal static List<long> Ids(JsonElement element, string property) => [.. element.GetProperty(property).EnumerateArray().Select(i => i.GetInt64())];

    internal static List<string> Codes(JsonElement element, string property) => [.. element.GetProperty(property).EnumerateArray().Select(i => i.GetString()!)];

    internal static List<long> IdsOf(IEnumerable<JsonElement> notices) => [.. notices.Select(n => n.GetProperty("id").GetInt64())];

    /// <summary>Twice the signed area of a ring by the shoelace formula: positive when counter-clockwise.</summary>
    internal static double SignedArea(JsonElement ring)
    {
        var points = ring.EnumerateArray().Select(p => (X: p[0].GetDouble(), Y: p[1].GetDouble())).ToList();
        return points.Zip(points.Skip(1)).Sum(pair => (pair.First.X * pair.Second.Y) - (pair.Second.X * pair.First.Y));
    }

    private static string Range(DateTimeOffset from, DateTimeOffset to) => $"?from={Rfc3339(from)}&to={Rfc3339(to)}";

    private Features.Entries.SignedEntry Entry(string author, string type, JsonObject body, IEnumerable<string>? audience = null) =>
        app.Sign(author, app.Payload(type, author, audience ?? Everyone, body));

    private async Task<HttpResponseMessage> SubmitAsync(string author, string type, JsonObject body, IEnumerable<string>? audience = null)
    {
        using var client = app.CreateClientFor(author);
        return await client.SubmitEntryAsync(Entry(author, type, body, audience));
    }

    /// <summary>Files a notice and returns its id (the entry's sequence number).</summary>
    private async Task<long> FileAsync(string author, JsonObject body, IEnumerable<string>? audience = null)
    {
        using var response = await SubmitAsync(author, NoticeEntryTypes.File, body, audience);
        return (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("seq").GetInt64();
    }

    /// <summary>Acknowledges (no reason), objects to or cancels a notice; returns the entry's sequence number.</summary>
    private async Task<long> AnswerAsync(string author, string type, long notice, string? reason = null)
    {
        using var response = await SubmitAsync(author, type, AnswerBody(notice, reason));
        return (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("seq").GetInt64();
    }

    private static JsonObject AnswerBody(long notice, string? reason)
    {
        var body = new JsonObject { ["notice"] = notice };
        if (reason is not null)
        {
            body["reason"] = reason;
        }

        return body;
    }

    private async Task<JsonElement> NoticeAsync(string viewer, long id)
    {
        using var client = app.CreateClientFor(viewer);
        using var response = await client.GetAsync($"/api/v1/notices/{id}", TestContext.Current.CancellationToken);
        return await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    private async Task<List<JsonElement>> ListAsync(string viewer, string query)
    {
        using var client = app.CreateClientFor(viewer);
        using var response = await client.GetAsync("/api/v1/notices" + query, TestContext.Current.CancellationToken);
        return [.. (await response.ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray()];
    }

    private async Task<JsonElement> ExportAsync(string viewer, string query)
    {
        using var client = app.CreateClientFor(viewer);
        using var response = await client.GetAsync("/api/v1/notices/export.geojson" + query, TestContext.Current.CancellationToken);
        return await response.ReadJsonAsync(HttpStatusCode.OK);
    }
}
