using System.Text.Json;
using Liaison.Domain.Common;
using Liaison.Domain.Disputes;
using Liaison.Domain.Entries;
using Liaison.Domain.Parties;
using Liaison.Domain.Tests.Notices;

namespace Liaison.Domain.Tests.Disputes;

/// <summary>The dispute desk: opening, replies and their deadlines, the escalation ladder, findings, and every refusal.</summary>
public sealed class DisputeDeskTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 0, 0, TimeSpan.Zero);
    private static readonly PartyCode Isr = new("ISR");
    private static readonly PartyCode Syr = new("SYR");
    private static readonly PartyCode Usa = new("USA");
    private static readonly PartyCode Undof = new("UNDOF");
    private static readonly PartyCode[] Everyone = [Isr, Syr, Usa, Undof];
    private static readonly TimeSpan Reply = TimeSpan.FromHours(48);

    private DisputeState _state = DisputeState.Empty;

    private static string OpenBody(string respondent = "ISR", string breach = "{\"commitment\":\"isr-strikes-self-defence-only\"}", string incidents = "[]") =>
        $$$"""{"respondent":"{{{respondent}}}","breach":{{{breach}}},"incidents":{{{incidents}}},"claim":{"text":"A strike without a self-defence notice.","lang":"en"}}""";

    private static DisputeEntry Entry(long seq, string type, PartyCode party, DateTimeOffset at, string body, PartyCode[]? audience = null, bool byServer = false) =>
        new(seq, type, party, byServer ? "server" : party.Value.ToLowerInvariant() + "-officer", byServer, audience ?? Everyone, at, JsonDocument.Parse(body).RootElement.Clone());

    private Result<DisputeState> Apply(DisputeEntry entry, bool checkAuthor = true)
    {
        var applied = DisputeDesk.Apply(DemoZones.Config, _state, entry, checkAuthor);
        if (applied.IsSuccess)
        {
            _state = applied.Value;
        }

        return applied;
    }

    private Dispute Opened(long seq = 1)
    {
        Assert.True(Apply(Entry(seq, DisputeEntryTypes.Open, Syr, T0, OpenBody())).IsSuccess);
        return _state.Disputes[seq];
    }

    private static void AssertRefused<T>(Result<T> result, string code)
    {
        Assert.False(result.IsSuccess, "expected a refusal");
        Assert.Equal(code, result.Error.Code);
    }

    [Fact]
    public void ADisputeStartsAtTheWorkingLevel_WithTheReplyDeadlineFromTheConfiguration()
    {
        var dispute = Opened();

        Assert.Equal((Syr, Isr, DisputeLevel.Working), (dispute.Claimant, dispute.Respondent, dispute.Level));
        Assert.Equal("isr-strikes-self-defence-only", dispute.Breach.Commitment);
        Assert.Equal(T0 + Reply, dispute.Current.ReplyDue);
        Assert.Equal(DisputeStatus.AwaitingReply, dispute.StatusAt(T0 + Reply - TimeSpan.FromTicks(1)));
        Assert.Equal(DisputeStatus.Overdue, dispute.StatusAt(T0 + Reply));
    }

    [Fact]
    public void AReplyInTime_IsNotLate_AndALateOneIsAcceptedAndMarked()
    {
        Opened();
        var inTime = Apply(Entry(2, DisputeEntryTypes.Reply, Isr, T0.AddHours(47), "{\"dispute\":1,\"text\":\"It was self-defence.\",\"lang\":\"en\"}"));
        Assert.Null(inTime.Value.Disputes[1].Replies[0].LateBy);
        Assert.Equal(DisputeStatus.Replied, inTime.Value.Disputes[1].StatusAt(T0.AddDays(10)));

        _state = DisputeState.Empty;
        Opened();
        var late = Apply(Entry(2, DisputeEntryTypes.Reply, Isr, T0.AddHours(50), "{\"dispute\":1,\"text\":\"Late.\",\"lang\":\"en\"}"));
        Assert.True(late.IsSuccess);
        Assert.Equal(TimeSpan.FromHours(2), late.Value.Disputes[1].Replies[0].LateBy);
        Assert.Equal(TimeSpan.FromHours(2), late.Value.Disputes[1].Current.LateBy);
    }

    [Fact]
    public void TheLadderClimbsOneRungAtATime_EachWithItsOwnDeadline()
    {
        Opened();
        Apply(Entry(2, DisputeEntryTypes.Reply, Isr, T0.AddHours(1), "{\"dispute\":1,\"text\":\"No.\",\"lang\":\"en\"}"));
        var senior = Apply(Entry(3, DisputeEntryTypes.Escalate, Syr, T0.AddHours(2), "{\"dispute\":1,\"to\":\"senior\",\"reason\":\"Unsatisfied.\"}"));
        var dispute = senior.Value.Disputes[1];
        Assert.Equal(DisputeLevel.Senior, dispute.Level);
        Assert.Equal(T0.AddHours(2) + Reply, dispute.Current.ReplyDue);
        Assert.True(dispute.AwaitingReply);
        Assert.Equal(Syr, dispute.Escalations[0].Party);
        Assert.False(dispute.Escalations[0].Missed);

        AssertRefused(Apply(Entry(4, DisputeEntryTypes.Escalate, Syr, T0.AddHours(3), "{\"dispute\":1,\"to\":\"senior\"}")), "dispute-out-of-order");
        Assert.True(Apply(Entry(5, DisputeEntryTypes.Escalate, Isr, T0.AddHours(3), "{\"dispute\":1,\"to\":\"convener\"}")).IsSuccess);
        var last = Apply(Entry(6, DisputeEntryTypes.Escalate, Syr, T0.AddHours(4), "{\"dispute\":1,\"to\":\"convener\"}"));
        AssertRefused(last, "dispute-out-of-order");
        Assert.Contains("last rung", last.Error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void SkippingARung_IsRefused()
    {
        Opened();
        var skipped = Apply(Entry(2, DisputeEntryTypes.Escalate, Syr, T0, "{\"dispute\":1,\"to\":\"convener\"}"));
        AssertRefused(skipped, "dispute-out-of-order");
        Assert.Equal(DisputeLevel.Working, _state.Disputes[1].Level);
    }

    [Fact]
    public void AMissedReplyDeadline_IsDueAtItsInstantExactly_AndTheServersEscalationIsFoldedOnce()
    {
        Opened();
        Assert.Empty(DisputeDeadlines.Due(_state, T0 + Reply - TimeSpan.FromTicks(1)));
        var due = Assert.Single(DisputeDeadlines.Due(_state, T0 + Reply));
        Assert.Equal((1L, DisputeLevel.Senior, T0 + Reply), (due.Dispute, due.To, due.DueAt));
        Assert.Equal("senior", due.Fields()["to"]!.GetValue<string>());

        var server = Apply(Entry(2, due.Type, Usa, T0 + Reply, due.Fields().ToJsonString(), byServer: true), checkAuthor: false);
        Assert.True(server.IsSuccess);
        Assert.True(server.Value.Disputes[1].Escalations[0].Missed);
        Assert.Null(server.Value.Disputes[1].Escalations[0].Party);
        Assert.Empty(DisputeDeadlines.Due(_state, T0 + Reply + TimeSpan.FromHours(1)));

        // Missed again at the senior level: the convener; missed there: nothing further.
        Assert.Equal(DisputeLevel.Convener, Assert.Single(DisputeDeadlines.Due(_state, T0 + Reply + Reply)).To);
        Apply(Entry(3, DisputeEntryTypes.Escalate, Usa, T0 + Reply + Reply, "{\"dispute\":1,\"to\":\"convener\"}", byServer: true), checkAuthor: false);
        Assert.Empty(DisputeDeadlines.Due(_state, T0.AddDays(30)));
        Assert.Equal(DisputeStatus.Overdue, _state.Disputes[1].StatusAt(T0.AddDays(30)));
    }

    [Fact]
    public void AReplyStopsTheDeadline()
    {
        Opened();
        Apply(Entry(2, DisputeEntryTypes.Reply, Isr, T0.AddHours(1), "{\"dispute\":1,\"text\":\"No.\",\"lang\":\"en\"}"));
        Assert.Empty(DisputeDeadlines.Due(_state, T0.AddDays(10)));
    }

    [Fact]
    public void TheConvenerRecordsAFinding_AfterWhichNothingMoreIsRecorded()
    {
        Opened();
        var found = Apply(Entry(2, DisputeEntryTypes.Finding, Usa, T0.AddHours(5), "{\"dispute\":1,\"outcome\":\"substantiated\",\"reasons\":\"No notice.\",\"remedy\":\"Notify strikes.\",\"major\":true,\"lang\":\"en\"}"));
        var finding = found.Value.Disputes[1].Finding!;
        Assert.Equal((DisputeOutcome.Substantiated, true, DisputeLevel.Working), (finding.Outcome, finding.Major, finding.Level));
        Assert.Equal(DisputeStatus.Decided, found.Value.Disputes[1].StatusAt(T0.AddDays(9)));
        var major = Assert.Single(found.Value.SubstantiatedMajorFindings());
        Assert.Equal((Isr, 1L, 2L, T0.AddHours(5)), (major.Respondent, major.Dispute, major.FindingSeq, major.At));

        AssertRefused(Apply(Entry(3, DisputeEntryTypes.Reply, Isr, T0.AddHours(6), "{\"dispute\":1,\"text\":\"x\",\"lang\":\"en\"}")), "dispute-decided");
        AssertRefused(Apply(Entry(4, DisputeEntryTypes.Escalate, Syr, T0.AddHours(6), "{\"dispute\":1,\"to\":\"senior\"}")), "dispute-decided");
        AssertRefused(Apply(Entry(5, DisputeEntryTypes.Finding, Usa, T0.AddHours(6), "{\"dispute\":1,\"outcome\":\"inconclusive\",\"reasons\":\"x\",\"remedy\":\"x\",\"lang\":\"en\"}")), "dispute-decided");
        Assert.Empty(DisputeDeadlines.Due(_state, T0.AddDays(30)));
    }

    [Fact]
    public void OnlyTheConvenerFinds_AndAFindingThatIsNotMajorIsNoTierInput()
    {
        Opened();
        var body = "{\"dispute\":1,\"outcome\":\"substantiated\",\"reasons\":\"r\",\"remedy\":\"m\",\"lang\":\"en\"}";
        AssertRefused(Apply(Entry(2, DisputeEntryTypes.Finding, Syr, T0, body)), "dispute-finding-convener-only");
        AssertRefused(Apply(Entry(2, DisputeEntryTypes.Finding, Undof, T0, body)), "dispute-finding-convener-only");
        Assert.True(Apply(Entry(2, DisputeEntryTypes.Finding, Usa, T0, body)).IsSuccess);
        Assert.Empty(_state.SubstantiatedMajorFindings());
    }

    [Fact]
    public void OnlyTheRespondentReplies_AndOnlyASideEscalates()
    {
        Opened();
        AssertRefused(Apply(Entry(2, DisputeEntryTypes.Reply, Syr, T0, "{\"dispute\":1,\"text\":\"x\",\"lang\":\"en\"}")), "dispute-not-respondent");
        AssertRefused(Apply(Entry(2, DisputeEntryTypes.Escalate, Undof, T0, "{\"dispute\":1,\"to\":\"senior\"}")), "dispute-not-a-side");
    }

    [Theory]
    [InlineData("SYR", "{\"ref\":\"x\"}", "dispute-respondent")]
    [InlineData("USA", "{\"ref\":\"x\"}", "dispute-respondent")]
    [InlineData("XYZ", "{\"ref\":\"x\"}", "dispute-respondent")]
    [InlineData("ISR", "{\"commitment\":\"no-such-thing\"}", "dispute-commitment-unknown")]
    [InlineData("ISR", "{\"commitment\":\"syr-protect-druze\"}", "dispute-commitment-party")]
    public void ABadRespondentOrBreach_IsRefused(string respondent, string breach, string code)
    {
        AssertRefused(Apply(Entry(1, DisputeEntryTypes.Open, Syr, T0, OpenBody(respondent, breach))), code);
        Assert.Empty(_state.Disputes);
    }

    [Fact]
    public void IncidentsMustBeReportsInTheRecordTheClaimantMayRead()
    {
        AssertRefused(Apply(Entry(1, DisputeEntryTypes.Open, Syr, T0, OpenBody(incidents: "[7]"))), "dispute-incident-unknown");
        Apply(Entry(7, DisputeEntryTypes.IncidentReport, Syr, T0, "{}"));
        Apply(Entry(8, DisputeEntryTypes.IncidentReport, Isr, T0, "{}", [Isr, Usa]));
        Assert.True(Apply(Entry(9, DisputeEntryTypes.Open, Syr, T0, OpenBody(incidents: "[7]"))).IsSuccess);
        Assert.Equal([7L], _state.Disputes[9].Incidents);
        AssertRefused(Apply(Entry(10, DisputeEntryTypes.Open, Syr, T0, OpenBody(incidents: "[8]"))), "dispute-incident-unknown");
    }

    [Fact]
    public void ADisputeNotAddressedToTheRespondentAndConvener_IsRefused() =>
        AssertRefused(Apply(Entry(1, DisputeEntryTypes.Open, Syr, T0, OpenBody(), [Syr, Isr])), "dispute-audience");

    [Fact]
    public void AnUnknownOrUnreadableDispute_IsNotFound()
    {
        AssertRefused(Apply(Entry(1, DisputeEntryTypes.Reply, Isr, T0, "{\"dispute\":77,\"text\":\"x\",\"lang\":\"en\"}")), "dispute-not-found");
        Apply(Entry(2, DisputeEntryTypes.Open, Syr, T0, OpenBody(), [Syr, Isr, Usa]));
        AssertRefused(Apply(Entry(3, DisputeEntryTypes.Escalate, Undof, T0, "{\"dispute\":2,\"to\":\"senior\"}")), "dispute-not-found");
    }

    [Theory]
    [InlineData(DisputeEntryTypes.Open, "{\"respondent\":\"ISR\",\"breach\":{\"commitment\":\"a\",\"ref\":\"b\"},\"claim\":{\"text\":\"x\",\"lang\":\"en\"}}", "breach")]
    [InlineData(DisputeEntryTypes.Open, "{\"respondent\":\"ISR\",\"breach\":{\"ref\":\"b\"},\"claim\":{\"text\":\"x\",\"lang\":\"english\"}}", "claim.lang")]
    [InlineData(DisputeEntryTypes.Open, "{\"respondent\":\"ISR\",\"breach\":{\"ref\":\"b\"},\"incidents\":[3,3],\"claim\":{\"text\":\"x\",\"lang\":\"en\"}}", "incidents[1]")]
    [InlineData(DisputeEntryTypes.Open, "{\"respondent\":\"ISR\",\"breach\":{\"ref\":\"b\"},\"evidence\":[{\"sha256\":\"zz\"}],\"claim\":{\"text\":\"x\",\"lang\":\"en\"}}", "evidence[0].sha256")]
    [InlineData(DisputeEntryTypes.Escalate, "{\"dispute\":1,\"to\":\"working\"}", "to")]
    [InlineData(DisputeEntryTypes.Finding, "{\"dispute\":1,\"outcome\":\"guilty\",\"reasons\":\"r\",\"remedy\":\"m\",\"lang\":\"en\"}", "outcome")]
    [InlineData(DisputeEntryTypes.Finding, "{\"dispute\":1,\"outcome\":\"inconclusive\",\"reasons\":\"r\",\"lang\":\"en\"}", "remedy")]
    [InlineData(DisputeEntryTypes.Finding, "{\"dispute\":1,\"outcome\":\"inconclusive\",\"reasons\":\"r\",\"remedy\":\"m\",\"major\":\"yes\",\"lang\":\"en\"}", "major")]
    public void BodiesAreParsedStrictly_NamingTheWrongField(string type, string body, string field)
    {
        var validated = EntryTypes.All[type].ValidateBody(JsonDocument.Parse(body).RootElement);
        Assert.False(validated.IsSuccess);
        Assert.Equal("payload-invalid", validated.Error.Code);
        Assert.Contains($"'{field}'", validated.Error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFoldIsDeterministic_AndSkipsWhatWouldBeRefused()
    {
        var entries = new[]
        {
            Entry(1, DisputeEntryTypes.Open, Syr, T0, OpenBody()),
            Entry(2, DisputeEntryTypes.Reply, Isr, T0.AddHours(50), "{\"dispute\":1,\"text\":\"x\",\"lang\":\"en\"}"),
            Entry(3, DisputeEntryTypes.Reply, Isr, T0.AddHours(51), "{\"dispute\":99,\"text\":\"x\",\"lang\":\"en\"}"),
            Entry(4, DisputeEntryTypes.Escalate, Syr, T0.AddHours(52), "{\"dispute\":1,\"to\":\"senior\"}"),
        };
        var once = DisputeDesk.Fold(DemoZones.Config, entries);
        var twice = DisputeDesk.Fold(DemoZones.Config, entries);
        Assert.Equal(once.Disputes[1].Stages, twice.Disputes[1].Stages);
        Assert.Equal(DisputeLevel.Senior, once.Disputes[1].Level);
        Assert.Single(once.Disputes);
    }

    [Fact]
    public void StatisticsAreKeptTheSameWayForEachSide()
    {
        Opened();
        Apply(Entry(2, DisputeEntryTypes.Reply, Isr, T0.AddHours(50), "{\"dispute\":1,\"text\":\"x\",\"lang\":\"en\"}"));
        Apply(Entry(3, DisputeEntryTypes.Escalate, Syr, T0.AddHours(51), "{\"dispute\":1,\"to\":\"senior\"}"));
        Apply(Entry(4, DisputeEntryTypes.Finding, Usa, T0.AddHours(60), "{\"dispute\":1,\"outcome\":\"substantiated\",\"reasons\":\"r\",\"remedy\":\"m\",\"major\":true,\"lang\":\"en\"}"));
        Apply(Entry(5, DisputeEntryTypes.Open, Isr, T0.AddHours(61), OpenBody("SYR", "{\"ref\":\"1974 agreement, art. 2\"}")));

        var figures = DisputeStatistics.For(DemoZones.Config, _state, Usa, T0.AddHours(62));
        var isr = figures.Single(f => f.Party == "ISR");
        var syr = figures.Single(f => f.Party == "SYR");
        Assert.Equal((1, 1, 1, 0, 1, 0, 1, 1), (isr.Opened, isr.Against, isr.RepliesOwed, isr.RepliedInTime, isr.RepliedLate, isr.EscalationsRequested, isr.Substantiated, isr.Major));
        Assert.Equal(50 * 3600L, isr.MedianReplySeconds);
        Assert.Equal((1, 1, 0, 1), (syr.Opened, syr.Against, syr.RepliesOwed, syr.EscalationsRequested));
        Assert.DoesNotContain(DisputeStatistics.For(DemoZones.Config, _state, Usa, T0.AddHours(62), from: T0.AddDays(5)), f => f.Opened > 0);
    }
}
