using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Domain.Entries;
using Liaison.Features.Entries;
using Liaison.Features.Keys;
using Liaison.Ledger.Crypto;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Keys;

/// <summary>Key requests (<c>POST /api/v1/keys</c>) and enrolment and revocation by entries.</summary>
[Collection(nameof(LiaisonAppCollection))]
public sealed class KeyTests(LiaisonAppFixture app)
{
    [Fact]
    public async Task RequestKey_WithProofOfPossession_Returns201Pending()
    {
        using var key = Ed25519PrivateKey.Generate();
        var keyId = KeyId.For(key.PublicKey.Bytes).Value;

        using var response = await app.RequestKeyAsync("isr-commander", key);

        var view = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/keys/{keyId}", response.Headers.Location?.OriginalString);
        Assert.Equal(keyId, view.GetProperty("keyId").GetString());
        Assert.Equal(key.PublicKey.ToBase64(), view.GetProperty("publicKey").GetString());
        Assert.Equal("isr-commander", view.GetProperty("owner").GetString());
        Assert.Equal("ISR", view.GetProperty("party").GetString());
        Assert.Equal("Pending", view.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("enrolledBySeq").ValueKind);
        var stored = await GetKeyAsync(keyId);
        Assert.Equal("Pending", stored.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("another user's name")]
    [InlineData("another key")]
    [InlineData("one flipped bit")]
    [InlineData("not base64")]
    [InlineData("empty")]
    public async Task RequestKey_BadProof_Returns400BadProofAndStoresNothing(string fault)
    {
        using var key = Ed25519PrivateKey.Generate();
        using var other = Ed25519PrivateKey.Generate();
        var proof = fault switch
        {
            "another user's name" => Convert.ToBase64String(key.Sign(EntrySigning.KeyRequestMessage("isr-duty", key.PublicKey.Bytes))),
            "another key" => Convert.ToBase64String(other.Sign(EntrySigning.KeyRequestMessage("isr-commander", key.PublicKey.Bytes))),
            "one flipped bit" => FlipBit(key.Sign(EntrySigning.KeyRequestMessage("isr-commander", key.PublicKey.Bytes))),
            "not base64" => "this is not base64",
            _ => string.Empty,
        };
        var keyId = KeyId.For(key.PublicKey.Bytes).Value;

        using var response = await PostKeyRequestAsync("isr-commander", new RequestKeyRequest(key.PublicKey.ToBase64(), proof));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "bad-proof");
        await AssertKeyUnknownAsync(keyId);
    }

    [Theory]
    [InlineData("not base64")]
    [InlineData("AAAA")]
    public async Task RequestKey_PublicKeyNotThirtyTwoBytes_Returns400InvalidPublicKey(string publicKey)
    {
        using var response = await PostKeyRequestAsync("isr-commander", new RequestKeyRequest(publicKey, Convert.ToBase64String(new byte[64])));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid-public-key");
    }

    [Fact]
    public async Task RequestKey_SameKeyTwice_Returns409KeyExists()
    {
        using var key = Ed25519PrivateKey.Generate();
        using var first = await app.RequestKeyAsync("syr-commander", key);
        await first.ReadJsonAsync(HttpStatusCode.Created);

        using var again = await app.RequestKeyAsync("syr-commander", key);

        await again.AssertProblemAsync(HttpStatusCode.Conflict, "key-exists");
    }

