using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Domain.Disputes;

namespace Liaison.Web.Tests.Disputes;

/// <summary>
/// Disputes through the real app: opened, replied to, escalated and decided as signed entries on
/// <c>POST /api/v1/entries</c>, read back from <c>/api/v1/disputes</c>; each refusal a problem document with nothing
/// stored. Times are computed from each dispute's own <c>openedAt</c>, since other tests move the shared clock.
/// </summary>
[Collection(nameof(LiaisonAppCollection))]
public sealed partial class DisputeApiTests(LiaisonAppFixture app)
{
    private static readonly TimeSpan Reply = TimeSpan.FromHours(48);
    private readonly CaseClient _cases = new(app);

    private static JsonObject Open(string respondent = "ISR", JsonObject? breach = null, JsonArray? incidents = null, JsonArray? evidence = null)
    {
        var body = new JsonObject
        {
            ["respondent"] = respondent,
            ["breach"] = breach ?? new JsonObject { ["commitment"] = "isr-strikes-self-defence-only" },
            ["incidents"] = incidents ?? [],
            ["claim"] = new JsonObject { ["text"] = $"A strike in As-Suwayda without a self-defence notice in time ({Guid.NewGuid():N}).", ["lang"] = "en" },
        };
        if (evidence is not null)
        {
            body["evidence"] = evidence;
        }

        return body;
    }

    private static JsonObject ReplyTo(long dispute, string text = "It was self-defence; the notice was filed.") => new() { ["dispute"] = dispute, ["text"] = text, ["lang"] = "en" };

    private static JsonObject Escalate(long dispute, string to, string? reason = null) => new() { ["dispute"] = dispute, ["to"] = to, ["reason"] = reason };

    private static JsonObject Finding(long dispute, string outcome = "substantiated", bool major = true) => new()
    {
        ["dispute"] = dispute,
        ["outcome"] = outcome,
        ["reasons"] = "No notice was filed within the grace period.",
        ["remedy"] = "Notify every strike within the hour.",
        ["major"] = major,
        ["lang"] = "en",
    };

    private Task<JsonElement> DisputeAsync(string reader, long id) => _cases.GetAsync(reader, $"/api/v1/disputes/{id}");

