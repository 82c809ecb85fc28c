using Liaison.Domain.Entries;
using Liaison.Domain.Keys;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Tests.Entries;

public sealed partial class EntryAdmissionTests
{
    private static readonly KeyId UserKeyId = new(TestPayloads.PublicKeyId);

    private static KeyState Key(KeyStatus status, string owner = "isr-officer", KeyOwnerKind kind = KeyOwnerKind.User, long? revokedBy = null) =>
        new(UserKeyId, owner, kind, new PartyCode("ISR"), status, status == KeyStatus.Pending ? null : 3, revokedBy);

    [Fact]
    public void CheckKey_EnrolledKeyOfTheUser_ReturnsTheKey()
    {
        var key = Key(KeyStatus.Enrolled);

        var result = EntryAdmission.CheckKey(UserKeyId.Value, key, TestPayloads.Officer());

        Assert.True(result.IsSuccess);
        Assert.Same(key, result.Value);
    }

    [Fact]
    public void CheckKey_UnknownKey_IsUnknownKeyNamingIt()
    {
        var result = EntryAdmission.CheckKey(UserKeyId.Value, null, TestPayloads.Officer());

        var error = TestPayloads.ErrorOf(result);
        Assert.Equal("unknown-key", error.Code);
        Assert.Equal(UserKeyId.Value, error.Extensions["keyId"]);
    }

    [Fact]
    public void CheckKey_PendingKey_IsKeyNotEnrolled()
    {
        var result = EntryAdmission.CheckKey(UserKeyId.Value, Key(KeyStatus.Pending), TestPayloads.Officer());

        Assert.Equal("key-not-enrolled", TestPayloads.ErrorOf(result).Code);
    }

    [Theory]
    [InlineData(17L, 17L)]
    [InlineData(null, -1L)]
    public void CheckKey_RevokedKey_IsRevokedKeyWithTheRevokingEntry(long? revokedBy, long expected)
    {
        var result = EntryAdmission.CheckKey(UserKeyId.Value, Key(KeyStatus.Revoked, revokedBy: revokedBy), TestPayloads.Officer());

        var error = TestPayloads.ErrorOf(result);
        Assert.Equal("revoked-key", error.Code);
        Assert.Equal(expected, error.Extensions["revokedBy"]);
    }

    [Fact]
    public void CheckKey_RevokedKeyOfAnotherUser_IsRevokedKeyNotMismatch()
    {
        var result = EntryAdmission.CheckKey(UserKeyId.Value, Key(KeyStatus.Revoked, owner: "syr-officer", revokedBy: 4), TestPayloads.Officer());

        Assert.Equal("revoked-key", TestPayloads.ErrorOf(result).Code);
    }

    [Theory]
    [InlineData("syr-officer", KeyOwnerKind.User)]
    [InlineData("ISR-OFFICER", KeyOwnerKind.User)]
    [InlineData("isr-officer ", KeyOwnerKind.User)]
    [InlineData("ISR", KeyOwnerKind.PartyRoot)]
    [InlineData("isr-officer", KeyOwnerKind.PartyRoot)]
    [InlineData("server", KeyOwnerKind.Server)]
    [InlineData("isr-officer", KeyOwnerKind.Server)]
    public void CheckKey_EnrolledKeyNotTheUsers_IsAuthorMismatch(string owner, KeyOwnerKind kind)
    {
        var key = Key(KeyStatus.Enrolled, owner, kind);

        var result = EntryAdmission.CheckKey(UserKeyId.Value, key, TestPayloads.Officer());

        Assert.Equal("author-mismatch", TestPayloads.ErrorOf(result).Code);
    }

    [Fact]
    public void CheckKey_StatusOutsideTheEnum_Throws()
    {
        var key = Key((KeyStatus)42);

        Assert.Throws<ArgumentOutOfRangeException>(() => EntryAdmission.CheckKey(UserKeyId.Value, key, TestPayloads.Officer()));
    }
}
