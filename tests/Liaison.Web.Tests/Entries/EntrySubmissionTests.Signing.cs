using System.Net;
using Liaison.Features.Entries;
using Liaison.Ledger.Crypto;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Entries;

/// <summary>The key and the signature: whose key it is, where it is in its life, and whether the signature holds.</summary>
public sealed partial class EntrySubmissionTests
{
    [Fact]
    public async Task Submit_KeyUnknownToTheRecord_Returns403UnknownKey()
    {
        using var stranger = Ed25519PrivateKey.Generate();
        var entry = EntryBuilder.Sign(app.Statement("isr-officer", ["ISR"]), stranger);

        var problem = await AssertRefusedAsync("isr-officer", entry, HttpStatusCode.Forbidden, "unknown-key");

        Assert.Equal(entry.KeyId, problem.GetProperty("keyId").GetString());
    }

    [Fact]
    public async Task Submit_MalformedKeyId_Returns403UnknownKey()
    {
        var envelope = app.Sign("isr-officer", app.Statement("isr-officer", ["ISR"])).ToRequest() with { KeyId = "not-a-key-id" };

        await AssertRefusedAsync("isr-officer", client => client.SubmitEnvelopeAsync(envelope), HttpStatusCode.Forbidden, "unknown-key");
    }

    [Fact]
    public async Task Submit_KeyPendingEnrolment_Returns403KeyNotEnrolled()
    {
        using var pending = Ed25519PrivateKey.Generate();
        using var requested = await app.RequestKeyAsync("syr-officer", pending);
        await requested.ReadJsonAsync(HttpStatusCode.Created);
        var entry = EntryBuilder.Sign(app.Statement("syr-officer", ["SYR"]), pending);

        var problem = await AssertRefusedAsync("syr-officer", entry, HttpStatusCode.Forbidden, "key-not-enrolled");

        Assert.Equal(entry.KeyId, problem.GetProperty("keyId").GetString());
    }

    [Theory]
    [InlineData("holder")]
    [InlineData("administrator")]
    public async Task Submit_KeyRevokedByAKeyRevokeEntry_Returns403RevokedKey(string revokedBy)
    {
        using var fresh = await app.EnrolFreshKeyAsync("isr-officer");
        using var beforeRevocation = await SubmitWithAsync("isr-officer", fresh.Sign(app.Statement("isr-officer", ["ISR"])));
        await beforeRevocation.ReadJsonAsync(HttpStatusCode.Created);
        var revocation = revokedBy == "holder"
            ? fresh.Sign(app.RevocationPayload("isr-officer", fresh.KeyId))
            : app.Sign("isr-admin", app.RevocationPayload("isr-admin", fresh.KeyId));
        using var revoked = await SubmitWithAsync(revokedBy == "holder" ? "isr-officer" : "isr-admin", revocation);
        var revokedAt = (await revoked.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("seq").GetInt64();
        var entry = fresh.Sign(app.Statement("isr-officer", ["ISR"]));

        var problem = await AssertRefusedAsync("isr-officer", entry, HttpStatusCode.Forbidden, "revoked-key");

        Assert.Equal(fresh.KeyId, problem.GetProperty("keyId").GetString());
        Assert.Equal(revokedAt, problem.GetProperty("revokedBy").GetInt64());
    }

    [Fact]
    public async Task Submit_SignatureWithOneBitFlipped_Returns400BadSignature()
    {
        var entry = app.Sign("isr-officer", app.Statement("isr-officer", ["ISR"]));
        var signature = entry.Signature.ToArray();
        signature[10] ^= 0x01;

        var problem = await AssertRefusedAsync("isr-officer", entry with { Signature = signature }, HttpStatusCode.BadRequest, "bad-signature");

        Assert.Equal(entry.KeyId, problem.GetProperty("keyId").GetString());
    }

    [Fact]
    public async Task Submit_PayloadWithOneBitFlippedAfterSigning_Returns400BadSignature()
    {
        var entry = app.Sign("isr-officer", app.Statement("isr-officer", ["ISR"]));
        var payload = entry.Payload.ToArray();
        payload[^3] ^= 0x01;

        await AssertRefusedAsync("isr-officer", entry with { Payload = payload }, HttpStatusCode.BadRequest, "bad-signature");
    }

    [Fact]
    public async Task Submit_SignedWithAnotherUsersKey_Returns403AuthorMismatch()
    {
        var entry = app.Sign("isr-duty", app.Statement("isr-officer", ["ISR"]));

        await AssertRefusedAsync("isr-officer", entry, HttpStatusCode.Forbidden, "author-mismatch");
    }

    [Fact]
    public async Task Submit_PayloadAuthorIsNotTheSignedInUser_Returns403AuthorMismatch()
    {
        var entry = app.Sign("isr-officer", app.Statement("isr-duty", ["ISR"]));

        await AssertRefusedAsync("isr-officer", entry, HttpStatusCode.Forbidden, "author-mismatch");
    }

    private async Task<HttpResponseMessage> SubmitWithAsync(string userName, SignedEntry entry)
    {
        using var client = app.CreateClientFor(userName);
        return await client.SubmitEntryAsync(entry);
    }
}
