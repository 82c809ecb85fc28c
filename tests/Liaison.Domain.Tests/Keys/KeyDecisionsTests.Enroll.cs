using Liaison.Domain.Keys;
using Liaison.Domain.Parties;
using Liaison.Domain.Tests.Entries;

namespace Liaison.Domain.Tests.Keys;

public sealed partial class KeyDecisionsTests
{
    [Fact]
    public void Enroll_NewKeyByPartyAdministrator_EnrolsItForTheSubject()
    {
        var entry = EnrollEntry();

        var result = KeyDecisions.Enroll(entry, IsrAdmin, IsrOfficer, existing: null);

        Assert.True(result.IsSuccess);
        var enrolled = result.Value;
        Assert.Equal(Id, enrolled.Id);
        Assert.Equal("isr-officer", enrolled.Subject);
        Assert.Equal(Isr, enrolled.Party);
        Assert.Equal(TestPayloads.PublicKey, enrolled.PublicKey);
    }

    [Fact]
    public void Enroll_NewKeyByPartyRootKey_EnrolsIt()
    {
        var result = KeyDecisions.Enroll(EnrollEntry(), Signer.ForRoot(Isr), IsrOfficer, existing: null);

        Assert.True(result.IsSuccess);
        Assert.Equal("isr-officer", result.Value.Subject);
    }

    [Fact]
    public void Enroll_KeyPendingForTheSubject_EnrolsIt()
    {
        var result = KeyDecisions.Enroll(EnrollEntry(), IsrAdmin, IsrOfficer, Key(KeyStatus.Pending));

        Assert.True(result.IsSuccess);
        Assert.Equal(Id, result.Value.Id);
    }

    [Theory]
    [InlineData(KeyStatus.Pending, "syr-officer", "key-claimed")]
    [InlineData(KeyStatus.Pending, "isr-duty", "key-claimed")]
    [InlineData(KeyStatus.Enrolled, "isr-officer", "key-already-enrolled")]
    [InlineData(KeyStatus.Enrolled, "isr-duty", "key-already-enrolled")]
    [InlineData(KeyStatus.Revoked, "isr-officer", "key-revoked")]
    [InlineData(KeyStatus.Revoked, "isr-duty", "key-revoked")]
    public void Enroll_KeyAlreadyKnown_IsConflict(KeyStatus status, string owner, string expectedCode)
    {
        var result = KeyDecisions.Enroll(EnrollEntry(), IsrAdmin, IsrOfficer, Key(status, owner));

        var error = TestPayloads.ErrorOf(result);
        Assert.Equal(expectedCode, error.Code);
        Assert.IsType<Common.Error.Conflict>(error);
    }

    [Fact]
    public void Enroll_UnknownSubject_IsUnknownUser()
    {
        var result = KeyDecisions.Enroll(EnrollEntry(subject: "isr-nobody"), IsrAdmin, subject: null, existing: null);

        var error = TestPayloads.ErrorOf(result);
        Assert.Equal("unknown-user", error.Code);
        Assert.IsType<Common.Error.NotFound>(error);
        Assert.Contains("isr-nobody", error.Detail, StringComparison.Ordinal);
    }

    public static TheoryData<string, Signer> NotAdministratorsOfIsr => new()
    {
        { "an ISR officer", Signer.ForMember(TestPayloads.MemberWith("isr-officer", "ISR", Role.LiaisonOfficer)) },
        { "an ISR user holding every role but administrator", Signer.ForMember(TestPayloads.MemberWith("isr-all", "ISR", [.. Enum.GetValues<Role>().Where(r => r != Role.Administrator)])) },
        { "an SYR administrator", Signer.ForMember(TestPayloads.MemberWith("syr-admin", "SYR", Role.Administrator)) },
        { "the convener's administrator", Signer.ForMember(TestPayloads.MemberWith("usa-admin", "USA", Role.Administrator)) },
        { "the SYR root key", Signer.ForRoot(new PartyCode("SYR")) },
        { "the server key", new Signer("server", KeyOwnerKind.Server, new PartyCode("ISR"), new HashSet<Role> { Role.Administrator }) },
    };

    [Theory]
    [MemberData(nameof(NotAdministratorsOfIsr))]
    public void Enroll_SignerNotAnAdministratorOfTheSubjectsParty_IsEnrolmentForbidden(string because, Signer signer)
    {
        var result = KeyDecisions.Enroll(EnrollEntry(), signer, IsrOfficer, existing: null);

        var error = TestPayloads.ErrorOf(result);
        Assert.True(error.Code == "enrolment-forbidden", $"{because}: {error.Code}");
    }

    [Fact]
    public void Enroll_ForbiddenSignerAndKeyAlreadyEnrolled_IsForbiddenFirst()
    {
        var result = KeyDecisions.Enroll(EnrollEntry(), Signer.ForRoot(Syr), IsrOfficer, Key(KeyStatus.Enrolled));

        Assert.Equal("enrolment-forbidden", TestPayloads.ErrorOf(result).Code);
    }

    [Fact]
    public void Enroll_UnknownSubjectAndForbiddenSigner_IsUnknownUserFirst()
    {
        var result = KeyDecisions.Enroll(EnrollEntry(subject: "isr-nobody"), Signer.ForRoot(Syr), subject: null, existing: null);

        Assert.Equal("unknown-user", TestPayloads.ErrorOf(result).Code);
    }

    [Theory]
    [InlineData("AAAA")]
    [InlineData("")]
    [InlineData("not base64")]
    public void Enroll_PublicKeyNot32Bytes_IsPayloadInvalid(string publicKey)
    {
        var entry = EnrollEntry() with { Body = TestPayloads.Body(new() { ["subject"] = "isr-officer", ["publicKey"] = publicKey }) };

        var result = KeyDecisions.Enroll(entry, IsrAdmin, IsrOfficer, existing: null);

        var error = TestPayloads.ErrorOf(result);
        Assert.Equal("payload-invalid", error.Code);
        Assert.Equal("publicKey", error.Extensions["field"]);
    }

    [Fact]
    public void Enroll_ExistingKeyWithAStatusOutsideTheEnum_Throws()
    {
        var existing = Key((KeyStatus)42);

        Assert.Throws<ArgumentOutOfRangeException>(() => KeyDecisions.Enroll(EnrollEntry(), IsrAdmin, IsrOfficer, existing));
    }
}
