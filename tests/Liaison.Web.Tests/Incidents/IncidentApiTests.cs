using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Domain.Incidents;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Incidents;

/// <summary>
/// Incidents through the real app: reported and moved through their workflow as signed entries on
/// <c>POST /api/v1/entries</c>, read back from <c>/api/v1/incidents</c>, <c>/api/v1/places</c> and the statistics. The
/// app and its clock are shared: every test reports its own incidents, at places of its own, and asserts on its own ids.
/// </summary>
[Collection(nameof(LiaisonAppCollection))]
public sealed partial class IncidentApiTests(LiaisonAppFixture app)
{
    private static readonly string[] Everyone = ["ISR", "SYR", "USA", "UNDOF"];
    private static int _place;

    [Fact]
    public async Task Report_WithEvidenceAndPlace_ReadByTheOtherPartyInFull()
    {
        var bytes = RandomNumberGenerator.GetBytes(64);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await UploadAsync("syr-officer", sha, bytes);
        var notice = (await GetJsonAsync("syr-officer", "/api/v1/notices"))[0].GetProperty("id").GetInt64();
        var message = (await GetJsonAsync("syr-officer", "/api/v1/entries?type=message.send&limit=1")).GetProperty("entries")[0].GetProperty("seq").GetInt64();
        var body = Report("exchange-of-fire", Unique(), b =>
        {
            b["placeName"] = "Sheikh Maqsoud";
            b["evidence"] = new JsonArray(new JsonObject { ["sha256"] = sha, ["name"] = "crater.jpg", ["mediaType"] = "image/jpeg", ["size"] = bytes.Length });
            b["links"] = new JsonObject { ["notices"] = new JsonArray(notice), ["messages"] = new JsonArray(message) };
        });

        var id = await SubmitAsync("syr-officer", IncidentEntryTypes.Report, body);

        var view = await IncidentAsync("isr-officer", id);
        Assert.Equal(("SYR", "exchange-of-fire", "reported", "B2"), (view.GetProperty("party").GetString(), view.GetProperty("category").GetString(), view.GetProperty("status").GetString(), view.GetProperty("grading").GetString()));
        Assert.Equal(["ISR"], Strings(view, "concerns"));
        Assert.Equal("Sheikh Maqsoud", view.GetProperty("placeName").GetString());
        Assert.Equal(sha, view.GetProperty("evidence")[0].GetProperty("sha256").GetString());
        Assert.Equal(2, view.GetProperty("casualties").GetProperty("civilians").GetProperty("killed").GetProperty("max").GetInt32());
        Assert.Equal("acknowledgement", view.GetProperty("deadline").GetProperty("stage").GetString());
        Assert.Equal(view.GetProperty("reportedAt").GetDateTimeOffset().AddHours(24), view.GetProperty("deadline").GetProperty("due").GetDateTimeOffset());
        Assert.Equal(id, view.GetProperty("eventId").GetInt64());
        Assert.Equal("incident.report", view.GetProperty("timeline")[0].GetProperty("type").GetString());
        Assert.Equal([notice], view.GetProperty("links").GetProperty("notices").EnumerateArray().Select(n => n.GetInt64()));
        Assert.Equal([message], view.GetProperty("links").GetProperty("messages").EnumerateArray().Select(n => n.GetInt64()));
        using var download = await app.CreateClientFor("isr-officer").GetAsync($"/api/v1/attachments/{sha}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
    }

    [Fact]
    public async Task Report_NotAddressedToTheObserver_IsNotShownToIt()
    {
        var id = await SubmitAsync("syr-officer", IncidentEntryTypes.Report, Report("detention", Unique()), ["ISR", "SYR", "USA"]);

        using var client = app.CreateClientFor("undof-observer");
        using var response = await client.GetAsync($"/api/v1/incidents/{id}", TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "incident-not-found");
        var page = await ListAsync("undof-observer", "?category=detention&limit=500");
        Assert.DoesNotContain(page.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == id);
    }

    [Theory]
    [InlineData("category", "\"shelling\"", HttpStatusCode.BadRequest, "payload-invalid")]
    [InlineData("actors", "[\"martians\"]", HttpStatusCode.BadRequest, "payload-invalid")]
    [InlineData("grading", "\"G7\"", HttpStatusCode.BadRequest, "payload-invalid")]
    [InlineData("casualties", "{\"ISR\":{\"wounded\":{\"min\":4,\"max\":1}}}", HttpStatusCode.BadRequest, "payload-invalid")]
    [InlineData("placeName", "\"Sheikh Maqsod\"", HttpStatusCode.BadRequest, "place-unknown")]
    [InlineData("evidence", "[{\"sha256\":\"0000000000000000000000000000000000000000000000000000000000000001\",\"name\":\"x.jpg\",\"mediaType\":\"image/jpeg\",\"size\":5}]", HttpStatusCode.BadRequest, "attachment-not-stored")]
    [InlineData("concerns", "[\"UNDOF\"]", HttpStatusCode.BadRequest, "incident-concerns-invalid")]
    [InlineData("links", "{\"notices\":[1]}", HttpStatusCode.BadRequest, "incident-link-unknown")]
    [InlineData("links", "{\"messages\":[999999]}", HttpStatusCode.BadRequest, "incident-link-unknown")]
    public async Task Report_BadInput_ProblemAndNothingStored(string field, string value, HttpStatusCode status, string code)
    {
        using var client = app.CreateClientFor("syr-officer");
        var size = await client.RecordSizeAsync();

        using var response = await client.SubmitEntryAsync(Entry("syr-officer", IncidentEntryTypes.Report, Report("strike", Unique(), b => b[field] = JsonNode.Parse(value))));

        var problem = await response.AssertProblemAsync(status, code);
        if (code == "place-unknown")
        {
            Assert.Contains("Ash-Sheikh Maqsoud", problem.GetProperty("nearest").EnumerateArray().Select(n => n.GetString()));
        }

        await client.AssertNothingStoredSinceAsync(size);
    }

    [Fact]
    public async Task Workflow_AcknowledgedDisputedReferredFound_WithItsTimeline()
    {
        var id = await SubmitAsync("syr-officer", IncidentEntryTypes.Report, Report("strike", Unique()));

        await SubmitAsync("isr-duty", IncidentEntryTypes.Acknowledge, new JsonObject { ["incident"] = id });
        Assert.Equal("acknowledged", (await IncidentAsync("syr-officer", id)).GetProperty("status").GetString());
        await SubmitAsync("isr-officer", IncidentEntryTypes.Dispute, new JsonObject { ["incident"] = id, ["reason"] = "לא היה כוח שלנו באזור.", ["lang"] = "he" });
        await SubmitAsync("syr-officer", IncidentEntryTypes.Refer, new JsonObject { ["incident"] = id });
        await SubmitAsync("usa-mediator", IncidentEntryTypes.Finding, new JsonObject { ["incident"] = id, ["outcome"] = "inconclusive", ["reasons"] = "The evidence does not show who fired.", ["lang"] = "en" });

        var view = await IncidentAsync("undof-observer", id);
        Assert.Equal("finding", view.GetProperty("status").GetString());
        Assert.Equal("inconclusive", view.GetProperty("finding").GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("deadline").ValueKind);
        Assert.Equal("ISR", view.GetProperty("acknowledgements")[0].GetProperty("party").GetString());
        var types = view.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("type").GetString()).Where(t => t != "incident.escalate");
        Assert.Equal(["incident.report", "incident.ack", "incident.dispute", "incident.refer", "incident.finding"], types);
    }

