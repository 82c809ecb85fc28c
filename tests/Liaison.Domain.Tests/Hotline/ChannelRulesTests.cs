using Liaison.Domain.Common;
using Liaison.Domain.Hotline;
using Liaison.Domain.Parties;
using Liaison.Domain.Tests.Entries;
using static Liaison.Domain.Tests.Hotline.HotlineTestData;

namespace Liaison.Domain.Tests.Hotline;

public sealed class ChannelRulesTests
{
    [Theory]
    [InlineData("ISR")]
    [InlineData("SYR")]
    [InlineData("USA")]
    public void CheckSpeaker_ChannelPartyOrConvenerToEveryMember_IsTheChannel(string author)
    {
        var result = ChannelRules.CheckSpeaker(Config, Security, new PartyCode(author), SecurityMembers);

        Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Error.Detail);
        Assert.Equal(Security, result.Value.Code);
    }

    [Fact]
    public void CheckSpeaker_AudienceInAnotherOrder_IsAccepted()
    {
        var result = ChannelRules.CheckSpeaker(Config, Security, Syr, [Undof, Usa, Syr, Isr]);

        Assert.True(result.IsSuccess);
    }

    [Theory]
    [InlineData("isr-syr-Security")]
    [InlineData("isr-lbn-security")]
    [InlineData("")]
    public void CheckSpeaker_UnknownChannel_IsUnknownChannel(string channel)
    {
        var result = ChannelRules.CheckSpeaker(Config, channel, Isr, SecurityMembers);

        var error = TestPayloads.ErrorOf(result);
        Assert.Equal("unknown-channel", error.Code);
        Assert.IsType<Error.Validation>(error);
        Assert.Equal(channel, error.Extensions["channel"]);
    }

    [Fact]
    public void CheckSpeaker_ObserverOfTheChannel_IsNotOnChannel()
    {
        var result = ChannelRules.CheckSpeaker(Config, Security, Undof, SecurityMembers);

        var error = TestPayloads.ErrorOf(result);
        Assert.Equal("not-on-channel", error.Code);
        Assert.IsType<Error.Forbidden>(error);
    }

    [Fact]
    public void CheckSpeaker_ConvenerOnChannelItOnlyObserves_MaySpeak()
    {
        var channel = Config.FindChannel(Diplomatic)!;

        var result = ChannelRules.CheckSpeaker(Config, Diplomatic, Usa, DiplomaticMembers);

        Assert.DoesNotContain(Usa, channel.Parties);
        Assert.True(result.IsSuccess);
    }

    public static TheoryData<string, string[], string[], string[]> WrongAudiences => new()
    {
        { "observer left out", ["ISR", "SYR", "USA"], ["UNDOF"], [] },
        { "convener left out", ["ISR", "SYR", "UNDOF"], ["USA"], [] },
        { "counterpart left out", ["ISR", "USA", "UNDOF"], ["SYR"], [] },
        { "own party only", ["ISR"], ["SYR", "USA", "UNDOF"], [] },
        { "a party not on the channel added", ["ISR", "SYR", "USA", "UNDOF", "LBN"], [], ["LBN"] },
    };

    [Theory]
    [MemberData(nameof(WrongAudiences))]
    public void CheckSpeaker_AudienceNotExactlyTheMembers_IsAudienceMismatch(string scenario, string[] audience, string[] missing, string[] extra)
    {
        var result = ChannelRules.CheckSpeaker(Config, Security, Isr, [.. audience.Select(p => new PartyCode(p))]);

        var error = TestPayloads.ErrorOf(result);
        Assert.True(error.Code == "audience-mismatch", scenario);
        Assert.IsType<Error.Validation>(error);
        Assert.Equal(missing, (string[])error.Extensions["missing"]!);
        Assert.Equal(extra, (string[])error.Extensions["extra"]!);
        Assert.Equal(["ISR", "SYR", "USA", "UNDOF"], (string[])error.Extensions["expected"]!);
    }

    [Fact]
    public void CheckSpeaker_DiplomaticChannelWithTheObserver_IsAudienceMismatch()
    {
        var result = ChannelRules.CheckSpeaker(Config, Diplomatic, Isr, SecurityMembers);

        Assert.Equal("audience-mismatch", TestPayloads.ErrorOf(result).Code);
    }

    [Fact]
    public void CheckSpeaker_UnknownChannelAndWrongAudience_ReportsTheChannelFirst()
    {
        var result = ChannelRules.CheckSpeaker(Config, "nowhere", Undof, [Undof]);

        Assert.Equal("unknown-channel", TestPayloads.ErrorOf(result).Code);
    }

    [Theory]
    [InlineData("ISR", null)]
    [InlineData("SYR", null)]
    [InlineData("USA", "not-on-channel")]
    [InlineData("UNDOF", "not-on-channel")]
    public void CheckParticipant_OnlyChannelParties_HaveParticipationToSuspend(string author, string? expectedCode)
    {
        var result = ChannelRules.CheckParticipant(Config, Security, new PartyCode(author), SecurityMembers);

        Assert.Equal(expectedCode, result.IsSuccess ? null : result.Error.Code);
    }

    [Theory]
    [InlineData("ISR", "SYR")]
    [InlineData("SYR", "ISR")]
    [InlineData("USA", "ISR,SYR")]
    public void Recipients_Sender_AreTheOtherChannelParties(string sender, string expected)
    {
        var recipients = ChannelRules.Recipients(Config.FindChannel(Security)!, new PartyCode(sender));

        Assert.Equal(expected, string.Join(',', recipients));
    }
}
