using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Domain.VerificationVisits;

namespace Liaison.Web.Tests.Disputes;

/// <summary>
/// Verification visits through the real app: requests, reports with violations computed against the zone's limits,
/// the on-demand deadline and the cadence kept by the server's own entries, and the schedule.
/// </summary>
[Collection(nameof(LiaisonAppCollection))]
public sealed partial class VerificationApiTests(LiaisonAppFixture app)
{
    private static readonly TimeSpan OnDemand = TimeSpan.FromHours(48);
    private readonly CaseClient _cases = new(app);

    private static JsonObject Request(string zone = "aos") => new() { ["zone"] = zone, ["reason"] = $"Movement reported inside the zone ({Guid.NewGuid():N}).", ["lang"] = "en" };

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private JsonObject Report(string zone, JsonObject? observed = null, long? request = null, JsonArray? violations = null, DateTimeOffset? end = null)
    {
        var visitEnd = end ?? app.Time.GetUtcNow().AddMinutes(-10);
        var report = new JsonObject
        {
            ["zone"] = zone,
            ["visit"] = new JsonObject { ["start"] = Time(visitEnd.AddHours(-3)), ["end"] = Time(visitEnd) },
            ["observed"] = observed ?? new JsonObject(),
            ["violations"] = violations ?? [],
            ["text"] = $"Patrol along the line; positions inspected ({Guid.NewGuid():N}).",
            ["lang"] = "en",
        };
        if (request is { } r)
        {
            report["request"] = r;
        }

        return report;
    }