    [Fact]
    public async Task Open_TheRespondentOwesAReplyAtTheWorkingLevel_WithACountdown()
    {
        var id = await _cases.AcceptedAsync("syr-officer", DisputeEntryTypes.Open, Open());

        var view = await DisputeAsync("isr-officer", id);
        var openedAt = view.GetProperty("openedAt").GetDateTimeOffset();
        Assert.Equal(("SYR", "syr-officer", "ISR"), (view.GetProperty("claimant").GetString(), view.GetProperty("author").GetString(), view.GetProperty("respondent").GetString()));
        Assert.Equal("isr-strikes-self-defence-only", view.GetProperty("breach").GetProperty("commitment").GetString());
        Assert.Equal("ISR", view.GetProperty("breach").GetProperty("party").GetString());
        Assert.Equal("Suspend strikes except in self-defence", view.GetProperty("breach").GetProperty("title").GetString());
        Assert.Equal(("awaiting-reply", "working"), (view.GetProperty("status").GetString(), view.GetProperty("level").GetString()));
        var ladder = view.GetProperty("ladder").EnumerateArray().ToList();
        Assert.Equal(["working", "senior", "convener"], ladder.Select(r => r.GetProperty("level").GetString()));
        Assert.Equal([true, false, false], ladder.Select(r => r.GetProperty("reached").GetBoolean()));
        Assert.True(ladder[0].GetProperty("current").GetBoolean());
        var deadline = view.GetProperty("deadline");
        Assert.Equal(("reply", "ISR", "working", "senior"), (deadline.GetProperty("kind").GetString(), deadline.GetProperty("party").GetString(), deadline.GetProperty("level").GetString(), deadline.GetProperty("escalatesTo").GetString()));
        Assert.Equal(openedAt + Reply, deadline.GetProperty("due").GetDateTimeOffset());
        Assert.Equal((long)(openedAt + Reply - app.Time.GetUtcNow()).TotalSeconds, deadline.GetProperty("secondsLeft").GetInt64());
        Assert.False(deadline.GetProperty("overdue").GetBoolean());

        var listed = await _cases.GetAsync("usa-mediator", "/api/v1/disputes?respondent=ISR&status=awaiting-reply");
        Assert.Contains(listed.EnumerateArray(), d => d.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task TheLadder_RequestedEscalationsThenALateReplyAtTheConvenerLevel_MarkedLate()
    {
        var id = await _cases.AcceptedAsync("syr-officer", DisputeEntryTypes.Open, Open());
        await _cases.AcceptedAsync("isr-officer", DisputeEntryTypes.Reply, ReplyTo(id));
        await _cases.AcceptedAsync("syr-commander", DisputeEntryTypes.Escalate, Escalate(id, "senior", "The reply does not answer the claim."));
        var toConvener = await _cases.AcceptedAsync("isr-commander", DisputeEntryTypes.Escalate, Escalate(id, "convener"));
        var convenerSince = (await DisputeAsync("syr-officer", id)).GetProperty("ladder")[2].GetProperty("since").GetDateTimeOffset();

        _cases.AdvanceTo(convenerSince + Reply + TimeSpan.FromHours(1));
        var late = await _cases.AcceptedAsync("isr-officer", DisputeEntryTypes.Reply, ReplyTo(id, "Our full account is attached to incident reports."));

        var view = await DisputeAsync("syr-officer", id);
        Assert.Equal(("replied", "convener"), (view.GetProperty("status").GetString(), view.GetProperty("level").GetString()));
        var replies = view.GetProperty("replies").EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Null, replies[0].GetProperty("late").ValueKind);
        Assert.Equal(late, replies[1].GetProperty("seq").GetInt64());
        Assert.Equal("convener", replies[1].GetProperty("level").GetString());
        var lateness = replies[1].GetProperty("late");
        Assert.True(lateness.GetProperty("seconds").GetInt64() >= 3600);
        var escalations = view.GetProperty("escalations").EnumerateArray().ToList();
        Assert.Equal([("SYR", "working", "senior", false), ("ISR", "senior", "convener", false)],
            escalations.Select(e => (e.GetProperty("party").GetString(), e.GetProperty("from").GetString(), e.GetProperty("to").GetString(), e.GetProperty("missed").GetBoolean())));
        Assert.Equal(toConvener, view.GetProperty("ladder")[2].GetProperty("escalationSeq").GetInt64());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("deadline").ValueKind);
    }

