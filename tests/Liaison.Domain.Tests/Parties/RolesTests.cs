using Liaison.Domain.Parties;

namespace Liaison.Domain.Tests.Parties;

public sealed class RolesTests
{
    [Theory]
    [InlineData(Role.LiaisonOfficer, "liaison-officer", "officer")]
    [InlineData(Role.DutyOfficer, "duty-officer", "duty")]
    [InlineData(Role.Commander, "commander", "commander")]
    [InlineData(Role.Analyst, "analyst", "analyst")]
    [InlineData(Role.Administrator, "administrator", "admin")]
    [InlineData(Role.Mediator, "mediator", "mediator")]
    [InlineData(Role.Observer, "observer", "observer")]
    public void CodeAndShortName_EveryRole_AreTheConfigurationAndDemoNames(Role role, string code, string shortName)
    {
        Assert.Equal(code, role.Code());
        Assert.Equal(shortName, role.ShortName());
        Assert.True(Roles.TryParse(code, out var fromCode));
        Assert.Equal(role, fromCode);
        Assert.True(Roles.TryParse(shortName, out var fromShortName));
        Assert.Equal(role, fromShortName);
    }

    [Fact]
    public void Code_EveryRole_IsDistinct()
    {
        var roles = Enum.GetValues<Role>();

        Assert.Equal(roles.Length, roles.Select(r => r.Code()).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(roles.Length, roles.Select(r => r.ShortName()).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("Administrator")]
    [InlineData("ADMIN")]
    [InlineData("liaison_officer")]
    [InlineData("liaison officer")]
    [InlineData(" analyst")]
    [InlineData("pilot")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_NotACodeOrShortName_IsFalse(string? text)
    {
        var parsed = Roles.TryParse(text, out _);

        Assert.False(parsed);
    }

    [Theory]
    [InlineData(PartyKind.Party, "liaison-officer,duty-officer,commander,analyst,administrator")]
    [InlineData(PartyKind.Convener, "mediator,administrator")]
    [InlineData(PartyKind.Observer, "observer,administrator")]
    public void AllowedFor_Kind_IsTheDesignsRoles(PartyKind kind, string expected)
    {
        var roles = Roles.AllowedFor(kind);

        Assert.Equal(expected, string.Join(',', roles.Select(r => r.Code())));
    }

    [Fact]
    public void AllowedFor_EveryRole_IsAllowedForSomeKind()
    {
        var allowed = Enum.GetValues<PartyKind>().SelectMany(Roles.AllowedFor).ToHashSet();

        Assert.Equal(Enum.GetValues<Role>().ToHashSet(), allowed);
    }

    [Fact]
    public void AllowedFor_KindOutsideTheEnum_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Roles.AllowedFor((PartyKind)9));
    }
}
