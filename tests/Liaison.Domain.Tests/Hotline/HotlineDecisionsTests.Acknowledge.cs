using Liaison.Domain.Common;
using Liaison.Domain.Hotline;
using static Liaison.Domain.Tests.Hotline.HotlineTestData;

namespace Liaison.Domain.Tests.Hotline;

public sealed partial class HotlineDecisionsTests
{
    [Fact]
    public void Acknowledge_RecipientPartyToTheMessagesAudience_IsAccepted()
    {
        var result = HotlineDecisions.Acknowledge(State, Syr, SecurityMembers, new MessageAcknowledged(IsrFlash));

        Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Error.Detail);
        Assert.Equal(IsrFlash, result.Value.MessageSeq);
    }

    [Theory]
    [InlineData("ISR")]
    [InlineData("SYR")]
    public void Acknowledge_ConvenersMessage_EachChannelPartyMayAcknowledge(string party)
    {
        var result = HotlineDecisions.Acknowledge(State, P(party), SecurityMembers, new MessageAcknowledged(UsaRoutine));

        Assert.True(result.IsSuccess);
    }

    [Theory]
    [InlineData(999)]
    [InlineData(SyrSuspension)]
    [InlineData(0)]
    public void Acknowledge_SeqThatIsNoMessage_IsMessageNotFound(long seq)
    {
        var result = HotlineDecisions.Acknowledge(State, Syr, SecurityMembers, new MessageAcknowledged(seq));

        AssertError(result, "message-not-found", typeof(Error.NotFound));
        Assert.Equal(seq, result.Error.Extensions["seq"]);
    }

    [Theory]
    [InlineData("ISR", IsrFlash)]
    [InlineData("USA", IsrFlash)]
    [InlineData("UNDOF", IsrFlash)]
    [InlineData("USA", UsaRoutine)]
    [InlineData("SYR", SyrDiplomatic)]
    [InlineData("USA", LinkTestSeq)]
    [InlineData("UNDOF", LinkTestSeq)]
    public void Acknowledge_SendersPartyOrAnObserver_IsNotARecipient(string party, long seq)
    {
        var audience = seq == SyrDiplomatic ? DiplomaticMembers : SecurityMembers;

        var result = HotlineDecisions.Acknowledge(State, P(party), audience, new MessageAcknowledged(seq));

        AssertError(result, "not-a-recipient", typeof(Error.Forbidden));
    }

    [Fact]
    public void Acknowledge_SecondByTheSameParty_IsAlreadyAcknowledged()
    {
        var state = HotlineProjection.Apply(Config, State, Entry(30, Syr, T0.AddMinutes(2), new MessageAcknowledged(IsrFlash), author: "syr-duty"));

        var result = HotlineDecisions.Acknowledge(state, Syr, SecurityMembers, new MessageAcknowledged(IsrFlash));

        AssertError(result, "already-acknowledged", typeof(Error.Conflict));
        Assert.Equal(30L, result.Error.Extensions["bySeq"]);
    }

    [Fact]
    public void Acknowledge_AfterThePartyReplied_IsAlreadyAcknowledgedByTheReply()
    {
        var state = HotlineProjection.Apply(Config, State, Entry(31, Syr, T0.AddMinutes(2), Message(template: MessageTemplate.Reply, inReplyTo: IsrFlash)));

        var result = HotlineDecisions.Acknowledge(state, Syr, SecurityMembers, new MessageAcknowledged(IsrFlash));

        AssertError(result, "already-acknowledged", typeof(Error.Conflict));
        Assert.Equal(31L, result.Error.Extensions["bySeq"]);
    }

    [Fact]
    public void Acknowledge_ConvenersMessageAckedByOneParty_OtherPartyStillMay()
    {
        var state = HotlineProjection.Apply(Config, State, Entry(30, Isr, T0.AddMinutes(5), new MessageAcknowledged(UsaRoutine)));

        var again = HotlineDecisions.Acknowledge(state, Isr, SecurityMembers, new MessageAcknowledged(UsaRoutine));
        var other = HotlineDecisions.Acknowledge(state, Syr, SecurityMembers, new MessageAcknowledged(UsaRoutine));

        AssertError(again, "already-acknowledged", typeof(Error.Conflict));
        Assert.True(other.IsSuccess);
    }

    [Fact]
    public void Acknowledge_AfterEscalationAndMiss_IsStillAccepted()
    {
        var state = HotlineTestData.Record(State, HotlineDeadlines.Due(State, T0.AddHours(1)), T0.AddHours(1), 40);

        var result = HotlineDecisions.Acknowledge(state, Syr, SecurityMembers, new MessageAcknowledged(IsrFlash));

        Assert.NotNull(state.FindMessage(IsrFlash)!.Recipients[Syr].Missed);
        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void Acknowledge_AudienceOtherThanTheMessages_IsAudienceMismatch()
    {
        var result = HotlineDecisions.Acknowledge(State, Syr, [Isr, Syr], new MessageAcknowledged(IsrFlash));

        AssertError(result, "audience-mismatch", typeof(Error.Validation));
    }

    [Fact]
    public void Acknowledge_LinkTestByAChannelParty_IsAccepted()
    {
        var result = HotlineDecisions.Acknowledge(State, Isr, SecurityMembers, new MessageAcknowledged(LinkTestSeq));

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void Acknowledge_LinkTestTwice_IsAlreadyAcknowledged()
    {
        var state = HotlineProjection.Apply(Config, State, Entry(30, Isr, T0.AddMinutes(6), new MessageAcknowledged(LinkTestSeq), author: "isr-duty"));

        var result = HotlineDecisions.Acknowledge(state, Isr, SecurityMembers, new MessageAcknowledged(LinkTestSeq));

        AssertError(result, "already-acknowledged", typeof(Error.Conflict));
    }
}
