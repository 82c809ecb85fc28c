using Liaison.Domain.Parties;
using Liaison.Features.Entries;
using Liaison.Features.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Features.Tests.Entries;

public sealed partial class EntrySequencerTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AppendAsync_SamePayloadTwiceInOneBatch_SecondIsDuplicateOfTheFirstAndStoredOnce(string provider)
    {
        var gate = new TransactionGate();
        await using var database = await TestDatabase.CreateAsync(provider, configure: gate.Register);
        using var entries = new SequencerEntries();
        var sequencer = SequencerOf(database);
        var twice = entries.Make(1, TestDatabase.Start);
        gate.Close();

        var blocker = sequencer.AppendAsync(entries.Make(0, TestDatabase.Start), Cancel);
        await gate.ReachedAsync();
        var first = sequencer.AppendAsync(twice, Cancel);
        var second = sequencer.AppendAsync(twice with { }, Cancel);
        var after = sequencer.AppendAsync(entries.Make(2, TestDatabase.Start), Cancel);
        gate.Open();

        Assert.Equal(0, Accepted(await blocker).Seq);
        Assert.Equal(1, Accepted(await first).Seq);
        var duplicate = (await second).Error;
        Assert.Equal("duplicate-entry", duplicate.Code);
        Assert.Equal(1L, duplicate.Extensions["seq"]);
        Assert.Equal(2, Accepted(await after).Seq);
        var stored = await StoredAsync(database);
        Assert.Equal([0L, 1L, 2L], stored.Select(e => e.Seq));
        Assert.Single(stored, e => e.PayloadSha256.AsSpan().SequenceEqual(twice.PayloadSha256));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AppendAsync_SamePayloadInALaterBatch_IsDuplicateOfTheFirstSeq(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var entries = new SequencerEntries();
        var sequencer = SequencerOf(database);
        Accepted(await sequencer.AppendAsync(entries.Make(0, TestDatabase.Start), Cancel));
        var entry = entries.Make(1, TestDatabase.Start);
        var first = Accepted(await sequencer.AppendAsync(entry, Cancel));
        Accepted(await sequencer.AppendAsync(entries.Make(2, TestDatabase.Start), Cancel));

        var again = await sequencer.AppendAsync(entry, Cancel);

        Assert.Equal("duplicate-entry", again.Error.Code);
        Assert.Equal(first.Seq, again.Error.Extensions["seq"]);
        Assert.Equal(3, (await StoredAsync(database)).Count);
        Assert.Equal(3, Accepted(await sequencer.AppendAsync(entries.Make(3, TestDatabase.Start), Cancel)).Seq);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AppendAsync_SamePayloadAfterARestart_IsStillDuplicate(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var entries = new SequencerEntries();
        var entry = entries.Make(0, TestDatabase.Start);
        Accepted(await SequencerOf(database).AppendAsync(entry, Cancel));

        await database.ReopenAsync();
        var again = await SequencerOf(database).AppendAsync(entry, Cancel);

        Assert.Equal("duplicate-entry", again.Error.Code);
        Assert.Equal(0L, again.Error.Extensions["seq"]);
        Assert.Single(await StoredAsync(database));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AppendAsync_RevocationSequencedInAnEarlierBatch_RefusesAnEntryAdmittedBeforeItAsRevokedKey(string provider)
    {
        var gate = new TransactionGate();
        await using var mechanism = await TestMechanism.CreateAsync(provider, configure: gate.Register);
        var officer = await mechanism.AddUserAsync("ISR", "isr-officer", Role.LiaisonOfficer);
        var admin = await mechanism.AdministratorAsync("ISR");
        var sequencer = SequencerOf(mechanism.Database);
        var admittedBeforeRevocation = TestMechanism.Pending(officer, mechanism.StatementPayload(officer, "sent before the revocation"));
        var sizeBefore = await mechanism.CountEntriesAsync();
        gate.Close();

        var revocation = sequencer.AppendAsync(TestMechanism.Pending(admin, mechanism.RevokePayload(admin, officer.KeyId)), Cancel);
        await gate.ReachedAsync();
        var statement = sequencer.AppendAsync(admittedBeforeRevocation, Cancel);
        gate.Open();

        var revokedAt = Accepted(await revocation).Seq;
        var refused = (await statement).Error;
        Assert.Equal("revoked-key", refused.Code);
        Assert.Equal(revokedAt, refused.Extensions["revokedBy"]);
        Assert.Equal(sizeBefore + 1, await mechanism.CountEntriesAsync());
        var key = await mechanism.FindKeyAsync(officer.KeyId);
        Assert.Equal((Domain.Keys.KeyStatus.Revoked, (long?)revokedAt, "device lost"), (key!.Status, key.RevokedBySeq, key.RevocationReason));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AppendAsync_RevocationEarlierInTheSameBatch_RefusesTheRevokedKeysEntryOnly(string provider)
    {
        var gate = new TransactionGate();
        await using var mechanism = await TestMechanism.CreateAsync(provider, configure: gate.Register);
        var officer = await mechanism.AddUserAsync("ISR", "isr-officer", Role.LiaisonOfficer);
        var duty = await mechanism.AddUserAsync("ISR", "isr-duty", Role.DutyOfficer);
        var admin = await mechanism.AdministratorAsync("ISR");
        var sequencer = SequencerOf(mechanism.Database);
        var before = Accepted(await sequencer.AppendAsync(TestMechanism.Pending(officer, mechanism.StatementPayload(officer, "before")), Cancel));
        gate.Close();

        var blocker = sequencer.AppendAsync(TestMechanism.Pending(duty, mechanism.StatementPayload(duty, "blocker")), Cancel);
        await gate.ReachedAsync();
        var revocation = sequencer.AppendAsync(TestMechanism.Pending(admin, mechanism.RevokePayload(admin, officer.KeyId)), Cancel);
        var revoked = sequencer.AppendAsync(TestMechanism.Pending(officer, mechanism.StatementPayload(officer, "after")), Cancel);
        var other = sequencer.AppendAsync(TestMechanism.Pending(duty, mechanism.StatementPayload(duty, "unaffected")), Cancel);
        gate.Open();

        var blocked = Accepted(await blocker);
        var revokedAt = Accepted(await revocation).Seq;
        Assert.Equal(blocked.Seq + 1, revokedAt);
        Assert.Equal("revoked-key", (await revoked).Error.Code);
        Assert.Equal(revokedAt + 1, Accepted(await other).Seq);
        await using var db = mechanism.Database.NewContext();
        Assert.True(await db.Entries.AnyAsync(e => e.Seq == before.Seq && e.KeyId == officer.KeyId, Cancel), "entries signed before the revocation stay in the record");
        Assert.Equal(1, await db.Entries.CountAsync(e => e.KeyId == officer.KeyId && e.Type == Domain.Entries.EntryTypes.StatementIssue, Cancel));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AppendAsync_UserKeyNeverEnrolled_IsUnknownKeyAndStoresNothing(string provider)
    {
        await using var mechanism = await TestMechanism.CreateAsync(provider);
        var stranger = await mechanism.AddUserAsync("SYR", "syr-officer", Role.LiaisonOfficer, enrolKey: false);

        var result = await SequencerOf(mechanism.Database).AppendAsync(TestMechanism.Pending(stranger, mechanism.StatementPayload(stranger, "unsigned")), Cancel);

        Assert.Equal("unknown-key", result.Error.Code);
        Assert.Equal(TestMechanism.GenesisEntries, await mechanism.CountEntriesAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AppendAsync_EntryRefusedByTheRecordsState_UsesNoSeq(string provider)
    {
        var gate = new TransactionGate();
        await using var mechanism = await TestMechanism.CreateAsync(provider, configure: gate.Register);
        var admin = await mechanism.AdministratorAsync("ISR");
        var sequencer = SequencerOf(mechanism.Database);
        gate.Close();

        var first = sequencer.AppendAsync(TestMechanism.Pending(admin, mechanism.StatementPayload(admin, "first")), Cancel);
        await gate.ReachedAsync();
        var unknownKey = sequencer.AppendAsync(TestMechanism.Pending(admin, mechanism.RevokePayload(admin, new string('0', 32))), Cancel);
        var next = sequencer.AppendAsync(TestMechanism.Pending(admin, mechanism.StatementPayload(admin, "next")), Cancel);
        gate.Open();

        var firstSeq = Accepted(await first).Seq;
        Assert.Equal("key-not-found", (await unknownKey).Error.Code);
        Assert.Equal(firstSeq + 1, Accepted(await next).Seq);
        Assert.Equal(TestMechanism.GenesisEntries + 2, await mechanism.CountEntriesAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AppendAsync_SecondWriterOnTheSameFile_NeverOverwritesOrReusesASeq(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var entries = new SequencerEntries();
        var first = SequencerOf(database);
        Accepted(await first.AppendAsync(entries.Make(0, TestDatabase.Start), Cancel));
        Accepted(await first.AppendAsync(entries.Make(1, TestDatabase.Start), Cancel));
        await using var secondServices = database.OpenSecondServices();
        Assert.Equal(2, Accepted(await secondServices.GetRequiredService<EntrySequencer>().AppendAsync(entries.Make(2, TestDatabase.Start), Cancel)).Seq);

        var stale = await Record.ExceptionAsync(() => first.AppendAsync(entries.Make(3, TestDatabase.Start), Cancel));
        var retried = await first.AppendAsync(entries.Make(4, TestDatabase.Start), Cancel);

        // The stale writer's insert hits the primary key: it is refused by the database, never written.
        Assert.IsAssignableFrom<System.Data.Common.DbException>(stale);
        Assert.Equal(3, Accepted(retried).Seq);
        var stored = await StoredAsync(database);
        Assert.Equal([0L, 1L, 2L, 3L], stored.Select(e => e.Seq));
        Assert.Equal(entries.Make(2, TestDatabase.Start).Payload, stored[2].Payload);
    }
}
