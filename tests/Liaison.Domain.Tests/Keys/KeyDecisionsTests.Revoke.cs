using Liaison.Domain.Keys;
using Liaison.Domain.Parties;
using Liaison.Domain.Tests.Entries;

namespace Liaison.Domain.Tests.Keys;

public sealed partial class KeyDecisionsTests
{
    public static TheoryData<string, Signer> MayRevokeIsrOfficersKey => new()
    {
        { "its holder, without the administrator role", Signer.ForMember(IsrOfficer) },
        { "an ISR administrator", IsrAdmin },
        { "the ISR root key", Signer.ForRoot(new PartyCode("ISR")) },
    };

    [Theory]
    [MemberData(nameof(MayRevokeIsrOfficersKey))]
    public void Revoke_EnrolledKeyByHolderAdministratorOrRoot_RevokesItWithTheReason(string because, Signer signer)
    {
        var result = KeyDecisions.Revoke(RevokeEntry("device lost"), signer, Key(KeyStatus.Enrolled));

        Assert.True(result.IsSuccess, because);
        Assert.Equal(new KeyRevoked(Id, "device lost"), result.Value);
    }

    [Fact]
    public void Revoke_PendingKeyByItsHolder_RevokesIt()
    {
        var result = KeyDecisions.Revoke(RevokeEntry(), Signer.ForMember(IsrOfficer), Key(KeyStatus.Pending));

        Assert.True(result.IsSuccess);
        Assert.Equal(Id, result.Value.Id);
    }

    [Fact]
    public void Revoke_UnknownKey_IsKeyNotFound()
    {
        var result = KeyDecisions.Revoke(RevokeEntry(), IsrAdmin, target: null);

        var error = TestPayloads.ErrorOf(result);
        Assert.Equal("key-not-found", error.Code);
        Assert.IsType<Common.Error.NotFound>(error);
    }

    [Theory]
    [InlineData(KeyOwnerKind.PartyRoot, "ISR")]
    [InlineData(KeyOwnerKind.Server, "server")]
    public void Revoke_RootOrServerKey_IsRevocationForbiddenEvenForTheRootKey(KeyOwnerKind kind, string owner)
    {
        var target = Key(KeyStatus.Enrolled, owner, kind);

        var result = KeyDecisions.Revoke(RevokeEntry(), Signer.ForRoot(Isr), target);

        Assert.Equal("revocation-forbidden", TestPayloads.ErrorOf(result).Code);
    }

    public static TheoryData<string, Signer> MayNotRevokeIsrOfficersKey => new()
    {
        { "another ISR user without the administrator role", Signer.ForMember(TestPayloads.MemberWith("isr-duty", "ISR", Role.DutyOfficer, Role.Commander)) },
        { "an SYR administrator", Signer.ForMember(TestPayloads.MemberWith("syr-admin", "SYR", Role.Administrator)) },
        { "the convener's administrator", Signer.ForMember(TestPayloads.MemberWith("usa-admin", "USA", Role.Administrator)) },
        { "the SYR root key", Signer.ForRoot(new PartyCode("SYR")) },
        { "the server key, named like the holder", new Signer("isr-officer", KeyOwnerKind.Server, new PartyCode("USA"), new HashSet<Role>()) },
    };

    [Theory]
    [MemberData(nameof(MayNotRevokeIsrOfficersKey))]
    public void Revoke_SignerNeitherHolderNorAdministrator_IsRevocationForbidden(string because, Signer signer)
    {
        var result = KeyDecisions.Revoke(RevokeEntry(), signer, Key(KeyStatus.Enrolled));

        var error = TestPayloads.ErrorOf(result);
        Assert.True(error.Code == "revocation-forbidden", $"{because}: {error.Code}");
    }

    [Fact]
    public void Revoke_KeyAlreadyRevoked_IsKeyAlreadyRevoked()
    {
        var result = KeyDecisions.Revoke(RevokeEntry(), IsrAdmin, Key(KeyStatus.Revoked));

        var error = TestPayloads.ErrorOf(result);
        Assert.Equal("key-already-revoked", error.Code);
        Assert.IsType<Common.Error.Conflict>(error);
    }

    [Fact]
    public void Revoke_KeyAlreadyRevokedBySomeoneNotAllowed_IsForbiddenFirst()
    {
        var result = KeyDecisions.Revoke(RevokeEntry(), Signer.ForRoot(Syr), Key(KeyStatus.Revoked));

        Assert.Equal("revocation-forbidden", TestPayloads.ErrorOf(result).Code);
    }
}
