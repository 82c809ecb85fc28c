using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;
using Liaison.Features.Bootstrap;
using Liaison.Features.Entries;
using Liaison.Features.Identity;
using Liaison.Features.Keys;
using Liaison.Features.Mechanism;
using Liaison.Ledger.Crypto;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Features.Tests.Infrastructure;

/// <summary>A user made by a test: who they are to the rules, their password, and their signing key (enrolled unless the test says otherwise).</summary>
public sealed record TestUser(Member Member, string UserId, string Password, Ed25519PrivateKey Key)
{
    public string UserName => Member.UserName;

    public string KeyId => Domain.Entries.KeyId.For(Key.PublicKey.Bytes).Value;
}

/// <summary>
/// The Israel–Syria demo mechanism established by <see cref="InitMechanism"/> in a <see cref="TestDatabase"/>:
/// nine genesis entries (seq 0 to 8), one administrator per party, and helpers to add users and submit entries.
/// </summary>
public sealed class TestMechanism : IAsyncDisposable
{
    /// <summary>The number of entries <see cref="InitMechanism"/> records for the demo configuration: the establishment, then a root key and an administrator's enrolment per party.</summary>
    public const int GenesisEntries = 1 + (4 * 2);

    private readonly List<IDisposable> _keys = [];

    private TestMechanism(TestDatabase database, MechanismConfig config, InitResult init, ServedMechanism served)
    {
        Database = database;
        Config = config;
        Init = init;
        Served = served;
    }

    public TestDatabase Database { get; }

    public MechanismConfig Config { get; }

    public InitResult Init { get; }

    /// <summary>The mechanism as a server loads it from the data folder.</summary>
    public ServedMechanism Served { get; }

    public static async Task<TestMechanism> CreateAsync(string provider, TimeProvider? time = null, Action<IServiceCollection>? configure = null)
    {
        var database = await TestDatabase.CreateAsync(provider, time, configure, migrate: false);
        var config = RepositoryFiles.DemoConfig();
        await using var scope = database.CreateScope();
        var init = await scope.ServiceProvider.GetRequiredService<InitMechanism>().HandleAsync(config, RepositoryFiles.DemoConfigPath, database.Folder, TestContext.Current.CancellationToken);
        Assert.True(init.IsSuccess, init.IsSuccess ? null : init.Error.Detail);
        await using var db = database.NewContext();
        var served = await LoadServedMechanism.HandleAsync(db, database.Folder, TestContext.Current.CancellationToken);
        Assert.True(served.IsSuccess, served.IsSuccess ? null : served.Error.Detail);
        return new TestMechanism(database, config, init.Value, served.Value);
    }

    /// <summary>The first administrator of <paramref name="party"/>, with their key from its key file.</summary>
    public async Task<TestUser> AdministratorAsync(string party)
    {
        var admin = Init.Administrators.Single(a => a.Party == party);
        var key = Track(KeyFile.Load(admin.KeyFile).Value.Open());
        var user = await FindUserAsync(admin.UserName);
        return new TestUser(user.ToMember(), user.Id, admin.Password, key);
    }

    /// <summary>A new user of <paramref name="party"/> holding <paramref name="role"/>, whose new key the party's administrator enrols.</summary>
    public async Task<TestUser> AddUserAsync(string party, string userName, Role role, bool enrolKey = true)
    {
        await using var scope = Database.CreateScope();
        var init = scope.ServiceProvider.GetRequiredService<InitMechanism>();
        var partyConfig = Config.FindParty(new PartyCode(party))!;
        var created = await init.CreateUserAsync(partyConfig, userName, [role], userName);
        Assert.True(created.IsSuccess, created.IsSuccess ? null : created.Error.Detail);
        var keyFile = Database.Folder.UserKeyFile(userName);
        if (enrolKey)
        {
            var admin = await AdministratorAsync(party);
            var enrolled = await init.EnrollNewKeyAsync(Config, userName, admin.Key, Domain.Keys.Signer.ForMember(admin.Member), keyFile, TestContext.Current.CancellationToken);
            Assert.True(enrolled.IsSuccess, enrolled.IsSuccess ? null : enrolled.Error.Detail);
        }
        else
        {
            using var fresh = Ed25519PrivateKey.Generate();
            KeyFile.For(fresh, userName).Save(keyFile);
        }

        var user = await FindUserAsync(userName);
        return new TestUser(user.ToMember(), user.Id, created.Value.Password, Track(KeyFile.Load(keyFile).Value.Open()));
    }