    [Fact]
    public async Task EnrolRequestedKey_ByThePartysAdministrator_EnrolsItAndItSignsAnAcceptedEntry()
    {
        using var key = Ed25519PrivateKey.Generate();
        var keyId = KeyId.For(key.PublicKey.Bytes).Value;
        using var requested = await app.RequestKeyAsync("syr-officer", key);
        await requested.ReadJsonAsync(HttpStatusCode.Created);
        var enrolment = app.Sign("syr-admin", app.EnrolmentPayload("syr-admin", "syr-officer", key));

        using var enrolled = await SubmitAsync("syr-admin", enrolment);
        using var signed = await SubmitAsync("syr-officer", EntryBuilder.Sign(app.Statement("syr-officer", ["SYR", "ISR"]), key));

        var enrolledAt = (await enrolled.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("seq").GetInt64();
        var stored = await GetKeyAsync(keyId);
        Assert.Equal("Enrolled", stored.GetProperty("status").GetString());
        Assert.Equal(enrolledAt, stored.GetProperty("enrolledBySeq").GetInt64());
        var accepted = await signed.ReadJsonAsync(HttpStatusCode.Created);
        Assert.True(accepted.GetProperty("seq").GetInt64() > enrolledAt);
    }

    [Fact]
    public async Task EnrolNewKey_ByThePartysAdministrator_TheKeySignsAnAcceptedEntry()
    {
        using var fresh = await app.EnrolFreshKeyAsync("undof-observer");
        var statement = fresh.Sign(app.Statement("undof-observer", ["UNDOF", "USA"]));

        using var response = await SubmitAsync("undof-observer", statement);

        var accepted = await response.ReadJsonAsync(HttpStatusCode.Created);
        using var reader = app.CreateClientFor("usa-mediator");
        using var read = await reader.GetAsync($"/api/v1/entries/{accepted.GetProperty("seq").GetInt64()}", TestContext.Current.CancellationToken);
        var view = await read.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(fresh.KeyId, view.GetProperty("keyId").GetString());
        Assert.Equal("undof-observer", view.GetProperty("author").GetString());
        var stored = await GetKeyAsync(fresh.KeyId);
        Assert.Equal(fresh.EnrolledBySeq, stored.GetProperty("enrolledBySeq").GetInt64());
    }

    [Fact]
    public async Task EnrolRequestedKey_ByAnotherPartysAdministrator_Returns403EnrolmentForbiddenAndStoresNothing()
    {
        using var key = Ed25519PrivateKey.Generate();
        var keyId = KeyId.For(key.PublicKey.Bytes).Value;
        using var requested = await app.RequestKeyAsync("isr-analyst", key);
        await requested.ReadJsonAsync(HttpStatusCode.Created);
        var enrolment = app.Sign("syr-admin", app.EnrolmentPayload("syr-admin", "isr-analyst", key));
        var sizeBefore = await app.RecordSizeAsync();

        using var response = await SubmitAsync("syr-admin", enrolment);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "enrolment-forbidden");
        await app.AssertNothingStoredSinceAsync(sizeBefore);
        var stored = await GetKeyAsync(keyId);
        Assert.Equal("Pending", stored.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("enrolledBySeq").ValueKind);
    }

