using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Keys;
using Liaison.Domain.Parties;
using Liaison.Features.Keys;
using Liaison.Features.Tests.Infrastructure;
using Liaison.Ledger.Crypto;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Features.Tests.Keys;

public sealed class RequestKeyTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly Member Officer = new("isr-officer", new PartyCode("ISR"), new HashSet<Role> { Role.LiaisonOfficer });

    private static string Proof(Ed25519PrivateKey key, string userName) => Convert.ToBase64String(key.Sign(EntrySigning.KeyRequestMessage(userName, key.PublicKey.Bytes)));

    private static async Task<Result<KeyView>> RequestAsync(TestDatabase database, Member user, RequestKeyRequest request)
    {
        await using var scope = database.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RequestKey>().HandleAsync(request, user, Cancel);
    }

    private static async Task<int> CountKeysAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.SigningKeys.CountAsync(Cancel);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_KeyWithProof_IsRecordedAsPendingForTheUser(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var key = Ed25519PrivateKey.Generate();
        database.FakeTime.Advance(TimeSpan.FromMinutes(1));

        var result = await RequestAsync(database, Officer, new RequestKeyRequest(key.PublicKey.ToBase64(), Proof(key, Officer.UserName)));

        Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Error.Detail);
        var view = result.Value;
        var keyId = KeyId.For(key.PublicKey.Bytes).Value;
        Assert.Equal((keyId, key.PublicKey.ToBase64(), "isr-officer", "User", "ISR", "Pending"), (view.KeyId, view.PublicKey, view.Owner, view.OwnerKind, view.Party, view.Status));
        Assert.Equal(TestDatabase.Start.AddMinutes(1), view.RequestedAt);
        Assert.Null(view.EnrolledBySeq);
        await using var db = database.NewContext();
        var stored = await db.SigningKeys.AsNoTracking().SingleAsync(Cancel);
        Assert.Equal((keyId, KeyStatus.Pending, KeyOwnerKind.User), (stored.KeyId, stored.Status, stored.OwnerKind));
        Assert.Equal(key.PublicKey.Bytes.ToArray(), stored.PublicKey);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_BadProof_IsBadProofAndStoresNothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var key = Ed25519PrivateKey.Generate();
        using var other = Ed25519PrivateKey.Generate();
        var publicKey = key.PublicKey.ToBase64();
        string?[] proofs =
        [
            null,
            "",
            "not base64",
            Proof(key, "syr-officer"),
            Proof(other, Officer.UserName),
            Convert.ToBase64String(key.Sign(key.PublicKey.Bytes)),
            Convert.ToBase64String(Convert.FromBase64String(Proof(key, Officer.UserName))[..63]),
        ];

        foreach (var proof in proofs)
        {
            var result = await RequestAsync(database, Officer, new RequestKeyRequest(publicKey, proof));

            Assert.True(!result.IsSuccess && result.Error.Code == "bad-proof", $"proof '{proof}'");
        }

        Assert.Equal(0, await CountKeysAsync(database));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_NotAPublicKey_IsInvalidPublicKey(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        string?[] keys = [null, "", "not base64", Convert.ToBase64String(new byte[31]), Convert.ToBase64String(new byte[33])];

        foreach (var publicKey in keys)
        {
            var result = await RequestAsync(database, Officer, new RequestKeyRequest(publicKey, Convert.ToBase64String(new byte[64])));

            Assert.True(!result.IsSuccess && result.Error.Code == "invalid-public-key", $"public key '{publicKey}'");
        }

        Assert.Equal(0, await CountKeysAsync(database));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_KeyAlreadyKnown_IsKeyExistsForAnyUser(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var key = Ed25519PrivateKey.Generate();
        var syrOfficer = new Member("syr-officer", new PartyCode("SYR"), new HashSet<Role> { Role.LiaisonOfficer });
        Assert.True((await RequestAsync(database, Officer, new RequestKeyRequest(key.PublicKey.ToBase64(), Proof(key, Officer.UserName)))).IsSuccess);

        var again = await RequestAsync(database, Officer, new RequestKeyRequest(key.PublicKey.ToBase64(), Proof(key, Officer.UserName)));
        var byAnother = await RequestAsync(database, syrOfficer, new RequestKeyRequest(key.PublicKey.ToBase64(), Proof(key, syrOfficer.UserName)));

        Assert.Equal("key-exists", again.Error.Code);
        Assert.Equal("key-exists", byAnother.Error.Code);
        Assert.Equal(1, await CountKeysAsync(database));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_PendingKey_SignsNothingUntilEnrolled(string provider)
    {
        await using var mechanism = await TestMechanism.CreateAsync(provider);
        var duty = await mechanism.AddUserAsync("ISR", "isr-duty", Role.DutyOfficer, enrolKey: false);
        Assert.True((await RequestAsync(mechanism.Database, duty.Member, new RequestKeyRequest(duty.Key.PublicKey.ToBase64(), Proof(duty.Key, duty.UserName)))).IsSuccess);

        var result = await mechanism.SubmitAsync(duty, TestMechanism.Request(duty, mechanism.StatementPayload(duty, "pending")));

        Assert.Equal("key-not-enrolled", result.Error.Code);
        Assert.Equal(TestMechanism.GenesisEntries, await mechanism.CountEntriesAsync());
    }
}
