using Liaison.Domain.Hotline;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;
using Liaison.Domain.Tests.Entries;
using Liaison.Domain.Tests.Mechanism;
using static Liaison.Domain.Tests.Hotline.HotlineTestData;

namespace Liaison.Domain.Tests.Hotline;

public sealed class HotlineProjectionTests
{
    [Fact]
    public void Fold_PartysMessage_RecordsItWithTheCounterpartAsOnlyRecipient()
    {
        var state = Fold(Entry(10, Isr, T0, Message()));

        var message = state.FindMessage(10)!;
        Assert.Equal(Security, message.Channel);
        Assert.Equal(Precedence.Flash, message.Precedence);
        Assert.Equal(MessageTemplate.FreeText, message.Template);
        Assert.Equal(Isr, message.Sender);
        Assert.Equal("isr-officer", message.Author);
        Assert.Equal(T0, message.SentAt);
        Assert.Equal(SecurityMembers, message.Audience);
        Assert.Equal([Syr], message.Recipients.Keys);
        Assert.Equal(MessageStatus.Sent, message.Status);
        Assert.False(message.Recipients[Syr].SuspendedWhenSent);
    }

    [Fact]
    public void Fold_ConvenersMessage_EveryChannelPartyIsARecipient()
    {
        var state = Fold(Entry(10, Usa, T0, Message(), author: "usa-mediator"));

        Assert.Equal([Isr, Syr], state.FindMessage(10)!.Recipients.Keys);
    }

    [Theory]
    [InlineData(Precedence.Flash, 5 * 60)]
    [InlineData(Precedence.Immediate, 30 * 60)]
    [InlineData(Precedence.Priority, 3 * 3600)]
    [InlineData(Precedence.Routine, 24 * 3600)]
    public void Fold_Precedence_SetsTheDefaultAcknowledgementDeadline(Precedence precedence, int seconds)
    {
        var state = Fold(Entry(10, Isr, T0, Message(precedence)));

        var message = state.FindMessage(10)!;
        Assert.Equal(TimeSpan.FromSeconds(seconds), message.AcknowledgeWithin);
        Assert.Equal(T0.AddSeconds(seconds), message.AcknowledgementDeadline);
        Assert.Equal(T0.AddSeconds(2 * seconds), message.MissedAt(DeadlineKind.Acknowledgement));
        Assert.Null(message.ReplyDeadline);
    }

    [Fact]
    public void Fold_ConfiguredDeadlines_AreTheOnesUsed()
    {
        var json = ConfigFixtures.With(ConfigFixtures.Minimal, "deadlines", """{ "acknowledgement": { "flash": "PT2M" }, "explanationReply": "PT12H" }""");
        var config = MechanismConfigLoader.Parse(json, "fast.json", null).Value;
        var aaa = new PartyCode("AAA");
        var entry = new HotlineEntry(3, "aaa-officer", aaa, [aaa, new("BBB"), new("CON")], T0, T0, Message(template: MessageTemplate.RequestForExplanation, channel: "aaa-bbb-security"));

        var state = HotlineProjection.Fold(config, [entry]);

        var message = state.FindMessage(3)!;
        Assert.Equal(T0.AddMinutes(2), message.AcknowledgementDeadline);
        Assert.Equal(T0.AddHours(12), message.ReplyDeadline);
        Assert.Equal(T0.AddHours(24), message.MissedAt(DeadlineKind.Reply));
    }

    [Fact]
    public void Fold_RequestForExplanation_HasA48HourReplyDeadline()
    {
        var state = Fold(Entry(10, Isr, T0, Message(Precedence.Priority, MessageTemplate.RequestForExplanation)));

        Assert.Equal(T0.AddHours(48), state.FindMessage(10)!.ReplyDeadline);
    }

