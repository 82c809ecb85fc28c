using Liaison.Domain.Common;
using Liaison.Domain.Hotline;
using Liaison.Domain.Tests.Entries;
using static Liaison.Domain.Tests.Hotline.HotlineTestData;

namespace Liaison.Domain.Tests.Hotline;

public sealed partial class HotlineDecisionsTests
{
    [Fact]
    public void Send_ChannelPartyToEveryMember_IsTheMessage()
    {
        var message = Message();

        var result = HotlineDecisions.Send(Config, State, Isr, SecurityMembers, message);

        Assert.Same(message, result.Value);
    }

    [Fact]
    public void Send_ByASuspendedParty_IsStillAccepted()
    {
        var result = HotlineDecisions.Send(Config, State, Syr, SecurityMembers, Message());

        Assert.True(State.Channel(Security).IsSuspended(Syr));
        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void Send_ByTheObserver_IsNotOnChannel()
    {
        var result = HotlineDecisions.Send(Config, State, Undof, SecurityMembers, Message());

        AssertError(result, "not-on-channel", typeof(Error.Forbidden));
    }

    [Fact]
    public void Send_UnknownChannel_IsUnknownChannel()
    {
        var result = HotlineDecisions.Send(Config, State, Isr, SecurityMembers, Message(channel: "isr-syr-sports"));

        AssertError(result, "unknown-channel", typeof(Error.Validation));
    }

    [Theory]
    [InlineData(IsrFlash)]
    [InlineData(UsaRoutine)]
    public void Send_ReplyToAMessageOnTheChannel_IsAccepted(long inReplyTo)
    {
        var result = HotlineDecisions.Send(Config, State, Syr, SecurityMembers, Message(template: MessageTemplate.Reply, inReplyTo: inReplyTo));

        Assert.True(result.IsSuccess);
    }

    [Theory]
    [InlineData(999)]
    [InlineData(LinkTestSeq)]
    [InlineData(SyrSuspension)]
    public void Send_ReplyToNoMessage_IsMessageNotFound(long inReplyTo)
    {
        var result = HotlineDecisions.Send(Config, State, Syr, SecurityMembers, Message(template: MessageTemplate.Reply, inReplyTo: inReplyTo));

        AssertError(result, "message-not-found", typeof(Error.NotFound));
    }

    [Fact]
    public void Send_ReplyToAMessageOnAnotherChannel_IsReplyWrongChannel()
    {
        var result = HotlineDecisions.Send(Config, State, Isr, SecurityMembers, Message(template: MessageTemplate.Complaint, inReplyTo: SyrDiplomatic));

        AssertError(result, "reply-wrong-channel", typeof(Error.Validation));
        Assert.Equal(Diplomatic, result.Error.Extensions["channel"]);
    }

    [Fact]
    public void Deliver_RecipientsClient_IsAccepted()
    {
        var result = HotlineDecisions.Deliver(State, Syr, SecurityMembers, new MessageDelivered(IsrFlash));

        Assert.True(result.IsSuccess);
    }

    [Theory]
    [InlineData("ISR", IsrFlash, "not-a-recipient")]
    [InlineData("UNDOF", IsrFlash, "not-a-recipient")]
    [InlineData("SYR", LinkTestSeq, "message-not-found")]
    [InlineData("SYR", 999, "message-not-found")]
    public void Deliver_NotARecipientOrNotAMessage_IsRefused(string party, long seq, string expectedCode)
    {
        var result = HotlineDecisions.Deliver(State, P(party), SecurityMembers, new MessageDelivered(seq));

        Assert.Equal(expectedCode, TestPayloads.ErrorOf(result).Code);
    }

    [Fact]
    public void Deliver_SecondConfirmation_IsAlreadyDelivered()
    {
        var state = HotlineProjection.Apply(Config, State, Entry(30, Syr, T0.AddSeconds(1), new MessageDelivered(IsrFlash), author: "syr-duty"));

        var result = HotlineDecisions.Deliver(state, Syr, SecurityMembers, new MessageDelivered(IsrFlash));

        AssertError(result, "already-delivered", typeof(Error.Conflict));
    }

    [Theory]
    [InlineData("ISR", "en", null)]
    [InlineData("USA", "en", null)]
    [InlineData("UNDOF", "he", null)]
    [InlineData("SYR", "AR", "translation-same-language")]
    [InlineData("SYR", "ar", "translation-same-language")]
    public void Translate_ReaderIntoAnotherLanguage_IsAccepted(string party, string lang, string? expectedCode)
    {
        var result = HotlineDecisions.Translate(State, P(party), SecurityMembers, new MessageTranslated(IsrFlash, lang, "Fire near Suwayda", "We observe fire."));

        Assert.Equal(expectedCode, result.IsSuccess ? null : result.Error.Code);
    }

    [Fact]
    public void Translate_PartyOutsideTheAudience_IsNotAReader()
    {
        var result = HotlineDecisions.Translate(State, Undof, DiplomaticMembers, new MessageTranslated(SyrDiplomatic, "ar", "S", "B"));

        AssertError(result, "not-a-reader", typeof(Error.Forbidden));
    }

    [Fact]
    public void Translate_UnknownMessage_IsMessageNotFound()
    {
        var result = HotlineDecisions.Translate(State, Isr, SecurityMembers, new MessageTranslated(LinkTestSeq, "en", "S", "B"));

        AssertError(result, "message-not-found", typeof(Error.NotFound));
    }

    [Fact]
    public void Suspend_ActiveParty_IsAccepted()
    {
        var result = HotlineDecisions.Suspend(Config, State, Isr, SecurityMembers, new ChannelSuspended(Security, "Incident under review"));

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void Suspend_AlreadySuspendedParty_IsAlreadySuspended()
    {
        var result = HotlineDecisions.Suspend(Config, State, Syr, SecurityMembers, new ChannelSuspended(Security, "Again"));

        AssertError(result, "already-suspended", typeof(Error.Conflict));
        Assert.Equal(SyrSuspension, result.Error.Extensions["bySeq"]);
    }

    [Theory]
    [InlineData("USA", "not-on-channel")]
    [InlineData("UNDOF", "not-on-channel")]
    public void Suspend_ConvenerOrObserver_HasNoParticipationToSuspend(string party, string expectedCode)
    {
        var result = HotlineDecisions.Suspend(Config, State, P(party), SecurityMembers, new ChannelSuspended(Security, "Reason"));

        Assert.Equal(expectedCode, TestPayloads.ErrorOf(result).Code);
    }

    [Fact]
    public void Suspend_UnknownChannel_IsUnknownChannel()
    {
        var result = HotlineDecisions.Suspend(Config, State, Isr, SecurityMembers, new ChannelSuspended("nowhere", "Reason"));

        AssertError(result, "unknown-channel", typeof(Error.Validation));
    }

    [Fact]
    public void Resume_SuspendedParty_IsAccepted()
    {
        var result = HotlineDecisions.Resume(Config, State, Syr, SecurityMembers, new ChannelResumed(Security, "Consultations ended"));

        Assert.True(result.IsSuccess);
    }

    [Theory]
    [InlineData("ISR", Security)]
    [InlineData("SYR", Diplomatic)]
    public void Resume_PartyNotSuspendedOnThatChannel_IsNotSuspended(string party, string channel)
    {
        var audience = channel == Security ? SecurityMembers : DiplomaticMembers;

        var result = HotlineDecisions.Resume(Config, State, P(party), audience, new ChannelResumed(channel, "Reason"));

        AssertError(result, "not-suspended", typeof(Error.Conflict));
    }

    [Fact]
    public void AnswerLinkTest_ChannelPartysClient_IsAccepted()
    {
        var result = HotlineDecisions.AnswerLinkTest(State, Syr, SecurityMembers, new LinkTestAnswered(LinkTestSeq));

        Assert.True(result.IsSuccess);
    }

    [Theory]
    [InlineData("SYR", IsrFlash, "link-test-not-found")]
    [InlineData("SYR", 999, "link-test-not-found")]
    [InlineData("USA", LinkTestSeq, "not-a-recipient")]
    [InlineData("UNDOF", LinkTestSeq, "not-a-recipient")]
    public void AnswerLinkTest_NotALinkTestOrNotAChannelParty_IsRefused(string party, long seq, string expectedCode)
    {
        var result = HotlineDecisions.AnswerLinkTest(State, P(party), SecurityMembers, new LinkTestAnswered(seq));

        Assert.Equal(expectedCode, TestPayloads.ErrorOf(result).Code);
    }

    [Fact]
    public void AnswerLinkTest_SecondAnswer_IsAlreadyAnswered()
    {
        var state = HotlineProjection.Apply(Config, State, Entry(30, Syr, T0.AddMinutes(4), new LinkTestAnswered(LinkTestSeq), author: "syr-duty"));

        var result = HotlineDecisions.AnswerLinkTest(state, Syr, SecurityMembers, new LinkTestAnswered(LinkTestSeq));

        AssertError(result, "already-answered", typeof(Error.Conflict));
    }

    [Fact]
    public void Decide_MessageSendHeader_ParsesAndAppliesTheChannelRule()
    {
        var header = TestPayloads.Header(HotlineEntryTypes.MessageSend, SendFields(), "isr-officer", ["ISR", "SYR", "USA", "UNDOF"]);

        var result = HotlineDecisions.Decide(Config, State, header, Isr);

        var sent = Assert.IsType<MessageSent>(result.Value);
        Assert.Equal(Security, sent.Channel);
    }

    [Fact]
    public void Decide_MessageSendToTooFewParties_IsAudienceMismatch()
    {
        var header = TestPayloads.Header(HotlineEntryTypes.MessageSend, SendFields(), "isr-officer", ["ISR", "SYR"]);

        var result = HotlineDecisions.Decide(Config, State, header, Isr);

        Assert.Equal("audience-mismatch", TestPayloads.ErrorOf(result).Code);
    }

    [Fact]
    public void Decide_BadField_IsPayloadInvalid()
    {
        var fields = SendFields();
        fields["precedence"] = "URGENT";
        var header = TestPayloads.Header(HotlineEntryTypes.MessageSend, fields, "isr-officer", ["ISR", "SYR", "USA", "UNDOF"]);

        var result = HotlineDecisions.Decide(Config, State, header, Isr);

        Assert.Equal("payload-invalid", TestPayloads.ErrorOf(result).Code);
    }

    [Fact]
    public void Decide_AckHeader_AppliesTheAcknowledgementRule()
    {
        var header = TestPayloads.Header(HotlineEntryTypes.MessageAck, new() { ["messageSeq"] = IsrFlash }, "isr-duty", ["ISR", "SYR", "USA", "UNDOF"]);

        var result = HotlineDecisions.Decide(Config, State, header, Isr);

        Assert.Equal("not-a-recipient", TestPayloads.ErrorOf(result).Code);
    }

    [Fact]
    public void Decide_ServerMadeType_IsRoleForbidden()
    {
        var header = TestPayloads.Header(HotlineEntryTypes.LinkTestSend, new() { ["channel"] = Security }, "isr-duty", ["ISR", "SYR", "USA", "UNDOF"]);

        var result = HotlineDecisions.Decide(Config, State, header, Isr);

        Assert.Equal("role-forbidden", TestPayloads.ErrorOf(result).Code);
    }
}