    [Fact]
    public async Task AMissedReplyDeadline_TheServerEscalatesToTheSeniorLevel()
    {
        var id = await _cases.AcceptedAsync("isr-officer", DisputeEntryTypes.Open, Open("SYR", new JsonObject { ["commitment"] = "syr-protect-druze" }));
        var openedAt = (await DisputeAsync("syr-officer", id)).GetProperty("openedAt").GetDateTimeOffset();

        _cases.AdvanceTo(openedAt + Reply);
        var (entry, payload) = Assert.Single(await _cases.WaitForServerEntriesAsync(DisputeEntryTypes.Escalate, id, p => p.GetProperty("dispute").GetInt64() == id));

        Assert.Equal("senior", payload.GetProperty("to").GetString());
        var view = await DisputeAsync("isr-officer", id);
        Assert.Equal(("senior", "awaiting-reply"), (view.GetProperty("level").GetString(), view.GetProperty("status").GetString()));
        var escalation = Assert.Single(view.GetProperty("escalations").EnumerateArray());
        Assert.True(escalation.GetProperty("missed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, escalation.GetProperty("party").ValueKind);
        Assert.Equal("server", escalation.GetProperty("author").GetString());
        var escalatedAt = entry.GetProperty("serverTime").GetDateTimeOffset();
        Assert.Equal(escalatedAt + Reply, view.GetProperty("deadline").GetProperty("due").GetDateTimeOffset());
        Assert.Equal(escalatedAt, view.GetProperty("ladder")[1].GetProperty("since").GetDateTimeOffset());
    }

    [Fact]
    public async Task Finding_ByTheConvenersMediator_DecidesAndFeedsTheTiers_ByAnyoneElse_Forbidden()
    {
        var id = await _cases.AcceptedAsync("syr-officer", DisputeEntryTypes.Open, Open());

        var byParty = await _cases.RefusedAsync("isr-commander", DisputeEntryTypes.Finding, Finding(id), HttpStatusCode.Forbidden, "role-forbidden");
        Assert.Contains("mediator", byParty.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await _cases.RefusedAsync("undof-observer", DisputeEntryTypes.Finding, Finding(id), HttpStatusCode.Forbidden, "role-forbidden");

        var finding = await _cases.AcceptedAsync("usa-mediator", DisputeEntryTypes.Finding, Finding(id));

        var view = await DisputeAsync("isr-officer", id);
        Assert.Equal("decided", view.GetProperty("status").GetString());
        var found = view.GetProperty("finding");
        Assert.Equal((finding, "substantiated", true, "working"), (found.GetProperty("seq").GetInt64(), found.GetProperty("outcome").GetString(), found.GetProperty("major").GetBoolean(), found.GetProperty("level").GetString()));
        Assert.Equal("Notify every strike within the hour.", found.GetProperty("remedy").GetString());
        var major = (await _cases.GetAsync("syr-officer", "/api/v1/disputes/major-findings")).EnumerateArray().Single(f => f.GetProperty("dispute").GetInt64() == id);
        Assert.Equal(("ISR", finding), (major.GetProperty("respondent").GetString(), major.GetProperty("finding").GetInt64()));

        var again = await _cases.RefusedAsync("usa-mediator", DisputeEntryTypes.Finding, Finding(id, "inconclusive"), HttpStatusCode.Conflict, "dispute-decided");
        Assert.Equal(finding, again.GetProperty("seq").GetInt64());
        await _cases.RefusedAsync("isr-officer", DisputeEntryTypes.Reply, ReplyTo(id), HttpStatusCode.Conflict, "dispute-decided");
        await _cases.RefusedAsync("syr-officer", DisputeEntryTypes.Escalate, Escalate(id, "senior"), HttpStatusCode.Conflict, "dispute-decided");
    }

    [Fact]
    public async Task OutOfOrder_SkippingARungOrRepeatingOne_Conflict()
    {
        var id = await _cases.AcceptedAsync("syr-officer", DisputeEntryTypes.Open, Open());

        var skipped = await _cases.RefusedAsync("syr-officer", DisputeEntryTypes.Escalate, Escalate(id, "convener"), HttpStatusCode.Conflict, "dispute-out-of-order");
        Assert.Contains("senior only", skipped.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("working", skipped.GetProperty("level").GetString());
        await _cases.AcceptedAsync("syr-officer", DisputeEntryTypes.Escalate, Escalate(id, "senior"));
        await _cases.RefusedAsync("isr-officer", DisputeEntryTypes.Escalate, Escalate(id, "senior"), HttpStatusCode.Conflict, "dispute-out-of-order");
    }

    [Fact]
    public async Task Refusals_EachAClearProblem_NothingStored()
    {
        var id = await _cases.AcceptedAsync("syr-officer", DisputeEntryTypes.Open, Open());
        var statement = await _cases.AcceptedAsync("syr-officer", "statement.issue", LiaisonAppFixture.StatementFields());

        await _cases.RefusedAsync("syr-officer", DisputeEntryTypes.Open, Open("SYR"), HttpStatusCode.BadRequest, "dispute-respondent");
        await _cases.RefusedAsync("syr-officer", DisputeEntryTypes.Open, Open("USA"), HttpStatusCode.BadRequest, "dispute-respondent");
        var unknown = await _cases.RefusedAsync("syr-officer", DisputeEntryTypes.Open, Open(breach: new JsonObject { ["commitment"] = "isr-no-such-thing" }), HttpStatusCode.BadRequest, "dispute-commitment-unknown");
        Assert.Contains("isr-strikes-self-defence-only", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await _cases.RefusedAsync("syr-officer", DisputeEntryTypes.Open, Open(breach: new JsonObject { ["commitment"] = "syr-protect-druze" }), HttpStatusCode.BadRequest, "dispute-commitment-party");
        var incident = await _cases.RefusedAsync("syr-officer", DisputeEntryTypes.Open, Open(incidents: [statement]), HttpStatusCode.BadRequest, "dispute-incident-unknown");
        Assert.Equal(statement, incident.GetProperty("incident").GetInt64());
        await _cases.RefusedAsync("syr-officer", DisputeEntryTypes.Open, Open(), HttpStatusCode.BadRequest, "dispute-audience", ["SYR", "ISR"]);
        await _cases.RefusedAsync("syr-officer", DisputeEntryTypes.Open, Open(breach: new JsonObject { ["commitment"] = "a", ["ref"] = "b" }), HttpStatusCode.BadRequest, "payload-invalid");
        await _cases.RefusedAsync("usa-mediator", DisputeEntryTypes.Open, Open(), HttpStatusCode.Forbidden, "role-forbidden");
        await _cases.RefusedAsync("syr-officer", DisputeEntryTypes.Reply, ReplyTo(id), HttpStatusCode.Forbidden, "dispute-not-respondent");
        await _cases.RefusedAsync("isr-officer", DisputeEntryTypes.Reply, ReplyTo(id + 100_000), HttpStatusCode.NotFound, "dispute-not-found");
        await _cases.ProblemAsync("isr-officer", $"/api/v1/disputes/{id + 100_000}", HttpStatusCode.NotFound, "dispute-not-found");
        await _cases.ProblemAsync("isr-officer", "/api/v1/disputes?status=pending", HttpStatusCode.BadRequest, "query-invalid");
    }

    [Fact]
    public async Task Evidence_MustBeUploadedFirst_ThenIsListedWithItsUrl()
    {
        var bytes = Encoding.UTF8.GetBytes($"Crater photograph {Guid.NewGuid()}");
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        await _cases.RefusedAsync("syr-officer", DisputeEntryTypes.Open, Open(evidence: [CaseClient.Describe(sha, "crater.jpg", "image/jpeg", bytes.Length)]), HttpStatusCode.BadRequest, "attachment-not-stored");

        var described = await _cases.UploadAsync("syr-officer", bytes, "crater.jpg", "image/jpeg");
        var id = await _cases.AcceptedAsync("syr-officer", DisputeEntryTypes.Open, Open(evidence: [described]));

        var evidence = Assert.Single((await DisputeAsync("isr-officer", id)).GetProperty("evidence").EnumerateArray());
        Assert.Equal((sha, "crater.jpg", $"/api/v1/attachments/{sha}"), (evidence.GetProperty("sha256").GetString(), evidence.GetProperty("name").GetString(), evidence.GetProperty("url").GetString()));
        using var client = app.CreateClientFor("isr-officer");
        using var download = await client.GetAsync($"/api/v1/attachments/{sha}", TestContext.Current.CancellationToken);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Audience_AnObserverOutsideItCannotReadTheDispute()
    {
        var id = await _cases.AcceptedAsync("syr-officer", DisputeEntryTypes.Open, Open(), ["SYR", "ISR", "USA"]);

        await _cases.ProblemAsync("undof-observer", $"/api/v1/disputes/{id}", HttpStatusCode.NotFound, "dispute-not-found");
        Assert.DoesNotContain((await _cases.GetAsync("undof-observer", "/api/v1/disputes")).EnumerateArray(), d => d.GetProperty("id").GetInt64() == id);
        Assert.Equal(id, (await DisputeAsync("usa-mediator", id)).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Demo_SyriasDisputeOverTheStrike_EndsInAConvenerFinding_AndIsraelsAwaitsAReply()
    {
        var disputes = (await _cases.GetAsync("usa-mediator", "/api/v1/disputes")).EnumerateArray().ToList();

        var strike = Assert.Single(disputes, d => d.GetProperty("lang").GetString() == "ar");
        Assert.Equal(("SYR", "ISR", "isr-strikes-self-defence-only"), (strike.GetProperty("claimant").GetString(), strike.GetProperty("respondent").GetString(), strike.GetProperty("breach").GetProperty("commitment").GetString()));
        Assert.Equal(("decided", "convener"), (strike.GetProperty("status").GetString(), strike.GetProperty("level").GetString()));
        Assert.Equal(["he", "en"], strike.GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("lang").GetString()));
        Assert.Equal(["senior", "convener"], strike.GetProperty("escalations").EnumerateArray().Select(e => e.GetProperty("to").GetString()));
        Assert.Equal(("unsubstantiated", "usa-mediator"), (strike.GetProperty("finding").GetProperty("outcome").GetString(), strike.GetProperty("finding").GetProperty("author").GetString()));
        Assert.Contains(disputes, d => d.GetProperty("claimant").GetString() == "ISR" && d.GetProperty("breach").GetProperty("commitment").GetString() == "syr-protect-druze");

        var reports = (await _cases.GetAsync("isr-officer", "/api/v1/verification/reports?zone=aos")).EnumerateArray();
        var visit = Assert.Single(reports, r => r.GetProperty("party").GetString() == "UNDOF" && r.GetProperty("text").GetString()!.Contains("Alpha line", StringComparison.Ordinal));
        Assert.Contains(visit.GetProperty("violations").EnumerateArray(), v => v.GetProperty("party").GetString() == "ISR" && v.GetProperty("rule").GetString() == "zone-prohibited");
        var incident = Assert.Single(strike.GetProperty("incidents").EnumerateArray()).GetInt64();
        Assert.Equal("exchange-of-fire", (await _cases.GetAsync("syr-officer", $"/api/v1/incidents/{incident}")).GetProperty("category").GetString());
        var interdiction = Assert.Single((await _cases.GetAsync("syr-officer", "/api/v1/verification/reports?zone=suwayda")).EnumerateArray(), r => r.GetProperty("text").GetString()!.Contains("interdiction", StringComparison.Ordinal));
        Assert.Matches(@"\(incident \d+\)\.$", interdiction.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Statistics_TheSameFiguresForEachSide()
    {
        // A period of this test's own: other tests of the shared app may have opened disputes at the clock's current instant.
        _cases.AdvanceTo(app.Time.GetUtcNow() + TimeSpan.FromSeconds(1));
        var from = app.Time.GetUtcNow();
        var id = await _cases.AcceptedAsync("isr-officer", DisputeEntryTypes.Open, Open("SYR", new JsonObject { ["ref"] = "1974 Agreement on Disengagement, article 1" }));
        await _cases.AcceptedAsync("syr-officer", DisputeEntryTypes.Reply, ReplyTo(id));
        await _cases.AcceptedAsync("usa-mediator", DisputeEntryTypes.Finding, Finding(id, "unsubstantiated", major: false));

        var stats = await _cases.GetAsync("usa-mediator", $"/api/v1/disputes/stats?from={Uri.EscapeDataString(from.ToString("O"))}");
        var sides = stats.GetProperty("sides").EnumerateArray().ToDictionary(s => s.GetProperty("party").GetString()!);
        Assert.Equal(["ISR", "SYR"], sides.Keys.Order());
        Assert.Equal(1, sides["ISR"].GetProperty("opened").GetInt32());
        Assert.Equal((1, 1, 1, 0), (sides["SYR"].GetProperty("against").GetInt32(), sides["SYR"].GetProperty("repliedInTime").GetInt32(), sides["SYR"].GetProperty("unsubstantiated").GetInt32(), sides["SYR"].GetProperty("major").GetInt32()));
        await _cases.ProblemAsync("usa-mediator", $"/api/v1/disputes/stats?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(from.AddDays(-1).ToString("O"))}", HttpStatusCode.BadRequest, "query-invalid");
    }
}
