using Liaison.Domain.Hotline;
using Microsoft.Extensions.Time.Testing;
using static Liaison.Domain.Tests.Hotline.HotlineTestData;

namespace Liaison.Domain.Tests.Hotline;

public sealed class HotlineDeadlinesTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Theory]
    [InlineData(Precedence.Flash, 5 * 60)]
    [InlineData(Precedence.Immediate, 30 * 60)]
    [InlineData(Precedence.Priority, 3 * 3600)]
    [InlineData(Precedence.Routine, 24 * 3600)]
    public void Due_OneTickBeforeTheDeadline_ProposesNothing(Precedence precedence, int seconds)
    {
        var time = new FakeTimeProvider(T0);
        var state = Fold(Entry(10, Isr, time.GetUtcNow(), Message(precedence)));
        time.Advance(TimeSpan.FromSeconds(seconds) - Tick);

        var due = HotlineDeadlines.Due(state, time.GetUtcNow());

        Assert.Empty(due);
    }

    [Theory]
    [InlineData(Precedence.Flash, 5 * 60)]
    [InlineData(Precedence.Immediate, 30 * 60)]
    [InlineData(Precedence.Priority, 3 * 3600)]
    [InlineData(Precedence.Routine, 24 * 3600)]
    public void Due_AtTheDeadline_EscalatesToTheRecipient(Precedence precedence, int seconds)
    {
        var time = new FakeTimeProvider(T0);
        var state = Fold(Entry(10, Isr, time.GetUtcNow(), Message(precedence)));
        time.Advance(TimeSpan.FromSeconds(seconds));

        var due = HotlineDeadlines.Due(state, time.GetUtcNow());

        var entry = Assert.Single(due);
        Assert.Equal(HotlineEntryTypes.HotlineEscalate, entry.Type);
        Assert.Equal(T0.AddSeconds(seconds), entry.DueAt);
        Assert.Equal(Security, entry.Channel);
        Assert.Equal(SecurityMembers, entry.Audience);
        var escalation = Assert.IsType<MessageEscalated>(entry.Event);
        Assert.Equal((10L, Syr, DeadlineKind.Acknowledgement), (escalation.MessageSeq, escalation.Party, escalation.Deadline));
    }

    [Theory]
    [InlineData(Precedence.Flash, 5 * 60)]
    [InlineData(Precedence.Routine, 24 * 3600)]
    public void Due_EscalatedOneTickBeforeTwiceTheDeadline_ProposesNothing(Precedence precedence, int seconds)
    {
        var time = new FakeTimeProvider(T0);
        var state = Fold(Entry(10, Isr, time.GetUtcNow(), Message(precedence)));
        time.Advance(TimeSpan.FromSeconds(seconds));
        state = HotlineTestData.Record(state, HotlineDeadlines.Due(state, time.GetUtcNow()), time.GetUtcNow(), 11);
        time.Advance(TimeSpan.FromSeconds(seconds) - Tick);

        var due = HotlineDeadlines.Due(state, time.GetUtcNow());

        Assert.Empty(due);
    }

    [Theory]
    [InlineData(Precedence.Flash, 5 * 60)]
    [InlineData(Precedence.Immediate, 30 * 60)]
    [InlineData(Precedence.Priority, 3 * 3600)]
    [InlineData(Precedence.Routine, 24 * 3600)]
    public void Due_EscalatedAtTwiceTheDeadline_MarksItMissed(Precedence precedence, int seconds)
    {
        var time = new FakeTimeProvider(T0);
        var state = Fold(Entry(10, Isr, time.GetUtcNow(), Message(precedence)));
        time.Advance(TimeSpan.FromSeconds(seconds));
        state = HotlineTestData.Record(state, HotlineDeadlines.Due(state, time.GetUtcNow()), time.GetUtcNow(), 11);
        time.Advance(TimeSpan.FromSeconds(seconds));

        var due = HotlineDeadlines.Due(state, time.GetUtcNow());

        var entry = Assert.Single(due);
        Assert.Equal(HotlineEntryTypes.HotlineMiss, entry.Type);
        Assert.Equal(T0.AddSeconds(2 * seconds), entry.DueAt);
        Assert.Equal(new MessageMissed(10, Syr, DeadlineKind.Acknowledgement), entry.Event);
    }

    [Fact]
    public void Due_ProposalsRecorded_ProposesNothingMore()
    {
        var time = new FakeTimeProvider(T0);
        var state = Fold(Entry(10, Isr, time.GetUtcNow(), Message()));
        time.Advance(TimeSpan.FromMinutes(5));
        var first = HotlineDeadlines.Due(state, time.GetUtcNow());

        var again = HotlineDeadlines.Due(state, time.GetUtcNow());
        state = HotlineTestData.Record(state, first, time.GetUtcNow(), 11);
        var afterRecording = HotlineDeadlines.Due(state, time.GetUtcNow());
        time.Advance(TimeSpan.FromMinutes(5));
        state = HotlineTestData.Record(state, HotlineDeadlines.Due(state, time.GetUtcNow()), time.GetUtcNow(), 12);
        time.Advance(TimeSpan.FromDays(30));
        var muchLater = HotlineDeadlines.Due(state, time.GetUtcNow());

        Assert.Equal(first, again);
        Assert.Empty(afterRecording);
        Assert.Empty(muchLater);
        Assert.Equal(MessageStatus.Missed, state.FindMessage(10)!.Status);
    }

    [Fact]
    public void Due_AcknowledgedOneTickBeforeTheDeadline_ProposesNothingEver()
    {
        var state = Fold(
            Entry(10, Isr, T0, Message()),
            Entry(11, Syr, T0.AddMinutes(5) - Tick, new MessageAcknowledged(10)));

        Assert.Empty(HotlineDeadlines.Due(state, T0.AddDays(365)));
    }

    [Fact]
    public void Due_AcknowledgedLateAfterEscalation_IsNeverMissed()
    {
        var state = Fold(
            Entry(10, Isr, T0, Message()),
            ServerEntry(11, T0.AddMinutes(5), new MessageEscalated(10, Syr, DeadlineKind.Acknowledgement, "late")),
            Entry(12, Syr, T0.AddMinutes(10) - Tick, new MessageAcknowledged(10)));

        Assert.Empty(HotlineDeadlines.Due(state, T0.AddMinutes(10)));
    }

    [Fact]
    public void Due_ServerDownPastBothSteps_ProposesEscalationThenMiss()
    {
        var state = Fold(Entry(10, Isr, T0, Message()));

        var due = HotlineDeadlines.Due(state, T0.AddHours(2));

        Assert.Equal([HotlineEntryTypes.HotlineEscalate, HotlineEntryTypes.HotlineMiss], due.Select(d => d.Type));
        Assert.Equal([T0.AddMinutes(5), T0.AddMinutes(10)], due.Select(d => d.DueAt));
    }

    [Fact]
    public void Due_ConvenersMessage_EscalatesEachPartyThatHasNotAcknowledged()
    {
        var all = Fold(Entry(10, Usa, T0, Message(), author: "usa-mediator"));
        var isrAcknowledged = HotlineProjection.Apply(Config, all, Entry(11, Isr, T0.AddMinutes(1), new MessageAcknowledged(10)));

        var both = HotlineDeadlines.Due(all, T0.AddMinutes(5));
        var syrOnly = HotlineDeadlines.Due(isrAcknowledged, T0.AddMinutes(5));

        Assert.Equal([Isr, Syr], both.Select(d => ((MessageEscalated)d.Event).Party));
        Assert.Equal([Syr], syrOnly.Select(d => ((MessageEscalated)d.Event).Party));
    }

    [Fact]
    public void Due_SeveralMessages_AreOrderedByDueInstantThenMessage()
    {
        var state = Fold(
            Entry(10, Isr, T0, Message(Precedence.Immediate)),
            Entry(11, Syr, T0.AddMinutes(1), Message(Precedence.Flash)),
            Entry(12, Isr, T0.AddMinutes(1), Message(Precedence.Flash)),
            Entry(13, Syr, T0.AddMinutes(2), Message(Precedence.Routine)));

        var due = HotlineDeadlines.Due(state, T0.AddHours(1));

        Assert.Equal(
            [
                "hotline.escalate 11 ISR", "hotline.escalate 12 SYR", "hotline.miss 11 ISR", "hotline.miss 12 SYR",
                "hotline.escalate 10 SYR", "hotline.miss 10 SYR",
            ],
            due.Select(d => $"{d.Type} {Fields(d)}"));
    }

    [Fact]
    public void Due_RequestForExplanation_EscalatesAndMissesTheReplyDeadlineToo()
    {
        var state = Fold(
            Entry(10, Isr, T0, Message(Precedence.Priority, MessageTemplate.RequestForExplanation)),
            Entry(11, Syr, T0.AddHours(1), new MessageAcknowledged(10)));

        var before = HotlineDeadlines.Due(state, T0.AddHours(48) - Tick);
        var atDeadline = HotlineDeadlines.Due(state, T0.AddHours(48));
        var atTwice = HotlineDeadlines.Due(state, T0.AddHours(96));

        Assert.Empty(before);
        Assert.Equal(new MessageEscalated(10, Syr, DeadlineKind.Reply, "SYR did not reply to request for explanation 10 on 'isr-syr-security' within P2D."), Assert.Single(atDeadline).Event);
        Assert.Equal(
            [new MessageEscalated(10, Syr, DeadlineKind.Reply, "SYR did not reply to request for explanation 10 on 'isr-syr-security' within P2D."), new MessageMissed(10, Syr, DeadlineKind.Reply)],
            atTwice.Select(d => d.Event));
    }

    [Fact]
    public void Due_RequestRepliedInTime_LeavesOnlyTheReplysOwnDeadline()
    {
        var state = Fold(
            Entry(10, Isr, T0, Message(Precedence.Priority, MessageTemplate.RequestForExplanation)),
            Entry(11, Syr, T0.AddHours(1), Message(Precedence.Priority, MessageTemplate.Reply, inReplyTo: 10)));

        var due = HotlineDeadlines.Due(state, T0.AddDays(10));

        Assert.Equal(["hotline.escalate 11 ISR", "hotline.miss 11 ISR"], due.Select(d => $"{d.Type} {Fields(d)}"));
    }

    [Fact]
    public void Due_Escalation_CarriesTheFieldsOfItsEntry()
    {
        var state = Fold(Entry(10, Isr, T0, Message()));

        var entry = Assert.Single(HotlineDeadlines.Due(state, T0.AddMinutes(5)));

        Assert.Equal(
            """{"messageSeq":10,"party":"SYR","deadline":"acknowledgement","reason":"SYR did not acknowledge FLASH message 10 on \u0027isr-syr-security\u0027 within PT5M."}""",
            entry.Fields().ToJsonString());
        Assert.True(HotlineEntryTypes.All[entry.Type].ValidateBody(TestBody(entry)).IsSuccess);
    }

    [Fact]
    public void DueLinkTests_NeverTested_AreDueForEveryChannelNow()
    {
        var due = HotlineDeadlines.DueLinkTests(Config, HotlineState.Empty, T0);

        Assert.Equal(Config.Channels.Select(c => c.Code).Order(StringComparer.Ordinal), due.Select(d => d.Channel));
        Assert.All(due, d => Assert.Equal(T0, d.DueAt));
        Assert.Equal(SecurityMembers, due.Single(d => d.Channel == Security).Audience);
        Assert.Equal("""{"channel":"isr-syr-security"}""", due.Single(d => d.Channel == Security).Fields().ToJsonString());
    }

    [Fact]
    public void DueLinkTests_AroundTheInterval_IsDueFromTheIntervalOn()
    {
        var state = Fold([.. Config.Channels.Select((c, i) => ServerEntry(10 + i, T0, new LinkTestSent(c.Code), [.. c.Members]))]);

        var before = HotlineDeadlines.DueLinkTests(Config, state, T0.AddHours(1) - Tick);
        var at = HotlineDeadlines.DueLinkTests(Config, state, T0.AddHours(1));

        Assert.Empty(before);
        Assert.Equal(Config.Channels.Count, at.Count);
        Assert.All(at, d => Assert.Equal(T0.AddHours(1), d.DueAt));
        Assert.All(at, d => Assert.Equal(HotlineEntryTypes.LinkTestSend, d.Type));
    }

    private static string Fields(DueEntry entry) => entry.Event switch
    {
        MessageEscalated e => $"{e.MessageSeq} {e.Party}",
        MessageMissed m => $"{m.MessageSeq} {m.Party}",
        _ => string.Empty,
    };

    private static System.Text.Json.JsonElement TestBody(DueEntry entry) => Entries.TestPayloads.Body(entry.Fields());
}
