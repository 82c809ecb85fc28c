using Liaison.Domain.Keys;
using Liaison.Domain.Parties;
using Liaison.Domain.Tests.Entries;

namespace Liaison.Domain.Tests.Keys;

public sealed class SignerTests
{
    [Fact]
    public void ForMember_Member_IsAUserSignerWithTheMembersPartyAndRoles()
    {
        var member = TestPayloads.MemberWith("isr-admin", "ISR", Role.Administrator, Role.Analyst);

        var signer = Signer.ForMember(member);

        Assert.Equal("isr-admin", signer.Name);
        Assert.Equal(KeyOwnerKind.User, signer.Kind);
        Assert.Equal(new PartyCode("ISR"), signer.Party);
        Assert.Equal(member.Roles, signer.Roles);
    }

    [Fact]
    public void ForRoot_Party_IsNamedByTheCodeWithNoRoles()
    {
        var signer = Signer.ForRoot(new PartyCode("SYR"));

        Assert.Equal("SYR", signer.Name);
        Assert.Equal(KeyOwnerKind.PartyRoot, signer.Kind);
        Assert.Empty(signer.Roles);
    }

    [Theory]
    [InlineData(KeyOwnerKind.PartyRoot, "ISR", false, "ISR", true)]
    [InlineData(KeyOwnerKind.PartyRoot, "SYR", false, "ISR", false)]
    [InlineData(KeyOwnerKind.User, "ISR", true, "ISR", true)]
    [InlineData(KeyOwnerKind.User, "ISR", false, "ISR", false)]
    [InlineData(KeyOwnerKind.User, "SYR", true, "ISR", false)]
    [InlineData(KeyOwnerKind.Server, "ISR", true, "ISR", false)]
    [InlineData(KeyOwnerKind.Server, "ISR", false, "ISR", false)]
    public void AdministersKeysOf_KindPartyAndRole_IsTrueOnlyForItsOwnRootOrAdministrators(KeyOwnerKind kind, string party, bool isAdministrator, string of, bool expected)
    {
        var roles = isAdministrator ? new HashSet<Role> { Role.Administrator, Role.Commander } : new HashSet<Role> { Role.Commander };
        var signer = new Signer("someone", kind, new PartyCode(party), roles);

        var administers = signer.AdministersKeysOf(new PartyCode(of));

        Assert.Equal(expected, administers);
    }
}
