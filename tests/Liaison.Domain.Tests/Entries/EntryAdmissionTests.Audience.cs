using Liaison.Domain.Entries;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Tests.Entries;

public sealed partial class EntryAdmissionTests
{
    private static PartyCode[] Codes(string codes) => [.. codes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => new PartyCode(c))];

    [Theory]
    [InlineData("AAA", "AAA")]
    [InlineData("AAA", "AAA,BBB")]
    [InlineData("AAA", "BBB,CON,AAA")]
    [InlineData("BBB", "BBB,AAA,CON")]
    [InlineData("CON", "CON,AAA,BBB,OBS")]
    [InlineData("OBS", "OBS")]
    [InlineData("OBS", "CON,OBS")]
    public void CheckAudience_OwnPartyAndAddressableParties_Succeeds(string author, string audience)
    {
        var result = EntryAdmission.CheckAudience(Codes(audience), new PartyCode(author), TestPayloads.MinimalConfig);

        Assert.True(result.IsSuccess);
    }

    [Theory]
    [InlineData("AAA", "AAA,OBS", "OBS")]
    [InlineData("BBB", "OBS,BBB", "OBS")]
    [InlineData("OBS", "OBS,AAA", "AAA")]
    [InlineData("OBS", "OBS,CON,BBB", "BBB")]
    [InlineData("AAA", "AAA,LBN", "LBN")]
    [InlineData("AAA", "LBN", "LBN")]
    [InlineData("AAA", "BBB", "AAA")]
    [InlineData("AAA", "BBB,CON", "AAA")]
    [InlineData("OBS", "CON", "OBS")]
    [InlineData("AAA", "", "AAA")]
    public void CheckAudience_PartyNotAddressableOrOwnPartyMissing_IsAudienceForbiddenNamingTheParty(string author, string audience, string refused)
    {
        var result = EntryAdmission.CheckAudience(Codes(audience), new PartyCode(author), TestPayloads.MinimalConfig);

        var error = TestPayloads.ErrorOf(result);
        Assert.Equal("audience-forbidden", error.Code);
        Assert.Equal(refused, error.Extensions["party"]);
    }

    [Theory]
    [InlineData("ISR")]
    [InlineData("SYR")]
    [InlineData("USA")]
    [InlineData("UNDOF")]
    public void CheckAudience_DemoConfigEveryPartyToEveryone_Succeeds(string author)
    {
        var result = EntryAdmission.CheckAudience(Codes("ISR,SYR,USA,UNDOF"), new PartyCode(author), TestPayloads.DemoConfig);

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void CheckAudience_AuthorPartyNotInTheMechanism_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => EntryAdmission.CheckAudience(Codes("LBN"), new PartyCode("LBN"), TestPayloads.MinimalConfig));
    }
}
