using Liaison.Domain.Parties;

namespace Liaison.Domain.Tests.Parties;

public sealed class MemberTests
{
    [Theory]
    [InlineData(Role.Commander, true)]
    [InlineData(Role.Administrator, true)]
    [InlineData(Role.LiaisonOfficer, false)]
    [InlineData(Role.Mediator, false)]
    public void Holds_Role_IsTrueOnlyForHeldRoles(Role role, bool expected)
    {
        var member = new Member("isr-commander", new PartyCode("ISR"), new HashSet<Role> { Role.Commander, Role.Administrator });

        var holds = member.Holds(role);

        Assert.Equal(expected, holds);
    }
}