    [Fact]
    public void Fold_DeliveredThenAcknowledged_MovesThroughTheStatuses()
    {
        var sent = Entry(10, Isr, T0, Message());
        var delivered = Entry(11, Syr, T0.AddSeconds(2), new MessageDelivered(10), author: "syr-analyst");
        var acknowledged = Entry(12, Syr, T0.AddMinutes(3), new MessageAcknowledged(10), author: "syr-duty");

        var afterDelivery = Fold(sent, delivered);
        var afterAck = Fold(sent, delivered, acknowledged);

        Assert.Equal(MessageStatus.Delivered, afterDelivery.FindMessage(10)!.Status);
        Assert.Equal(new Stamp(11, T0.AddSeconds(2), "syr-analyst"), afterDelivery.FindMessage(10)!.Recipients[Syr].Delivered);
        var message = afterAck.FindMessage(10)!;
        Assert.Equal(MessageStatus.Acknowledged, message.Status);
        Assert.Equal(new Acknowledgement(12, T0.AddMinutes(3), "syr-duty", TimeSpan.FromMinutes(3), Late: false, ByReply: false), message.Recipients[Syr].Acknowledged);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public void Fold_AcknowledgementAroundTheDeadline_IsLateFromTheDeadlineInstantOn(long ticksFromDeadline, bool late)
    {
        var at = T0.AddMinutes(5).AddTicks(ticksFromDeadline);

        var state = Fold(Entry(10, Isr, T0, Message()), Entry(11, Syr, at, new MessageAcknowledged(10)));

        Assert.Equal(late, state.FindMessage(10)!.Recipients[Syr].Acknowledged!.Late);
    }

    [Fact]
    public void Fold_ReplyByTheRecipient_IsItsReplyAndItsAcknowledgement()
    {
        var state = Fold(
            Entry(10, Isr, T0, Message(Precedence.Priority, MessageTemplate.RequestForExplanation)),
            Entry(11, Syr, T0.AddHours(4), Message(Precedence.Priority, MessageTemplate.Reply, inReplyTo: 10), author: "syr-commander"));

        var request = state.FindMessage(10)!;
        var recipient = request.Recipients[Syr];
        Assert.Equal([11L], request.Replies);
        Assert.Equal(new Stamp(11, T0.AddHours(4), "syr-commander"), recipient.Replied);
        Assert.Equal(new Acknowledgement(11, T0.AddHours(4), "syr-commander", TimeSpan.FromHours(4), Late: true, ByReply: true), recipient.Acknowledged);
        Assert.Equal(10, state.FindMessage(11)!.InReplyTo);
        Assert.Equal([Isr], state.FindMessage(11)!.Recipients.Keys);
    }

    [Fact]
    public void Fold_FollowUpBySender_IsInTheThreadButAcknowledgesNothing()
    {
        var state = Fold(
            Entry(10, Isr, T0, Message()),
            Entry(11, Isr, T0.AddMinutes(1), Message(inReplyTo: 10)));

        var message = state.FindMessage(10)!;
        Assert.Equal([11L], message.Replies);
        Assert.Null(message.Recipients[Syr].Acknowledged);
    }

    [Fact]
    public void Fold_AcknowledgementAfterReply_KeepsTheReplyAsTheAcknowledgement()
    {
        var state = Fold(
            Entry(10, Isr, T0, Message()),
            Entry(11, Syr, T0.AddMinutes(1), Message(template: MessageTemplate.Reply, inReplyTo: 10)),
            Entry(12, Syr, T0.AddMinutes(2), new MessageAcknowledged(10)));

        Assert.Equal(11, state.FindMessage(10)!.Recipients[Syr].Acknowledged!.Seq);
    }

    [Fact]
    public void Fold_Translations_AreKeptInOrder()
    {
        var state = Fold(
            Entry(10, Syr, T0, Message(lang: "ar")),
            Entry(11, Usa, T0.AddMinutes(1), new MessageTranslated(10, "en", "Fire near Suwayda", "We observe fire."), author: "usa-mediator"),
            Entry(12, Isr, T0.AddMinutes(2), new MessageTranslated(10, "he", "ירי ליד סווידא", "אנו מזהים ירי.")));

        var translations = state.FindMessage(10)!.Translations;
        Assert.Equal(["en", "he"], translations.Select(t => t.Lang));
        Assert.Equal(new Translation(11, Usa, "usa-mediator", T0.AddMinutes(1), "en", "Fire near Suwayda"), translations[0]);
    }

    [Fact]
    public void Fold_SuspendAndResume_TrackPoliticalStatusApartFromTheLine()
    {
        var suspended = Fold(Entry(10, Syr, T0, new ChannelSuspended(Security, "Consultations"), author: "syr-commander"));
        var resumed = Fold(
            Entry(10, Syr, T0, new ChannelSuspended(Security, "Consultations"), author: "syr-commander"),
            Entry(11, Syr, T0.AddDays(1), new ChannelResumed(Security, "Consultations ended"), author: "syr-commander"));

        Assert.True(suspended.Channel(Security).IsSuspended(Syr));
        Assert.False(suspended.Channel(Security).IsSuspended(Isr));
        Assert.False(suspended.Channel(Diplomatic).IsSuspended(Syr));
        Assert.Equal(new PoliticalStatus(Syr, true, "Consultations", 10, T0), suspended.Channel(Security).Political[Syr]);
        Assert.False(resumed.Channel(Security).IsSuspended(Syr));
        Assert.Equal(new PoliticalStatus(Syr, false, "Consultations ended", 11, T0.AddDays(1)), resumed.Channel(Security).Political[Syr]);
    }

    [Fact]
    public void Fold_SecondSuspension_KeepsTheFirst()
    {
        var state = Fold(
            Entry(10, Syr, T0, new ChannelSuspended(Security, "Consultations"), author: "syr-commander"),
            Entry(11, Syr, T0.AddHours(1), new ChannelSuspended(Security, "Still consulting"), author: "syr-commander"));

        Assert.Equal(10, state.Channel(Security).Political[Syr].Seq);
    }

    [Fact]
    public void Fold_MessageToASuspendedParty_RecordsTheSuspensionAndKeepsTheDeadline()
    {
        var state = Fold(
            Entry(10, Syr, T0, new ChannelSuspended(Security, "Consultations"), author: "syr-commander"),
            Entry(11, Isr, T0.AddMinutes(1), Message()));

        var message = state.FindMessage(11)!;
        Assert.True(message.Recipients[Syr].SuspendedWhenSent);
        Assert.Equal(T0.AddMinutes(6), message.AcknowledgementDeadline);
        Assert.Single(HotlineDeadlines.Due(state, T0.AddMinutes(6)));
    }

    [Fact]
    public void Fold_LinkTests_TellNoAnswerFromAnsweredFromAcknowledged()
    {
        var state = Fold(
            ServerEntry(10, T0, new LinkTestSent(Security)),
            Entry(11, Syr, T0.AddSeconds(1), new LinkTestAnswered(10), author: "syr-duty"),
            Entry(12, Syr, T0.AddMinutes(2), new MessageAcknowledged(10), author: "syr-duty"),
            ServerEntry(13, T0.AddHours(1), new LinkTestSent(Security)),
            Entry(14, Isr, T0.AddHours(1).AddSeconds(1), new LinkTestAnswered(13), author: "isr-duty"));

        var first = state.FindLinkTest(10)!;
        var second = state.FindLinkTest(13)!;
        Assert.Equal(13, state.Channel(Security).LastLinkTestSeq);
        Assert.Equal(LinkTestOutcome.NoAnswer, first.Parties[Isr].Outcome);
        Assert.Equal(LinkTestOutcome.Acknowledged, first.Parties[Syr].Outcome);
        Assert.Equal(new Stamp(11, T0.AddSeconds(1), "syr-duty"), first.Parties[Syr].Answered);
        Assert.Equal(LinkTestOutcome.Answered, second.Parties[Isr].Outcome);
        Assert.Equal(LinkTestOutcome.NoAnswer, second.Parties[Syr].Outcome);
        Assert.Equal([Isr, Syr], first.Parties.Keys);
    }

    [Fact]
    public void Fold_EscalationThenMiss_AreRecordedPerRecipientAndDeadline()
    {
        var state = Fold(
            Entry(10, Isr, T0, Message(Precedence.Flash, MessageTemplate.RequestForExplanation)),
            ServerEntry(11, T0.AddMinutes(5), new MessageEscalated(10, Syr, DeadlineKind.Acknowledgement, "late")),
            ServerEntry(12, T0.AddMinutes(10), new MessageMissed(10, Syr, DeadlineKind.Acknowledgement)),
            ServerEntry(13, T0.AddHours(48), new MessageEscalated(10, Syr, DeadlineKind.Reply, "no reply")));

        var recipient = state.FindMessage(10)!.Recipients[Syr];
        Assert.Equal(new Stamp(11, T0.AddMinutes(5), "server"), recipient.Escalated);
        Assert.Equal(new Stamp(12, T0.AddMinutes(10), "server"), recipient.Missed);
        Assert.Equal(new Stamp(13, T0.AddHours(48), "server"), recipient.ReplyEscalated);
        Assert.Null(recipient.ReplyMissed);
        Assert.Equal(MessageStatus.Missed, recipient.Status);
    }

    [Fact]
    public void Fold_LateAcknowledgementAfterMiss_IsAcknowledgedLateAndStillMissed()
    {
        var state = Fold(
            Entry(10, Isr, T0, Message()),
            ServerEntry(11, T0.AddMinutes(5), new MessageEscalated(10, Syr, DeadlineKind.Acknowledgement, "late")),
            ServerEntry(12, T0.AddMinutes(10), new MessageMissed(10, Syr, DeadlineKind.Acknowledgement)),
            Entry(13, Syr, T0.AddMinutes(11), new MessageAcknowledged(10)));

        var recipient = state.FindMessage(10)!.Recipients[Syr];
        Assert.Equal(MessageStatus.Acknowledged, recipient.Status);
        Assert.True(recipient.Acknowledged!.Late);
        Assert.NotNull(recipient.Missed);
    }

    [Fact]
    public void Status_ConvenersMessage_IsTheMostPressingOfTheOpenRecipients()
    {
        var sent = Entry(10, Usa, T0, Message(), author: "usa-mediator");
        var isrAck = Entry(11, Isr, T0.AddMinutes(1), new MessageAcknowledged(10));
        var syrDelivered = Entry(12, Syr, T0.AddMinutes(1), new MessageDelivered(10));
        var syrAck = Entry(13, Syr, T0.AddMinutes(2), new MessageAcknowledged(10));
        var isrDelivered = Entry(14, Isr, T0.AddMinutes(1), new MessageDelivered(10));
        var escalated = ServerEntry(15, T0.AddMinutes(5), new MessageEscalated(10, Syr, DeadlineKind.Acknowledgement, "late"));

        Assert.Equal(MessageStatus.Sent, Fold(sent, syrDelivered).FindMessage(10)!.Status);
        Assert.Equal(MessageStatus.Delivered, Fold(sent, isrDelivered, syrDelivered).FindMessage(10)!.Status);
        Assert.Equal(MessageStatus.Delivered, Fold(sent, isrAck, syrDelivered).FindMessage(10)!.Status);
        Assert.Equal(MessageStatus.Escalated, Fold(sent, isrAck, syrDelivered, escalated).FindMessage(10)!.Status);
        Assert.Equal(MessageStatus.Acknowledged, Fold(sent, isrAck, syrAck).FindMessage(10)!.Status);
    }

    public static TheoryData<string, HotlineEntry> IgnoredEntries => new()
    {
        { "ack of an unknown seq", Entry(20, Syr, T0, new MessageAcknowledged(99)) },
        { "ack by the sender's party", Entry(20, Isr, T0, new MessageAcknowledged(10)) },
        { "ack by an observer", Entry(20, Undof, T0, new MessageAcknowledged(10)) },
        { "delivery to the sender's party", Entry(20, Isr, T0, new MessageDelivered(10)) },
        { "translation of an unknown seq", Entry(20, Isr, T0, new MessageTranslated(99, "en", "S", "B")) },
        { "answer to a message, not a link test", Entry(20, Syr, T0, new LinkTestAnswered(10)) },
        { "escalation for a party that is no recipient", ServerEntry(20, T0, new MessageEscalated(10, Usa, DeadlineKind.Acknowledgement, "x")) },
        { "miss of an unknown message", ServerEntry(20, T0, new MessageMissed(99, Syr, DeadlineKind.Acknowledgement)) },
        { "message on an unknown channel", Entry(20, Isr, T0, Message(channel: "nowhere")) },
        { "link test of an unknown channel", ServerEntry(20, T0, new LinkTestSent("nowhere")) },
        { "message whose seq is taken", Entry(10, Syr, T0, Message()) },
        { "translation by a party outside the audience", Entry(20, new PartyCode("LBN"), T0, new MessageTranslated(10, "en", "S", "B")) },
        { "suspension by the convener", Entry(20, Usa, T0, new ChannelSuspended(Security, "x")) },
        { "suspension of an unknown channel", Entry(20, Syr, T0, new ChannelSuspended("nowhere", "x")) },
        { "resumption by a party never suspended", Entry(20, Syr, T0, new ChannelResumed(Security, "x")) },
    };

    [Theory]
    [MemberData(nameof(IgnoredEntries))]
    public void Apply_EntryTheRulesWouldRefuse_ChangesNothing(string scenario, HotlineEntry entry)
    {
        var before = Fold(Entry(10, Isr, T0, Message()));

        var after = HotlineProjection.Apply(Config, before, entry);

        Assert.True(ReferenceEquals(before, after), scenario);
    }

    [Fact]
    public void Apply_SecondDeliveryOrEscalation_KeepsTheFirst()
    {
        var state = Fold(
            Entry(10, Isr, T0, Message()),
            Entry(11, Syr, T0.AddSeconds(1), new MessageDelivered(10)),
            Entry(12, Syr, T0.AddSeconds(2), new MessageDelivered(10)),
            ServerEntry(13, T0.AddMinutes(5), new MessageEscalated(10, Syr, DeadlineKind.Acknowledgement, "late")),
            ServerEntry(14, T0.AddMinutes(6), new MessageEscalated(10, Syr, DeadlineKind.Acknowledgement, "late again")));

        var recipient = state.FindMessage(10)!.Recipients[Syr];
        Assert.Equal(11, recipient.Delivered!.Seq);
        Assert.Equal(13, recipient.Escalated!.Seq);
    }

    [Fact]
    public void Fold_EntriesInAnyOrder_GiveTheSameState()
    {
        HotlineEntry[] entries =
        [
            Entry(10, Isr, T0, Message()),
            Entry(11, Syr, T0.AddSeconds(1), new MessageDelivered(10)),
            Entry(12, Syr, T0.AddMinutes(1), new MessageAcknowledged(10)),
        ];

        var ordered = Fold(entries);
        var reversed = Fold([.. entries.Reverse()]);

        Assert.Equal(ordered.FindMessage(10)!.Recipients[Syr], reversed.FindMessage(10)!.Recipients[Syr]);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(5 * 60, false)]
    [InlineData((5 * 60) + 1, true)]
    [InlineData(6 * 3600, true)]
    public void Fold_OfflineMessage_IsForwardedWhenClientTimeIsBeyondTheSkewAndDeadlinesRunFromServerTime(int secondsWrittenBefore, bool forwarded)
    {
        var state = Fold(Entry(10, Isr, T0, Message(), clientTime: T0.AddSeconds(-secondsWrittenBefore)));

        var message = state.FindMessage(10)!;
        Assert.Equal(forwarded, message.Forwarded);
        Assert.Equal(TimeSpan.FromSeconds(secondsWrittenBefore), message.Delay);
        Assert.Equal(T0.AddMinutes(5), message.AcknowledgementDeadline);
    }

    [Fact]
    public void From_RecordedHeader_ParsesItsFields()
    {
        var header = TestPayloads.Header(HotlineEntryTypes.MessageSend, SendFields(MessageTemplate.Complaint), "syr-officer", ["ISR", "SYR", "USA", "UNDOF"]);

        var entry = HotlineEntry.From(10, header, Syr, T0.AddSeconds(3));

        Assert.Equal(10, entry.Value.Seq);
        Assert.Equal("syr-officer", entry.Value.Author);
        Assert.Equal(T0, entry.Value.ClientTime);
        Assert.Equal(T0.AddSeconds(3), entry.Value.ServerTime);
        var sent = Assert.IsType<MessageSent>(entry.Value.Event);
        Assert.Equal(new TemplateFields.Complaint("UAV over the Area of Separation, 2026-01-06", "airspace-violation"), sent.Coded);
    }

    [Fact]
    public void From_NotAHotlineType_Throws()
    {
        var header = TestPayloads.Header(TestPayloads.Statement());

        Assert.Throws<ArgumentException>(() => HotlineEntry.From(1, header, Isr, T0));
    }
}
