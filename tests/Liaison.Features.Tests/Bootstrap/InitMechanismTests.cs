using System.Security.Cryptography;
using Liaison.Domain.Entries;
using Liaison.Domain.Keys;
using Liaison.Domain.Parties;
using Liaison.Features.Bootstrap;
using Liaison.Features.Mechanism;
using Liaison.Features.Tests.Infrastructure;
using Liaison.Ledger.Crypto;
using Liaison.Ledger.Merkle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Features.Tests.Bootstrap;

public sealed class InitMechanismTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_DemoConfig_RecordsEstablishmentThenRootAndAdministratorKeyPerParty(string provider)
    {
        await using var mechanism = await TestMechanism.CreateAsync(provider);

        await using var db = mechanism.Database.NewContext();
        var entries = await db.Entries.AsNoTracking().OrderBy(e => e.Seq).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Enumerable.Range(0, TestMechanism.GenesisEntries).Select(i => (long)i), entries.Select(e => e.Seq));
        Assert.Equal(
            [
                (EntryTypes.MechanismEstablish, "server"),
                (EntryTypes.PartyRoot, "ISR"), (EntryTypes.KeyEnroll, "ISR"),
                (EntryTypes.PartyRoot, "SYR"), (EntryTypes.KeyEnroll, "SYR"),
                (EntryTypes.PartyRoot, "USA"), (EntryTypes.KeyEnroll, "USA"),
                (EntryTypes.PartyRoot, "UNDOF"), (EntryTypes.KeyEnroll, "UNDOF"),
            ],
            entries.Select(e => (e.Type, e.Author)));
        Assert.All(entries, e => Assert.Equal(["ISR", "SYR", "USA", "UNDOF"], e.AudienceCodes));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_DemoConfig_EstablishmentNamesTheConfigurationsSha256(string provider)
    {
        await using var mechanism = await TestMechanism.CreateAsync(provider);

        var expected = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(RepositoryFiles.DemoConfigPath, TestContext.Current.CancellationToken)));
        Assert.Equal(expected, mechanism.Init.ConfigSha256);
        await using var db = mechanism.Database.NewContext();
        var record = await db.Mechanisms.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("isr-syr", expected, TestDatabase.Start), (record.Id, record.ConfigSha256, record.EstablishedAt));
        var establish = EntryPayload.Parse((await db.Entries.AsNoTracking().SingleAsync(e => e.Seq == 0, TestContext.Current.CancellationToken)).Payload).Value;
        Assert.Equal(expected, establish.Body.GetProperty("configSha256").GetString());
        Assert.Equal(expected, mechanism.Served.ConfigSha256);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_DemoConfig_EstablishmentNamesEachZoneFilesSha256(string provider)
    {
        await using var mechanism = await TestMechanism.CreateAsync(provider);

        await using var db = mechanism.Database.NewContext();
        var establish = EntryPayload.Parse((await db.Entries.AsNoTracking().SingleAsync(e => e.Seq == 0, TestContext.Current.CancellationToken)).Payload).Value;
        var recorded = establish.Body.GetProperty(Notices.ZoneFiles.RecordedField).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        var sources = mechanism.Config.Zones.Select(z => z.Source).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(sources, recorded.Keys);
        var folder = Path.GetDirectoryName(RepositoryFiles.DemoConfigPath)!;
        foreach (var source in sources)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, source), TestContext.Current.CancellationToken);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), recorded[source]);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_DemoConfig_EnrolsServerRootAndAdministratorKeys(string provider)
    {
        await using var mechanism = await TestMechanism.CreateAsync(provider);

        await using var db = mechanism.Database.NewContext();
        var keys = await db.SigningKeys.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        Assert.All(keys, k => Assert.Equal(KeyStatus.Enrolled, k.Status));
        Assert.Equal(("server", "USA", 0L), keys.Where(k => k.OwnerKind == KeyOwnerKind.Server).Select(k => (k.Owner, k.Party, k.EnrolledBySeq!.Value)).Single());
        Assert.Equal(
            [("ISR", "ISR", 1L), ("SYR", "SYR", 3L), ("USA", "USA", 5L), ("UNDOF", "UNDOF", 7L)],
            keys.Where(k => k.OwnerKind == KeyOwnerKind.PartyRoot).OrderBy(k => k.EnrolledBySeq).Select(k => (k.Owner, k.Party, k.EnrolledBySeq!.Value)));
        Assert.Equal(
            [("isr-admin", "ISR", 2L), ("syr-admin", "SYR", 4L), ("usa-admin", "USA", 6L), ("undof-admin", "UNDOF", 8L)],
            keys.Where(k => k.OwnerKind == KeyOwnerKind.User).OrderBy(k => k.EnrolledBySeq).Select(k => (k.Owner, k.Party, k.EnrolledBySeq!.Value)));
        Assert.All(keys, k => Assert.Equal(KeyId.For(k.PublicKey).Value, k.KeyId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_DemoConfig_CreatesOneAdministratorPerPartyWithAKeyFile(string provider)
    {
        await using var mechanism = await TestMechanism.CreateAsync(provider);

        Assert.Equal(["isr-admin", "syr-admin", "usa-admin", "undof-admin"], mechanism.Init.Administrators.Select(a => a.UserName));
        await using var db = mechanism.Database.NewContext();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["isr-admin", "syr-admin", "undof-admin", "usa-admin"], users.Select(u => u.UserName));
        Assert.All(users, u => Assert.Equal("administrator", u.RoleCodes));
        Assert.All(users, u => Assert.DoesNotContain(mechanism.Init.Administrators.Single(a => a.UserName == u.UserName).Password, u.PasswordHash, StringComparison.Ordinal));
        foreach (var admin in mechanism.Init.Administrators)
        {
            var keyFile = Features.Keys.KeyFile.Load(admin.KeyFile);
            Assert.True(keyFile.IsSuccess);
            Assert.NotNull(await mechanism.FindKeyAsync(keyFile.Value.KeyId));
            FileAssert.OwnerOnly(admin.KeyFile);
        }

        Assert.Equal(4, mechanism.Init.RootKeyFiles.Count);
        Assert.All(mechanism.Init.RootKeyFiles, FileAssert.OwnerOnly);
        FileAssert.OwnerOnly(mechanism.Database.Folder.ServerKeyFile);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_GenesisEntries_EachSignatureAndLeafHashVerifiesFromTheStoredFields(string provider)
    {
        await using var mechanism = await TestMechanism.CreateAsync(provider);

        await using var db = mechanism.Database.NewContext();
        var keys = await db.SigningKeys.AsNoTracking().ToDictionaryAsync(k => k.KeyId, TestContext.Current.CancellationToken);
        var entries = await db.Entries.AsNoTracking().OrderBy(e => e.Seq).ToListAsync(TestContext.Current.CancellationToken);
        Assert.All(entries, e =>
        {
            Assert.True(new Ed25519PublicKey(keys[e.KeyId].PublicKey).Verify(EntrySigning.SignedMessage(e.Payload), e.Signature), $"entry {e.Seq}");
            Assert.Equal(SHA256.HashData(e.Payload), e.PayloadSha256);
            var leaf = new EntryLeaf(e.Type, e.Author, [.. e.AudienceCodes.Select(c => new PartyCode(c))], e.ServerTime, e.KeyId, e.Signature, e.PayloadSha256);
            Assert.Equal(Rfc6962.HashLeaf(leaf.Encode()), e.LeafHash);
        });
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_SecondTime_IsAlreadyInitialisedAndChangesNothing(string provider)
    {
        await using var mechanism = await TestMechanism.CreateAsync(provider);
        var keyFilesBefore = Directory.GetFiles(mechanism.Database.Folder.KeysDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

        await using var scope = mechanism.Database.CreateScope();
        var again = await scope.ServiceProvider.GetRequiredService<InitMechanism>().HandleAsync(mechanism.Config, RepositoryFiles.DemoConfigPath, mechanism.Database.Folder, TestContext.Current.CancellationToken);

        Assert.False(again.IsSuccess);
        Assert.Equal("already-initialised", again.Error.Code);
        Assert.Equal(TestMechanism.GenesisEntries, await mechanism.CountEntriesAsync());
        await using var db = mechanism.Database.NewContext();
        Assert.Equal(4, await db.Users.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, await db.Mechanisms.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(keyFilesBefore, Directory.GetFiles(mechanism.Database.Folder.KeysDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_AfterARestart_IsStillAlreadyInitialised(string provider)
    {
        await using var mechanism = await TestMechanism.CreateAsync(provider);
        await mechanism.Database.ReopenAsync();

        await using var scope = mechanism.Database.CreateScope();
        var again = await scope.ServiceProvider.GetRequiredService<InitMechanism>().HandleAsync(mechanism.Config, RepositoryFiles.DemoConfigPath, mechanism.Database.Folder, TestContext.Current.CancellationToken);

        Assert.Equal("already-initialised", Assert.IsType<Domain.Common.Error.Conflict>(again.Error).Code);
        Assert.Equal(TestMechanism.GenesisEntries, await mechanism.CountEntriesAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LoadServedMechanism_ConfigurationCopyEdited_IsConfigChanged(string provider)
    {
        await using var mechanism = await TestMechanism.CreateAsync(provider);
        var copy = mechanism.Database.Folder.FindConfigFile()!;
        await File.AppendAllTextAsync(copy, "\n", TestContext.Current.CancellationToken);

        await using var db = mechanism.Database.NewContext();
        var served = await LoadServedMechanism.HandleAsync(db, mechanism.Database.Folder, TestContext.Current.CancellationToken);

        Assert.Equal("config-changed", served.Error.Code);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LoadServedMechanism_ZoneFileEdited_IsZonesChangedNamingTheFile(string provider)
    {
        await using var mechanism = await TestMechanism.CreateAsync(provider);
        var source = mechanism.Config.Zones[0].Source;
        await File.AppendAllTextAsync(Path.Combine(mechanism.Database.Folder.MechanismDirectory, source), "\n", TestContext.Current.CancellationToken);

        await using var db = mechanism.Database.NewContext();
        var served = await LoadServedMechanism.HandleAsync(db, mechanism.Database.Folder, TestContext.Current.CancellationToken);

        Assert.Equal("zones-changed", served.Error.Code);
        Assert.StartsWith($"Zone file {source} is not the one the mechanism was established with", served.Error.Detail, StringComparison.Ordinal);
    }
}