    /// <summary>A <c>statement.issue</c> payload by <paramref name="author"/>, to ISR and SYR unless told, at the clock's time unless told.</summary>
    public byte[] StatementPayload(TestUser author, string subject, IEnumerable<string>? audience = null, DateTimeOffset? clientTime = null, string type = EntryTypes.StatementIssue) =>
        EntryBuilder.Payload(type, Config.Id, author.UserName, audience ?? ["ISR", "SYR"], clientTime ?? Database.Time.GetUtcNow(), new JsonObject { ["subject"] = subject, ["body"] = "Text of " + subject, ["lang"] = "en" });

    /// <summary>Every party's code, in configuration order: the audience key enrolments and revocations must have.</summary>
    public IReadOnlyList<string> EveryParty => [.. Config.Parties.Select(p => p.Code.Value)];

    /// <summary>A <c>key.revoke</c> payload by <paramref name="author"/>, addressed to every party.</summary>
    public byte[] RevokePayload(TestUser author, string keyId, string reason = "device lost") =>
        EntryBuilder.Payload(EntryTypes.KeyRevoke, Config.Id, author.UserName, EveryParty, Database.Time.GetUtcNow(), new JsonObject { ["keyId"] = keyId, ["reason"] = reason });

    /// <summary>Signs <paramref name="payload"/> with <paramref name="author"/>'s key as the envelope a client sends.</summary>
    public static SubmitEntryRequest Request(TestUser author, byte[] payload) => EntryBuilder.Sign(payload, author.Key).ToRequest();

    /// <summary>The entry as the sequencer receives it once <c>SubmitEntry</c> has admitted it.</summary>
    public static PendingEntry Pending(TestUser author, byte[] payload)
    {
        var signed = EntryBuilder.Sign(payload, author.Key);
        return new PendingEntry(EntryPayload.Parse(payload).Value, payload, SHA256.HashData(payload), signed.KeyId, signed.Signature, Domain.Keys.Signer.ForMember(author.Member));
    }

    /// <summary>Submits through the use case, in a scope of its own, as the web endpoint does.</summary>
    public async Task<Result<SubmitEntryResponse>> SubmitAsync(TestUser user, SubmitEntryRequest request)
    {
        await using var scope = Database.CreateScope();
        var submit = new SubmitEntry(
            scope.ServiceProvider.GetRequiredService<IDbContextFactory<Data.LiaisonDbContext>>(),
            scope.ServiceProvider.GetRequiredService<EntrySequencer>(),
            scope.ServiceProvider.GetRequiredService<Liaison.Features.Keys.EnrolledKeys>(),
            Served,
            Database.Time);
        return await submit.HandleAsync(request, user.Member, TestContext.Current.CancellationToken);
    }

    public async Task<int> CountEntriesAsync()
    {
        await using var db = Database.NewContext();
        return await db.Entries.CountAsync(TestContext.Current.CancellationToken);
    }

    public async Task<SigningKeyRecord?> FindKeyAsync(string keyId)
    {
        await using var db = Database.NewContext();
        return await db.SigningKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyId == keyId, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var key in _keys)
        {
            key.Dispose();
        }

        Served.LogKey.Dispose();
        await Database.DisposeAsync();
    }

    private async Task<LiaisonUser> FindUserAsync(string userName)
    {
        await using var scope = Database.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<LiaisonUser>>().FindByNameAsync(userName))!;
    }

    private Ed25519PrivateKey Track(Ed25519PrivateKey key)
    {
        _keys.Add(key);
        return key;
    }
}