    [Fact]
    public async Task EnrolNewKey_ByAnotherPartysAdministrator_Returns403EnrolmentForbiddenAndStoresNothing()
    {
        using var key = Ed25519PrivateKey.Generate();
        var enrolment = app.Sign("usa-admin", app.EnrolmentPayload("usa-admin", "isr-analyst", key));
        var sizeBefore = await app.RecordSizeAsync();

        using var response = await SubmitAsync("usa-admin", enrolment);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "enrolment-forbidden");
        await app.AssertNothingStoredSinceAsync(sizeBefore);
        await AssertKeyUnknownAsync(KeyId.For(key.PublicKey.Bytes).Value);
    }

    [Fact]
    public async Task EnrolKey_NotAddressedToEveryParty_Returns403AudienceForbiddenAndStoresNothing()
    {
        using var key = Ed25519PrivateKey.Generate();
        var fields = new System.Text.Json.Nodes.JsonObject { ["subject"] = "isr-duty", ["publicKey"] = key.PublicKey.ToBase64(), ["keyId"] = KeyId.For(key.PublicKey.Bytes).Value };
        var enrolment = app.Sign("isr-admin", app.Payload(EntryTypes.KeyEnroll, "isr-admin", ["ISR", "SYR", "USA"], fields));
        var sizeBefore = await app.RecordSizeAsync();

        using var response = await SubmitAsync("isr-admin", enrolment);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "audience-forbidden");
        Assert.Equal("UNDOF", problem.GetProperty("party").GetString());
        await app.AssertNothingStoredSinceAsync(sizeBefore);
        await AssertKeyUnknownAsync(KeyId.For(key.PublicKey.Bytes).Value);
    }

    [Fact]
    public async Task EnrolKey_AlreadyEnrolled_Returns409KeyAlreadyEnrolledAndStoresNothing()
    {
        using var fresh = await app.EnrolFreshKeyAsync("isr-analyst");
        // A second later, so the payload differs from the first enrolment's and is not a duplicate entry.
        var again = app.Sign("isr-admin", app.EnrolmentPayload("isr-admin", "isr-analyst", fresh.Key, app.Time.GetUtcNow().AddSeconds(1)));
        var sizeBefore = await app.RecordSizeAsync();

        using var response = await SubmitAsync("isr-admin", again);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "key-already-enrolled");
        await app.AssertNothingStoredSinceAsync(sizeBefore);
    }

    [Fact]
    public async Task RevokeKey_ByAnotherPartysAdministrator_Returns403RevocationForbiddenAndKeyStaysEnrolled()
    {
        using var fresh = await app.EnrolFreshKeyAsync("syr-duty");
        var revocation = app.Sign("isr-admin", app.RevocationPayload("isr-admin", fresh.KeyId));
        var sizeBefore = await app.RecordSizeAsync();

        using var response = await SubmitAsync("isr-admin", revocation);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "revocation-forbidden");
        await app.AssertNothingStoredSinceAsync(sizeBefore);
        Assert.Equal("Enrolled", (await GetKeyAsync(fresh.KeyId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task RevokeKey_ByItsHolder_RecordsTheRevocationOnTheKey()
    {
        using var fresh = await app.EnrolFreshKeyAsync("syr-duty");
        var revocation = fresh.Sign(app.RevocationPayload("syr-duty", fresh.KeyId, "Device lost"));

        using var response = await SubmitAsync("syr-duty", revocation);

        var revokedAt = (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("seq").GetInt64();
        var stored = await GetKeyAsync(fresh.KeyId);
        Assert.Equal("Revoked", stored.GetProperty("status").GetString());
        Assert.Equal(revokedAt, stored.GetProperty("revokedBySeq").GetInt64());
        Assert.StartsWith("Device lost", stored.GetProperty("revocationReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeKey_UnknownToTheRecord_Returns404KeyNotFoundAndStoresNothing()
    {
        using var unknown = Ed25519PrivateKey.Generate();
        var revocation = app.Sign("isr-admin", app.RevocationPayload("isr-admin", KeyId.For(unknown.PublicKey.Bytes).Value));
        var sizeBefore = await app.RecordSizeAsync();

        using var response = await SubmitAsync("isr-admin", revocation);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "key-not-found");
        await app.AssertNothingStoredSinceAsync(sizeBefore);
    }

    private static string FlipBit(byte[] signature)
    {
        signature[0] ^= 0x80;
        return Convert.ToBase64String(signature);
    }

    private async Task<HttpResponseMessage> PostKeyRequestAsync(string userName, RequestKeyRequest request)
    {
        using var client = app.CreateClientFor(userName);
        return await client.PostAsJsonAsync("/api/v1/keys", request, JsonSerializerOptions.Web, TestContext.Current.CancellationToken);
    }

    private async Task<HttpResponseMessage> SubmitAsync(string userName, SignedEntry entry)
    {
        using var client = app.CreateClientFor(userName);
        return await client.SubmitEntryAsync(entry);
    }

    private async Task<JsonElement> GetKeyAsync(string keyId)
    {
        using var client = app.CreateClientFor("usa-mediator");
        using var response = await client.GetAsync($"/api/v1/keys/{keyId}", TestContext.Current.CancellationToken);
        return await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    private async Task AssertKeyUnknownAsync(string keyId)
    {
        using var client = app.CreateClientFor("usa-mediator");
        using var response = await client.GetAsync($"/api/v1/keys/{keyId}", TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "key-not-found");
    }
}
