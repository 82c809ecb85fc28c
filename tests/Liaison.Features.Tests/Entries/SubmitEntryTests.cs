using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Liaison.Domain.Entries;
using Liaison.Domain.Parties;
using Liaison.Features.Entries;
using Liaison.Features.Keys;
using Liaison.Features.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Features.Tests.Entries;

public sealed partial class SubmitEntryTests(SubmitEntryScenarios scenarios) : IClassFixture<SubmitEntryScenarios>
{
    private const int Limit = 1024 * 1024;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A statement by <paramref name="author"/> padded with an extra field to exactly <paramref name="size"/> bytes.</summary>
    private static byte[] PaddedStatement(TestMechanism mechanism, TestUser author, int size)
    {
        byte[] Build(int padding) => EntryBuilder.Payload(EntryTypes.StatementIssue, mechanism.Config.Id, author.UserName, ["ISR"], mechanism.Database.Time.GetUtcNow(), new JsonObject
        {
            ["subject"] = "Large",
            ["body"] = "Text",
            ["lang"] = "en",
            ["padding"] = new string('x', padding),
        });

        var payload = Build(size - Build(0).Length);
        Assert.Equal(size, payload.Length);
        return payload;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_ValidStatement_IsAppendedWithTheExactSignedBytes(string provider)
    {
        await using var mechanism = await TestMechanism.CreateAsync(provider);
        var officer = await mechanism.AddUserAsync("ISR", "isr-officer", Role.LiaisonOfficer);
        var payload = EntryBuilder.Payload(EntryTypes.StatementIssue, "isr-syr", "isr-officer", ["ISR", "SYR", "USA"], mechanism.Database.Time.GetUtcNow(), new JsonObject
        {
            ["subject"] = "הודעה",
            ["body"] = "Text",
            ["lang"] = "he",
        });
        var request = TestMechanism.Request(officer, payload);

        var result = await mechanism.SubmitAsync(officer, request);

        Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Error.Detail);
        var response = result.Value;
        Assert.Equal(TestMechanism.GenesisEntries + 1, response.Seq);
        Assert.Equal(mechanism.Database.Time.GetUtcNow(), response.ServerTime);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(payload)), response.PayloadSha256);
        await using var db = mechanism.Database.NewContext();
        var stored = await db.Entries.AsNoTracking().SingleAsync(e => e.Seq == response.Seq, Cancel);
        Assert.Equal(payload, stored.Payload);
        Assert.True(stored.Payload.AsSpan().IndexOf("הודעה"u8) >= 0, "text in any script is signed and stored as UTF-8, not as escapes");
        Assert.Equal((EntryTypes.StatementIssue, "isr-officer", "ISR,SYR,USA", officer.KeyId), (stored.Type, stored.Author, stored.Audience, stored.KeyId));
        Assert.Equal(Convert.FromBase64String(request.Sig!), stored.Signature);
        Assert.Equal(response.LeafHash, Convert.ToHexStringLower(stored.LeafHash));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_AfterTheServerRestarts_ContinuesTheRecordAndStillKnowsKeysAndDuplicates(string provider)
    {
        await using var mechanism = await TestMechanism.CreateAsync(provider);
        var officer = await mechanism.AddUserAsync("ISR", "isr-officer", Role.LiaisonOfficer);
        var before = TestMechanism.Request(officer, mechanism.StatementPayload(officer, "before the restart"));
        var first = await mechanism.SubmitAsync(officer, before);

        await mechanism.Database.ReopenAsync();
        mechanism.Database.FakeTime.Advance(TimeSpan.FromSeconds(30));
        var after = await mechanism.SubmitAsync(officer, TestMechanism.Request(officer, mechanism.StatementPayload(officer, "after the restart")));
        var again = await mechanism.SubmitAsync(officer, before);

        Assert.Equal(first.Value.Seq + 1, after.Value.Seq);
        Assert.True(after.Value.ServerTime > first.Value.ServerTime);
        Assert.Equal(first.Value.Seq, again.Error.Extensions["seq"]);
        Assert.Equal(after.Value.Seq + 1, await mechanism.CountEntriesAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_SameSignedEntryResubmitted_IsDuplicateOfTheFirstAndStoredOnce(string provider)
    {
        await using var mechanism = await TestMechanism.CreateAsync(provider);
        var officer = await mechanism.AddUserAsync("ISR", "isr-officer", Role.LiaisonOfficer);
        var request = TestMechanism.Request(officer, mechanism.StatementPayload(officer, "once"));
        var first = await mechanism.SubmitAsync(officer, request);
        var size = await mechanism.CountEntriesAsync();
        mechanism.Database.FakeTime.Advance(TimeSpan.FromSeconds(10));

        var again = await mechanism.SubmitAsync(officer, request);

        Assert.Equal("duplicate-entry", again.Error.Code);
        Assert.Equal(first.Value.Seq, again.Error.Extensions["seq"]);
        Assert.Equal(size, await mechanism.CountEntriesAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_AfterTheHolderRevokesTheKey_IsRevokedKeyAndStoresNothing(string provider)
    {
        await using var mechanism = await TestMechanism.CreateAsync(provider);
        var officer = await mechanism.AddUserAsync("ISR", "isr-officer", Role.LiaisonOfficer);
        var revocation = await mechanism.SubmitAsync(officer, TestMechanism.Request(officer, mechanism.RevokePayload(officer, officer.KeyId, "laptop stolen")));
        Assert.True(revocation.IsSuccess, revocation.IsSuccess ? null : revocation.Error.Detail);
        var size = await mechanism.CountEntriesAsync();

        var result = await mechanism.SubmitAsync(officer, TestMechanism.Request(officer, mechanism.StatementPayload(officer, "after")));

        Assert.Equal("revoked-key", result.Error.Code);
        Assert.Equal(revocation.Value.Seq, result.Error.Extensions["revokedBy"]);
        Assert.Equal(size, await mechanism.CountEntriesAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_PayloadExactlyAtTheSizeLimit_IsAccepted(string provider)
    {
        await using var mechanism = await TestMechanism.CreateAsync(provider);
        var officer = await mechanism.AddUserAsync("ISR", "isr-officer", Role.LiaisonOfficer);
        var payload = PaddedStatement(mechanism, officer, Limit);

        var result = await mechanism.SubmitAsync(officer, TestMechanism.Request(officer, payload));

        Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Error.Detail);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_ClientTimeExactlyAtTheSkewLimit_IsAccepted(string provider)
    {
        await using var mechanism = await TestMechanism.CreateAsync(provider);
        var officer = await mechanism.AddUserAsync("ISR", "isr-officer", Role.LiaisonOfficer);
        var request = TestMechanism.Request(officer, mechanism.StatementPayload(officer, "written offline"));

        mechanism.Database.FakeTime.Advance(TimeSpan.FromMinutes(5));
        var result = await mechanism.SubmitAsync(officer, request);

        Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Error.Detail);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_KeyRequestedThenEnrolledByTheAdministrator_SignsEntries(string provider)
    {
        await using var mechanism = await TestMechanism.CreateAsync(provider);
        var duty = await mechanism.AddUserAsync("ISR", "isr-duty", Role.DutyOfficer, enrolKey: false);
        var admin = await mechanism.AdministratorAsync("ISR");
        await using (var scope = mechanism.Database.CreateScope())
        {
            var proof = Convert.ToBase64String(duty.Key.Sign(EntrySigning.KeyRequestMessage(duty.UserName, duty.Key.PublicKey.Bytes)));
            var requested = await scope.ServiceProvider.GetRequiredService<RequestKey>().HandleAsync(new RequestKeyRequest(duty.Key.PublicKey.ToBase64(), proof), duty.Member, Cancel);
            Assert.Equal("Pending", requested.Value.Status);
        }

        var refusedWhilePending = await mechanism.SubmitAsync(duty, TestMechanism.Request(duty, mechanism.StatementPayload(duty, "too early")));
        var enrolment = await mechanism.SubmitAsync(admin, TestMechanism.Request(admin, EntryBuilder.Payload(EntryTypes.KeyEnroll, "isr-syr", admin.UserName, mechanism.EveryParty, mechanism.Database.Time.GetUtcNow(), new JsonObject
        {
            ["subject"] = duty.UserName,
            ["publicKey"] = duty.Key.PublicKey.ToBase64(),
            ["keyId"] = duty.KeyId,
        })));
        var accepted = await mechanism.SubmitAsync(duty, TestMechanism.Request(duty, mechanism.StatementPayload(duty, "now enrolled")));

        Assert.Equal("key-not-enrolled", refusedWhilePending.Error.Code);
        Assert.True(enrolment.IsSuccess, enrolment.IsSuccess ? null : enrolment.Error.Detail);
        var key = await mechanism.FindKeyAsync(duty.KeyId);
        Assert.Equal((Domain.Keys.KeyStatus.Enrolled, (long?)enrolment.Value.Seq, "isr-duty"), (key!.Status, key.EnrolledBySeq, key.Owner));
        Assert.Equal(enrolment.Value.Seq + 1, accepted.Value.Seq);
    }
}
