using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Domain.Disputes;
using Liaison.Domain.Incidents;
using Liaison.Domain.Parties;
using Liaison.Domain.Record;
using Liaison.Domain.Tests.Incidents;
using Liaison.Domain.Tests.Notices;
using Liaison.Domain.VerificationVisits;

namespace Liaison.Domain.Tests.Replay;

/// <summary>
/// What a viewer folds from the entries it may read: an entry it reads that names one it may not (a linked report, the
/// request a report answers) is applied as it is, so the objects it reads come out as the server shows them; the canonical
/// form those views are digested in.
/// </summary>
public sealed class PartialViewFoldTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 0, 0, TimeSpan.Zero);
    private static readonly PartyCode Isr = new("ISR");
    private static readonly PartyCode Syr = new("SYR");
    private static readonly PartyCode Usa = new("USA");
    private static readonly PartyCode[] Everyone = [Isr, Syr, Usa, new("UNDOF")];

    [Fact]
    public void IncidentLink_NamingAReportTheRegisterLacks_LinksTheOthersWhenReplayed_AndIsRefusedWhenDecided()
    {
        var scenario = new IncidentScenario();
        var a = scenario.Report(Isr, IncidentScenario.T0);
        var c = scenario.Report(Syr, IncidentScenario.T0.AddHours(1));
        var link = new JsonObject { ["incidents"] = new JsonArray(a, 999, c), ["reason"] = "one exchange" };

        Assert.Equal("incident-not-found", scenario.Apply(IncidentEntryTypes.Link, Usa, IncidentScenario.T0.AddHours(2), link).Error.Code);
        var replayed = scenario.Apply(IncidentEntryTypes.Link, Usa, IncidentScenario.T0.AddHours(2), link, checkAuthor: false);

        Assert.True(replayed.IsSuccess);
        Assert.Equal([a, c], scenario.Register.EventOf(c));
        Assert.All([a, c], id => Assert.Equal([a, 999, c], scenario.Register.Incidents[id].Steps.Single().Linked));
    }

    [Fact]
    public void VerificationReport_AnsweringARequestTheViewerMayNotRead_StandsWhenReplayed_AndIsRefusedWhenDecided()
    {
        var report = Verification(2, VerificationEntryTypes.Report, Usa, """{"zone":"aos","request":1,"visit":{"start":"2026-01-12T05:00:00Z","end":"2026-01-12T08:00:00Z"},"observed":{},"violations":[],"text":"Visited.","lang":"en"}""");

        Assert.Equal("verification-request-not-found", VerificationDesk.Apply(DemoZones.Config, VerificationState.Empty, report).Error.Code);
        var replayed = VerificationDesk.Apply(DemoZones.Config, VerificationState.Empty, report, checkAuthor: false);

        Assert.Equal(1, replayed.Value.Reports[2].Request);
        Assert.Empty(replayed.Value.Requests);
    }

    [Fact]
    public void VerificationReport_AnsweringAKnownRequest_MarksItAnsweredWhenReplayedToo()
    {
        var requested = VerificationDesk.Apply(DemoZones.Config, VerificationState.Empty, Verification(1, VerificationEntryTypes.Request, Isr, """{"zone":"aos","reason":"Movement seen.","lang":"en"}""", [Isr, Usa]));
        var report = Verification(2, VerificationEntryTypes.Report, Usa, """{"zone":"aos","request":1,"visit":{"start":"2026-01-12T05:00:00Z","end":"2026-01-12T08:00:00Z"},"observed":{},"violations":[],"text":"Visited.","lang":"en"}""");

        var replayed = VerificationDesk.Apply(DemoZones.Config, requested.Value, report, checkAuthor: false);

        Assert.Equal(2, replayed.Value.Requests[1].AnsweredBy);
    }

    [Fact]
    public void DisputeReply_AddressedToFewerThanTheDispute_IsRefused()
    {
        var opened = DisputeDesk.Apply(DemoZones.Config, DisputeState.Empty, Dispute(1, DisputeEntryTypes.Open, Syr, """{"respondent":"ISR","breach":{"commitment":"isr-strikes-self-defence-only"},"incidents":[],"claim":{"text":"A strike.","lang":"en"}}""", Everyone));
        var reply = """{"dispute":1,"text":"Self-defence.","lang":"en"}""";

        var narrow = DisputeDesk.Apply(DemoZones.Config, opened.Value, Dispute(2, DisputeEntryTypes.Reply, Isr, reply, [Isr, Syr, Usa]));
        var wide = DisputeDesk.Apply(DemoZones.Config, opened.Value, Dispute(2, DisputeEntryTypes.Reply, Isr, reply, Everyone));

        Assert.Equal("dispute-audience", narrow.Error.Code);
        Assert.Contains("UNDOF", narrow.Error.Detail, StringComparison.Ordinal);
        Assert.True(wide.IsSuccess);
    }

    [Fact]
    public void CanonicalJson_SortsMembersAtEveryDepth_KeepsArrayOrder()
    {
        var one = JsonNode.Parse("""{"b":1,"a":{"d":[2,1],"c":"é"}}""");
        var other = JsonNode.Parse("""{"a":{"c":"é","d":[2,1]},"b":1}""");
        var reordered = JsonNode.Parse("""{"a":{"c":"é","d":[1,2]},"b":1}""");

        Assert.Equal("""{"a":{"c":"\u00E9","d":[2,1]},"b":1}""", System.Text.Encoding.UTF8.GetString(CanonicalJson.Encode(one)));
        Assert.Equal(CanonicalJson.Sha256(one), CanonicalJson.Sha256(other));
        Assert.NotEqual(CanonicalJson.Sha256(one), CanonicalJson.Sha256(reordered));
    }

    [Fact]
    public void Overall_ChangesWithAnyProjection()
    {
        var digest = new RecordDigest("isr-syr", 10, "ISR", T0, [new(ProjectionNames.Keys, 1, "aa"), new(ProjectionNames.Hotline, 2, "bb")]);

        var other = digest with { Projections = [new(ProjectionNames.Keys, 1, "aa"), new(ProjectionNames.Hotline, 2, "bc")] };

        Assert.Equal(digest.Overall(), (digest with { }).Overall());
        Assert.NotEqual(digest.Overall(), other.Overall());
        Assert.NotEqual(digest.Overall(), (digest with { Viewer = "SYR" }).Overall());
    }

    private static VerificationEntry Verification(long seq, string type, PartyCode party, string body, PartyCode[]? audience = null) =>
        new(seq, type, party, party.Value.ToLowerInvariant() + "-x", false, audience ?? Everyone, T0, JsonDocument.Parse(body).RootElement.Clone());

    private static DisputeEntry Dispute(long seq, string type, PartyCode party, string body, PartyCode[] audience) =>
        new(seq, type, party, party.Value.ToLowerInvariant() + "-officer", false, audience, T0, JsonDocument.Parse(body).RootElement.Clone());
}
