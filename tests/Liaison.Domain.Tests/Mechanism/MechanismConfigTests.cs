using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Tests.Mechanism;

public sealed class MechanismConfigTests
{
    private static readonly MechanismConfig Minimal = MechanismConfigLoader.Parse(ConfigFixtures.Minimal, "minimal.json", null).Value;

    private static PartyCode P(string code) => new(code);

    [Theory]
    [InlineData("AAA", new[] { "BBB", "CON" }, true, null)]
    [InlineData("AAA", new[] { "AAA" }, true, null)]
    [InlineData("AAA", new string[0], true, null)]
    [InlineData("AAA", new[] { "BBB", "OBS" }, false, "OBS")]
    [InlineData("OBS", new[] { "CON", "OBS" }, true, null)]
    [InlineData("OBS", new[] { "CON", "AAA", "BBB" }, false, "AAA")]
    [InlineData("CON", new[] { "AAA", "BBB", "OBS" }, true, null)]
    [InlineData("ZZZ", new[] { "AAA" }, false, "ZZZ")]
    [InlineData("CON", new[] { "AAA", "ZZZ" }, false, "ZZZ")]
    public void MayAddress_Audience_AllowsOnlyListedParties(string author, string[] audience, bool expected, string? expectedRefused)
    {
        var allowed = Minimal.MayAddress(P(author), audience.Select(P), out var refused);

        Assert.Equal(expected, allowed);
        Assert.Equal(expectedRefused, refused?.Value);
    }

    [Fact]
    public void MayAddress_DemoObserver_MayReportToBothPartiesAndTheConvener()
    {
        var demo = MechanismConfigLoader.Load(ConfigFixtures.DemoPath).Value;

        var allowed = demo.MayAddress(P("UNDOF"), [P("USA"), P("ISR"), P("SYR")], out var refused);

        Assert.True(allowed);
        Assert.Null(refused);
        Assert.False(demo.MayAddress(P("ISR"), [P("SYR"), P("LBN")], out refused));
        Assert.Equal(P("LBN"), refused);
    }

    [Fact]
    public void FindParty_UnknownCode_ReturnsNull()
    {
        Assert.Null(Minimal.FindParty(P("ZZZ")));
        Assert.Equal("Beta", Minimal.FindParty(P("BBB"))?.Name);
    }

    [Fact]
    public void Convener_MinimalConfig_IsTheOnlyConvener()
    {
        Assert.Equal(P("CON"), Minimal.Convener.Code);
        Assert.Equal([P("AAA"), P("BBB")], Minimal.PartiesOfKind(PartyKind.Party).Select(p => p.Code));
    }

    [Fact]
    public void TierPolicy_CapabilitiesAt_IncludeEveryLowerTier()
    {
        var policy = TierPolicy.Default;

        var atT2 = policy.CapabilitiesAt("T2");

        string[] expected = [TierCapabilities.Hotline, TierCapabilities.Notices, TierCapabilities.Incidents, TierCapabilities.InformationExchange, TierCapabilities.HumanitarianCoordination];
        Assert.Equal(expected.Order(StringComparer.Ordinal), atT2.Order(StringComparer.Ordinal));
        Assert.True(policy.Allows("T2", TierCapabilities.Incidents));
        Assert.False(policy.Allows("T2", TierCapabilities.Intelligence));
        Assert.Empty(policy.CapabilitiesAt("T9"));
    }

    [Fact]
    public void TierPolicy_TierGrantingAndAbove_FollowTheOrder()
    {
        var policy = TierPolicy.Default;

        Assert.Equal("T4", policy.TierGranting(TierCapabilities.Commercial)?.Code);
        Assert.Null(policy.TierGranting("teleportation"));
        Assert.Equal("T1", policy.Above("T0")?.Code);
        Assert.Null(policy.Above("T4"));
        Assert.Equal(3, policy.IndexOf("T3"));
        Assert.Equal(-1, policy.IndexOf("T5"));
    }

    [Fact]
    public void ChannelConfig_MayRead_CoversPartiesAndObservers()
    {
        var channel = Minimal.FindChannel("aaa-bbb-security")!;

        Assert.True(channel.MayRead(P("AAA")));
        Assert.True(channel.MayRead(P("CON")));
        Assert.False(channel.MayRead(P("OBS")));
        Assert.True(channel.IsParty(P("BBB")));
        Assert.False(channel.IsParty(P("CON")));
    }

    [Fact]
    public void LimitsConfig_NonPositiveLimit_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LimitsConfig(0, TimeSpan.FromMinutes(5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LimitsConfig(1, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(5, 5)]
    [InlineData(5, 1)]
    [InlineData(0, double.PositiveInfinity)]
    public void DepthBand_InvalidBounds_Throws(double fromKm, double toKm)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DepthBand(fromKm, toKm));
    }
}
