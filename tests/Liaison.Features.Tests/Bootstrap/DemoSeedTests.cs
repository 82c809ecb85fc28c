using Liaison.Domain.Entries;
using Liaison.Domain.Keys;
using Liaison.Features.Bootstrap;
using Liaison.Features.Identity;
using Liaison.Features.Keys;
using Liaison.Features.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Features.Tests.Bootstrap;

/// <summary>The demo seeded once per provider; the tests only read it, or are refused without changing it.</summary>
public sealed class SeededDemos : PerProvider<SeededDemos.Seeded>
{
    protected override async Task<Seeded> CreateAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider, migrate: false);
        return new Seeded(database, await DemoSeedTests.SeedAsync(database));
    }

    public sealed record Seeded(TestDatabase Database, Domain.Common.Result<DemoCredentials> Result) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }
}

public sealed class DemoSeedTests(SeededDemos demos) : IClassFixture<SeededDemos>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly string[] DemoUsers =
    [
        "isr-admin", "isr-officer", "isr-duty", "isr-commander", "isr-analyst",
        "syr-admin", "syr-officer", "syr-duty", "syr-commander", "syr-analyst",
        "usa-admin", "usa-mediator",
        "undof-admin", "undof-observer",
    ];

    internal static async Task<Domain.Common.Result<DemoCredentials>> SeedAsync(TestDatabase database)
    {
        await using var scope = database.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DemoSeed>().HandleAsync(RepositoryFiles.DemoConfig(), RepositoryFiles.DemoConfigPath, database.Folder, Cancel);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_DemoConfig_WritesOwnerOnlyCredentialsFor14Users(string provider)
    {
        var (database, seeded) = await demos.GetAsync(provider);

        Assert.True(seeded.IsSuccess, seeded.IsSuccess ? null : seeded.Error.Detail);
        FileAssert.OwnerOnly(database.Folder.DemoCredentials);
        var credentials = DemoCredentials.Load(database.Folder.DemoCredentials);
        Assert.True(credentials.IsSuccess, credentials.IsSuccess ? null : credentials.Error.Detail);
        Assert.Equal("isr-syr", credentials.Value.Mechanism);
        Assert.Equal(DemoUsers.Order(StringComparer.Ordinal), credentials.Value.Users.Select(u => u.UserName).Order(StringComparer.Ordinal));
        Assert.Equal(seeded.Value.Users.Select(u => (u.UserName, u.Token)), credentials.Value.Users.Select(u => (u.UserName, u.Token)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_DemoUsers_EachHasAnEnrolledKeyFileAndAWorkingToken(string provider)
    {
        var (database, seeded) = await demos.GetAsync(provider);

        var credentials = seeded.Value;

        await using var scope = database.CreateScope();
        var tokens = scope.ServiceProvider.GetRequiredService<AccessTokens>();
        await using var db = database.NewContext();
        foreach (var user in credentials.Users)
        {
            FileAssert.OwnerOnly(user.KeyFile);
            var keyFile = KeyFile.Load(user.KeyFile);
            Assert.True(keyFile.IsSuccess, user.UserName);
            var key = await db.SigningKeys.AsNoTracking().SingleAsync(k => k.KeyId == keyFile.Value.KeyId, Cancel);
            Assert.Equal((user.UserName, KeyStatus.Enrolled, user.Party), (key.Owner, key.Status, key.Party));
            var principal = await tokens.AuthenticateAsync(user.Token, Cancel);
            Assert.True(principal.IsSuccess, user.UserName);
            Assert.Equal(user.UserName, principal.Value.User.UserName);
            Assert.Equal(string.Join(',', user.Roles), principal.Value.User.RoleCodes);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_DemoConfig_RecordsGenesisEnrolmentsStatementsHotlineNoticeIncidentAndDisputeHistory(string provider)
    {
        var (database, seeded) = await demos.GetAsync(provider);

        Assert.True(seeded.IsSuccess);
        await using var db = database.NewContext();
        var entries = await db.Entries.AsNoTracking().OrderBy(e => e.Seq).ToListAsync(Cancel);
        Assert.Equal(TestMechanism.GenesisEntries + 10 + 3 + 11 + 6 + 8 + 11, entries.Count);
        Assert.Equal(Enumerable.Range(0, entries.Count).Select(i => (long)i), entries.Select(e => e.Seq));
        Assert.Equal(10, entries.Skip(TestMechanism.GenesisEntries).Count(e => e.Type == EntryTypes.KeyEnroll));
        var statements = entries.Where(e => e.Type == EntryTypes.StatementIssue).ToList();
        Assert.Equal(["usa-mediator", "isr-commander", "syr-commander"], statements.Select(e => e.Author));
        Assert.True(statements[1].Payload.AsSpan().IndexOf("\"lang\":\"he\""u8) >= 0);
        Assert.True(statements[1].Payload.AsSpan().IndexOf("פסגת החרמון"u8) >= 0, "Hebrew is signed as UTF-8, not escaped");
        Assert.True(statements[2].Payload.AsSpan().IndexOf("الآلية"u8) >= 0, "Arabic is signed as UTF-8, not escaped");
        var hotline = entries.Skip(TestMechanism.GenesisEntries + 10 + 3).Take(11).ToList();
        Assert.Equal(6, hotline.Count(e => e.Type == "message.send"));
        Assert.Equal(3, hotline.Count(e => e.Type == "message.ack"));
        Assert.Equal(2, hotline.Count(e => e.Type == "message.translate"));
        var notices = entries.Skip(TestMechanism.GenesisEntries + 10 + 3 + 11).Take(6).ToList();
        Assert.Equal(["notice.file", "notice.object", "notice.file", "notice.file", "notice.ack", "notice.file"], notices.Select(e => e.Type));
        var incidents = entries.Skip(TestMechanism.GenesisEntries + 10 + 3 + 11 + 6).Take(8).ToList();
        Assert.Equal(["incident.report", "incident.ack", "incident.report", "incident.report", "incident.link", "incident.ack", "incident.report", "incident.ack"], incidents.Select(e => e.Type));
        Assert.Equal(["undof-observer", "syr-officer", "isr-officer", "syr-officer"], incidents.Where(e => e.Type == "incident.report").Select(e => e.Author));
        var disputes = entries.Skip(TestMechanism.GenesisEntries + 10 + 3 + 11 + 6 + 8).ToList();
        Assert.Equal(
            ["dispute.open", "dispute.reply", "dispute.escalate", "dispute.reply", "dispute.escalate", "dispute.finding", "dispute.open", "verification.request", "verification.report", "verification.report", "verification.request"],
            disputes.Select(e => e.Type));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_SecondTime_IsAlreadyInitialisedAndKeepsTheCredentials(string provider)
    {
        var (database, seeded) = await demos.GetAsync(provider);
        Assert.True(seeded.IsSuccess);
        var before = await File.ReadAllBytesAsync(database.Folder.DemoCredentials, Cancel);

        var again = await SeedAsync(database);

        Assert.Equal("already-initialised", again.Error.Code);
        Assert.Equal(before, await File.ReadAllBytesAsync(database.Folder.DemoCredentials, Cancel));
    }
}