    [Fact]
    public async Task ARequestAnsweredByAnObserversReport_WithViolationsComputedFromTheZone()
    {
        var request = await _cases.AcceptedAsync("syr-officer", VerificationEntryTypes.Request, Request());
        var asked = await _cases.GetAsync("isr-officer", $"/api/v1/verification/requests/{request}");
        Assert.Equal(("open", "aos"), (asked.GetProperty("status").GetString(), asked.GetProperty("zone").GetString()));
        Assert.Equal(asked.GetProperty("at").GetDateTimeOffset() + OnDemand, asked.GetProperty("due").GetDateTimeOffset());

        var observed = new JsonObject { ["SYR"] = new JsonObject { ["troops"] = 40 }, ["ISR"] = new JsonObject() };
        var stated = new JsonArray(new JsonObject { ["party"] = "SYR", ["rule"] = "checkpoint", ["text"] = "An unannounced checkpoint on the road." });
        var report = await _cases.AcceptedAsync("undof-observer", VerificationEntryTypes.Report, Report("aos", observed, request, stated));

        var view = await _cases.GetAsync("isr-officer", $"/api/v1/verification/reports/{report}");
        Assert.Equal(("UNDOF", "aos", request), (view.GetProperty("party").GetString(), view.GetProperty("zone").GetString(), view.GetProperty("request").GetInt64()));
        Assert.True(view.GetProperty("limits").GetProperty("noForces").GetBoolean());
        Assert.Equal(40, view.GetProperty("observed").GetProperty("SYR").GetProperty("troops").GetInt32());
        var violations = view.GetProperty("violations").EnumerateArray().ToList();
        Assert.Equal([("SYR", "zone-prohibited", true), ("SYR", "checkpoint", false)],
            violations.Select(v => (v.GetProperty("party").GetString(), v.GetProperty("rule").GetString(), v.GetProperty("computed").GetBoolean())));
        var answered = await _cases.GetAsync("syr-officer", $"/api/v1/verification/requests/{request}");
        Assert.Equal(("answered", report), (answered.GetProperty("status").GetString(), answered.GetProperty("answeredBy").GetInt64()));

        var schedule = await _cases.GetAsync("syr-officer", "/api/v1/verification/schedule");
        Assert.Equal("P15D", schedule.GetProperty("cadence").GetString());
        var aos = schedule.GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("zone").GetString() == "aos");
        Assert.Equal(report, aos.GetProperty("lastReport").GetInt64());
        Assert.Equal(aos.GetProperty("lastVisit").GetDateTimeOffset() + TimeSpan.FromDays(15), aos.GetProperty("nextDue").GetDateTimeOffset());
        Assert.Contains((await _cases.GetAsync("usa-mediator", "/api/v1/verification/reports?zone=aos&party=SYR")).EnumerateArray(), r => r.GetProperty("id").GetInt64() == report);
    }

    [Fact]
    public async Task ALimitationBandsCapsAndBannedClasses_AreCheckedInAConvenersReport()
    {
        var observed = new JsonObject { ["ISR"] = new JsonObject { ["tanks"] = 90, ["heavy-artillery"] = 2 } };
        var report = await _cases.AcceptedAsync("usa-mediator", VerificationEntryTypes.Report, Report("aol-10km", observed));

        var view = await _cases.GetAsync("syr-officer", $"/api/v1/verification/reports/{report}");
        Assert.Equal(75, view.GetProperty("limits").GetProperty("maxTanks").GetInt32());
        var rules = view.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("rule").GetString()).ToList();
        Assert.Equal(["zone-limit-exceeded"], rules);
        Assert.Contains("90 tanks", view.GetProperty("violations")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnansweredRequest_TheServerRecordsItOverdueOnce()
    {
        var request = await _cases.AcceptedAsync("isr-officer", VerificationEntryTypes.Request, Request("aol-20km"));
        var due = (await _cases.GetAsync("isr-officer", $"/api/v1/verification/requests/{request}")).GetProperty("due").GetDateTimeOffset();

        _cases.AdvanceTo(due);
        var (entry, payload) = Assert.Single(await _cases.WaitForServerEntriesAsync(VerificationEntryTypes.Overdue, request, p => p.TryGetProperty("request", out var r) && r.GetInt64() == request));

        Assert.Equal(due, payload.GetProperty("due").GetDateTimeOffset());
        var view = await _cases.GetAsync("isr-officer", $"/api/v1/verification/requests/{request}");
        Assert.Equal(("overdue", entry.GetProperty("seq").GetInt64()), (view.GetProperty("status").GetString(), view.GetProperty("overdueSeq").GetInt64()));
        Assert.True(view.GetProperty("secondsLeft").GetInt64() <= 0);
    }

    [Fact]
    public async Task EachZoneIsDueOnTheCadence_TheServerRecordsItOverdueOncePerDueInstant()
    {
        var zone = (await _cases.GetAsync("usa-mediator", "/api/v1/verification/schedule")).GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("zone").GetString() == "aleppo-kurdish-quarters");
        var next = zone.GetProperty("nextDue").GetDateTimeOffset();
        var size = await app.RecordSizeAsync();

        _cases.AdvanceTo(next);
        await _cases.WaitForServerEntriesAsync(VerificationEntryTypes.Overdue, size - 1, p => p.GetProperty("zone").GetString() == "aleppo-kurdish-quarters");
        app.Time.Advance(TimeSpan.FromSeconds(2));
        app.Time.Advance(TimeSpan.FromSeconds(2));

        var overdue = (await _cases.EntriesAsync(VerificationEntryTypes.Overdue, size - 1)).Where(e => e.Payload.GetProperty("zone").GetString() == "aleppo-kurdish-quarters").ToList();
        Assert.Equal(next, Assert.Single(overdue).Payload.GetProperty("due").GetDateTimeOffset());
        var after = (await _cases.GetAsync("usa-mediator", "/api/v1/verification/schedule")).GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("zone").GetString() == "aleppo-kurdish-quarters");
        Assert.True(after.GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task Refusals_EachAClearProblem_NothingStored()
    {
        await _cases.RefusedAsync("syr-officer", VerificationEntryTypes.Request, Request("golan-heights"), HttpStatusCode.BadRequest, "verification-zone-unknown");
        await _cases.RefusedAsync("syr-officer", VerificationEntryTypes.Request, Request(), HttpStatusCode.BadRequest, "verification-audience", ["SYR", "UNDOF"]);
        await _cases.RefusedAsync("isr-officer", VerificationEntryTypes.Report, Report("aos"), HttpStatusCode.Forbidden, "role-forbidden");
        await _cases.RefusedAsync("usa-mediator", VerificationEntryTypes.Report, Report("golan-heights"), HttpStatusCode.BadRequest, "verification-zone-unknown");
        await _cases.RefusedAsync("usa-mediator", VerificationEntryTypes.Report, Report("aos", end: app.Time.GetUtcNow().AddHours(2)), HttpStatusCode.BadRequest, "verification-visit-future");
        await _cases.RefusedAsync("usa-mediator", VerificationEntryTypes.Report, Report("aos", request: 999_999), HttpStatusCode.NotFound, "verification-request-not-found");
        await _cases.RefusedAsync("usa-mediator", VerificationEntryTypes.Report, Report("aos", new JsonObject { ["ISR"] = new JsonObject { ["jets"] = 1 } }), HttpStatusCode.BadRequest, "payload-invalid");
        await _cases.RefusedAsync("usa-mediator", VerificationEntryTypes.Report, Report("aos"), HttpStatusCode.BadRequest, "verification-audience", ["USA", "ISR"]);
        await _cases.ProblemAsync("isr-officer", "/api/v1/verification/reports/999999", HttpStatusCode.NotFound, "verification-report-not-found");
        await _cases.ProblemAsync("isr-officer", "/api/v1/verification/requests?status=late", HttpStatusCode.BadRequest, "query-invalid");
        Assert.Equal(JsonValueKind.Array, (await _cases.GetAsync("isr-officer", "/api/v1/verification/requests")).ValueKind);
    }
}