    [Theory]
    [InlineData("isr-officer", IncidentEntryTypes.Review, HttpStatusCode.Conflict, "incident-out-of-order")]
    [InlineData("isr-officer", IncidentEntryTypes.Refer, HttpStatusCode.Conflict, "incident-out-of-order")]
    [InlineData("syr-officer", IncidentEntryTypes.Acknowledge, HttpStatusCode.Forbidden, "incident-not-allowed")]
    [InlineData("isr-officer", IncidentEntryTypes.Finding, HttpStatusCode.Forbidden, "role-forbidden")]
    [InlineData("usa-mediator", IncidentEntryTypes.Finding, HttpStatusCode.Conflict, "incident-out-of-order")]
    public async Task Transition_OutOfOrderOrUnauthorised_ProblemAndNothingStored(string author, string type, HttpStatusCode status, string code)
    {
        var id = await SubmitAsync("syr-officer", IncidentEntryTypes.Report, Report("strike", Unique()));
        var body = new JsonObject { ["incident"] = id };
        if (type == IncidentEntryTypes.Finding)
        {
            body["outcome"] = "substantiated";
            body["reasons"] = "Because.";
            body["lang"] = "en";
        }

        using var client = app.CreateClientFor(author);
        var size = await client.RecordSizeAsync();
        using var response = await client.SubmitEntryAsync(Entry(author, type, body));

        await response.AssertProblemAsync(status, code);
        await client.AssertNothingStoredSinceAsync(size);
        Assert.Equal("reported", (await IncidentAsync("syr-officer", id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Duplicates_SuggestedThenLinkedAsOneEvent()
    {
        var (lon, lat) = Unique();
        var syrian = await SubmitAsync("syr-officer", IncidentEntryTypes.Report, Report("exchange-of-fire", (lon, lat)));
        var israeli = await SubmitAsync("isr-officer", IncidentEntryTypes.Report, Report("exchange-of-fire", (lon + 0.02, lat + 0.01)));

        var suggested = await GetJsonAsync("isr-officer", $"/api/v1/incidents/{syrian}/suggested-duplicates");
        Assert.Contains(suggested.EnumerateArray(), d => d.GetProperty("id").GetInt64() == israeli && d.GetProperty("distanceKm").GetDouble() < 3);

        await SubmitAsync("usa-mediator", IncidentEntryTypes.Link, new JsonObject { ["incidents"] = new JsonArray(syrian, israeli), ["reason"] = "Both sides report the same exchange." });

        var view = await IncidentAsync("syr-officer", israeli);
        Assert.Equal([syrian, israeli], view.GetProperty("event").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(syrian, view.GetProperty("eventId").GetInt64());
        Assert.DoesNotContain(view.GetProperty("suggestedDuplicates").EnumerateArray(), d => d.GetProperty("id").GetInt64() == syrian);
        using var again = await app.CreateClientFor("isr-officer").SubmitEntryAsync(Entry("isr-officer", IncidentEntryTypes.Link, new JsonObject { ["incidents"] = new JsonArray(israeli, syrian) }));
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "incident-already-linked");
    }

    [Fact]
    public async Task List_FiltersAndPages()
    {
        var (lon, lat) = Unique();
        var first = await SubmitAsync("isr-officer", IncidentEntryTypes.Report, Report("airspace-violation", (lon, lat)));
        var second = await SubmitAsync("isr-officer", IncidentEntryTypes.Report, Report("airspace-violation", (lon + 0.001, lat)));
        var bbox = string.Create(CultureInfo.InvariantCulture, $"{lon - 0.01},{lat - 0.01},{lon + 0.01},{lat + 0.01}");

        var page1 = await ListAsync("syr-officer", $"?category=airspace-violation&party=ISR&status=reported&bbox={bbox}&limit=1");
        var cursor = page1.GetProperty("nextCursor").GetInt64();
        var page2 = await ListAsync("syr-officer", $"?category=airspace-violation&bbox={bbox}&limit=1&cursor={cursor}");

        Assert.Equal([second], page1.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal([first], page2.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("nextCursor").ValueKind);
        var point = page1.GetProperty("items")[0].GetProperty("point");
        Assert.Equal(lon + 0.001, point[0].GetDouble(), 6);
        Assert.Empty((await ListAsync("syr-officer", $"?category=airspace-violation&status=resolved&bbox={bbox}")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task List_ByStatus_FindsIncidentsByTheirDurableSteps()
    {
        var (lon, lat) = Unique();
        var acknowledged = await SubmitAsync("syr-officer", IncidentEntryTypes.Report, Report("detention", (lon, lat)));
        var reported = await SubmitAsync("syr-officer", IncidentEntryTypes.Report, Report("detention", (lon + 0.001, lat)));
        await SubmitAsync("isr-duty", IncidentEntryTypes.Acknowledge, new JsonObject { ["incident"] = acknowledged });
        var bbox = string.Create(CultureInfo.InvariantCulture, $"{lon - 0.01},{lat - 0.01},{lon + 0.01},{lat + 0.01}");

        async Task<List<long>> Ids(string status) =>
            [.. (await ListAsync("undof-observer", $"?status={status}&bbox={bbox}&limit=500")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64())];

        Assert.Equal([acknowledged], await Ids("acknowledged"));
        Assert.Equal([reported], await Ids("reported"));
        Assert.Empty(await Ids("disputed"));
    }

    [Theory]
    [InlineData("?category=shelling")]
    [InlineData("?status=closed")]
    [InlineData("?bbox=1,2,3")]
    [InlineData("?limit=0")]
    [InlineData("?limit=501")]
    [InlineData("?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")]
    public async Task List_BadQuery_Problem(string query)
    {
        using var client = app.CreateClientFor("isr-officer");
        using var response = await client.GetAsync("/api/v1/incidents" + query, TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "query-invalid");
    }

    [Fact]
    public async Task Places_MatchInArabic_NearestWhenNothingMatches()
    {
        var found = await GetJsonAsync("isr-officer", "/api/v1/places?q=" + Uri.EscapeDataString("الشيخ مقصود"));
        var missed = await GetJsonAsync("isr-officer", "/api/v1/places?q=Sheikh%20Maqsod");

        Assert.Equal("Ash-Sheikh Maqsoud", found.GetProperty("matches")[0].GetProperty("name").GetString());
        Assert.Equal(2, found.GetProperty("matches")[0].GetProperty("point").GetArrayLength());
        Assert.Empty(missed.GetProperty("matches").EnumerateArray());
        Assert.Equal("Ash-Sheikh Maqsoud", missed.GetProperty("nearest")[0].GetProperty("name").GetString());
        using var client = app.CreateClientFor("isr-officer");
        using var blank = await client.GetAsync("/api/v1/places", TestContext.Current.CancellationToken);
        await blank.AssertProblemAsync(HttpStatusCode.BadRequest, "query-invalid");
    }

    [Fact]
    public async Task Stats_PerSide_CountsTheReportsOfThePeriod()
    {
        var before = await GetJsonAsync("usa-mediator", "/api/v1/incidents/stats?period=P30D");
        await SubmitAsync("syr-officer", IncidentEntryTypes.Report, Report("smuggling-drugs", Unique()));

        var after = await GetJsonAsync("usa-mediator", "/api/v1/incidents/stats?period=P30D");

        Assert.Equal(Reported(before, "SYR") + 1, Reported(after, "SYR"));
        Assert.Equal("P30D", after.GetProperty("period").GetString());
        using var client = app.CreateClientFor("usa-mediator");
        using var bad = await client.GetAsync("/api/v1/incidents/stats?period=P1M", TestContext.Current.CancellationToken);
        await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "query-invalid");

        static int Reported(JsonElement stats, string party) =>
            stats.GetProperty("sides").EnumerateArray().Single(s => s.GetProperty("party").GetString() == party).GetProperty("reported").GetInt32();
    }

    [Fact]
    public async Task Stats_FromTo_CountOnlyTheReportsOfThatPeriod()
    {
        var now = app.Time.GetUtcNow();
        string Query(DateTimeOffset from, DateTimeOffset to) =>
            $"/api/v1/incidents/stats?from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}";
        var around = Query(now.AddHours(-1), now.AddHours(1));
        var before = await GetJsonAsync("usa-mediator", around);
        var earlier = await GetJsonAsync("usa-mediator", Query(now.AddDays(-3), now.AddDays(-2)));
        await SubmitAsync("isr-officer", IncidentEntryTypes.Report, Report("smuggling-drugs", Unique()));

        var after = await GetJsonAsync("usa-mediator", around);

        Assert.Equal(Reported(before, "ISR") + 1, Reported(after, "ISR"));
        Assert.Equal(Reported(earlier, "ISR"), Reported(await GetJsonAsync("usa-mediator", Query(now.AddDays(-3), now.AddDays(-2))), "ISR"));
        Assert.Equal("PT2H", after.GetProperty("period").GetString());
        using var client = app.CreateClientFor("usa-mediator");
        using var backwards = await client.GetAsync(Query(now, now.AddDays(-1)), TestContext.Current.CancellationToken);
        await backwards.AssertProblemAsync(HttpStatusCode.BadRequest, "query-invalid");

        static int Reported(JsonElement stats, string party) =>
            stats.GetProperty("sides").EnumerateArray().Single(s => s.GetProperty("party").GetString() == party).GetProperty("reported").GetInt32();
    }

    [Fact]
    public async Task Deadline_Missed_EscalatedByTheServer_ThenALateAcknowledgementIsMarked()
    {
        var id = await SubmitAsync("syr-officer", IncidentEntryTypes.Report, Report("line-crossing", Unique()));
        var reportedAt = (await IncidentAsync("isr-officer", id)).GetProperty("reportedAt").GetDateTimeOffset();

        var now = app.Time.GetUtcNow();
        if (reportedAt.AddHours(24) > now)
        {
            app.Time.Advance(reportedAt.AddHours(24) - now);
        }

        var escalation = await WaitForEscalationAsync(id);
        Assert.Equal("acknowledgement", escalation.GetProperty("stage").GetString());
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await SubmitAsync("isr-officer", IncidentEntryTypes.Acknowledge, new JsonObject { ["incident"] = id });

        var view = await IncidentAsync("syr-officer", id);
        var ack = view.GetProperty("acknowledgements")[0];
        Assert.Equal("incidentAcknowledgement", ack.GetProperty("late").GetProperty("rule").GetString());
        Assert.True(ack.GetProperty("late").GetProperty("shortfallSeconds").GetInt64() >= 0);
        Assert.True(view.GetProperty("late").GetBoolean());
        Assert.Single(view.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("type").GetString() == "incident.escalate");
        Assert.Equal("review", view.GetProperty("deadline").GetProperty("stage").GetString());
    }

    /// <summary>A report body at <paramref name="at"/>, changed by <paramref name="change"/>.</summary>
    internal static JsonObject Report(string category, (double Lon, double Lat) at, Action<JsonObject>? change = null)
    {
        var body = new JsonObject
        {
            ["category"] = category,
            ["time"] = new JsonObject { ["start"] = "2026-01-05T22:00:00Z" },
            ["location"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(at.Lon, at.Lat) },
            ["actors"] = new JsonArray("unknown"),
            ["casualties"] = new JsonObject { ["civilians"] = new JsonObject { ["killed"] = new JsonObject { ["min"] = 0, ["max"] = 2 } } },
            ["narrative"] = new JsonObject { ["text"] = "اشتباك قرب الموقع.", ["lang"] = "ar" },
            ["grading"] = "B2",
        };
        change?.Invoke(body);
        return body;
    }

    /// <summary>A point of this test's own, spaced 50 km apart along a line in the Syrian desert, so no two tests' reports are duplicates.</summary>
    private static (double Lon, double Lat) Unique()
    {
        var n = Interlocked.Increment(ref _place);
        return (38.0 + (n * 0.55), 34.0 + ((n % 7) * 0.3));
    }

    private static List<string?> Strings(JsonElement element, string name) => [.. element.GetProperty(name).EnumerateArray().Select(e => e.GetString())];

    private Features.Entries.SignedEntry Entry(string author, string type, JsonObject body, IEnumerable<string>? audience = null) =>
        app.Sign(author, app.Payload(type, author, audience ?? Everyone, body));

    private async Task<long> SubmitAsync(string author, string type, JsonObject body, IEnumerable<string>? audience = null)
    {
        using var client = app.CreateClientFor(author);
        using var response = await client.SubmitEntryAsync(Entry(author, type, body, audience));
        return (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("seq").GetInt64();
    }

    private async Task UploadAsync(string author, string sha, byte[] bytes)
    {
        using var client = app.CreateClientFor(author);
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await client.PutAsync($"/api/v1/attachments/{sha}", content, TestContext.Current.CancellationToken);
        await response.ReadJsonAsync(HttpStatusCode.Created);
    }

    private Task<JsonElement> IncidentAsync(string viewer, long id) => GetJsonAsync(viewer, $"/api/v1/incidents/{id}");

    private Task<JsonElement> ListAsync(string viewer, string query) => GetJsonAsync(viewer, "/api/v1/incidents" + query);

    private async Task<JsonElement> GetJsonAsync(string viewer, string path)
    {
        using var client = app.CreateClientFor(viewer);
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    /// <summary>
    /// Waits for the server's escalation of incident <paramref name="id"/>: the deadline service waits on the fake clock,
    /// so the clock is nudged by one pass (2 s) every half second, as the hotline's deadline tests do.
    /// </summary>
    private async Task<JsonElement> WaitForEscalationAsync(long id)
    {
        var waited = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            var view = await IncidentAsync("usa-mediator", id);
            var escalation = view.GetProperty("timeline").EnumerateArray().FirstOrDefault(t => t.GetProperty("type").GetString() == "incident.escalate");
            if (escalation.ValueKind == JsonValueKind.Object)
            {
                Assert.Equal("server", escalation.GetProperty("author").GetString());
                return escalation;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), $"No escalation of incident {id} after {waited.Elapsed.TotalSeconds:0} s.");
            await Task.Delay(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
            if (attempt % 5 == 0)
            {
                app.Time.Advance(TimeSpan.FromSeconds(2));
            }
        }
    }
}
