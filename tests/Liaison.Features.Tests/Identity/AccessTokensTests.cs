using System.Security.Cryptography;
using System.Text;
using Liaison.Features.Identity;
using Liaison.Features.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Features.Tests.Identity;

public sealed class AccessTokensTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<T> WithTokensAsync<T>(TestDatabase database, Func<AccessTokens, Task<T>> use)
    {
        await using var scope = database.CreateScope();
        return await use(scope.ServiceProvider.GetRequiredService<AccessTokens>());
    }

    private static Task<T> WithTokensAsync<T>(TestMechanism mechanism, Func<AccessTokens, Task<T>> use) => WithTokensAsync(mechanism.Database, use);

    private static async Task<TokenView> CreateAsync(TestDatabase database, LiaisonUser user, CreateTokenRequest? request = null)
    {
        var created = await WithTokensAsync(database, t => t.CreateAsync(request ?? new CreateTokenRequest("laptop", null, null), user.Id, Cancel));
        Assert.True(created.IsSuccess, created.IsSuccess ? null : created.Error.Detail);
        return created.Value;
    }

    /// <summary>A user signing in with tokens only: no password, so no password hashing to wait for.</summary>
    private static async Task<LiaisonUser> NewUserAsync(TestDatabase database, string userName = "isr-officer", string party = "ISR")
    {
        await using var scope = database.CreateScope();
        var user = new LiaisonUser { UserName = userName, PartyCode = party, RoleCodes = "liaison-officer", DisplayName = userName, CreatedAt = TestDatabase.Start, LockoutEnabled = true };
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<LiaisonUser>>().CreateAsync(user);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        return user;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CreateAsync_DefaultRequest_IssuesAPrefixedTokenThatAuthenticatesItsOwner(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var officer = await NewUserAsync(database);

        var token = await CreateAsync(database, officer);
        var principal = await WithTokensAsync(database, t => t.AuthenticateAsync(token.Token!, Cancel));

        Assert.Matches("^lia_[A-Za-z0-9_-]{43}$", token.Token);
        Assert.Equal(token.Token![..12], token.Prefix);
        Assert.Equal(TokenScopes.All, token.Scopes);
        Assert.Equal(TestDatabase.Start.AddDays(90), token.ExpiresAt);
        Assert.True(principal.IsSuccess, principal.IsSuccess ? null : principal.Error.Detail);
        Assert.Equal(("isr-officer", token.Id), (principal.Value.User.UserName, principal.Value.TokenId));
        Assert.Equal(TokenScopes.All, principal.Value.Scopes);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CreateAsync_Token_OnlyItsSha256IsStored(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var officer = await NewUserAsync(database);

        var token = (await CreateAsync(database, officer)).Token!;
        Assert.True((await WithTokensAsync(database, t => t.AuthenticateAsync(token, Cancel))).IsSuccess);

        await using (var db = database.NewContext())
        {
            var record = await db.AccessTokens.AsNoTracking().SingleAsync(Cancel);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))), record.TokenHash);
        }

        var secret = token["lia_".Length..];
        var stored = await database.AllStoredTextAsync();
        Assert.DoesNotContain(stored, value => value.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(stored, value => value.Contains(secret[8..], StringComparison.Ordinal));
        Assert.All(database.RawFiles(), bytes => Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret[8..])) < 0, "the token's secret is in a database file"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RevokeAsync_OwnToken_IsRefusedFromThenOnAndKeepsTheFirstRevocationTime(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var officer = await NewUserAsync(database);
        var token = await CreateAsync(database, officer);

        database.FakeTime.Advance(TimeSpan.FromMinutes(3));
        var revoked = await WithTokensAsync(database, t => t.RevokeAsync(token.Id, officer.Id, Cancel));
        database.FakeTime.Advance(TimeSpan.FromMinutes(3));
        var again = await WithTokensAsync(database, t => t.RevokeAsync(token.Id, officer.Id, Cancel));
        var authenticated = await WithTokensAsync(database, t => t.AuthenticateAsync(token.Token!, Cancel));

        Assert.Equal(TestDatabase.Start.AddMinutes(3), revoked.Value.RevokedAt);
        Assert.Equal(TestDatabase.Start.AddMinutes(3), again.Value.RevokedAt);
        Assert.Equal("token-revoked", authenticated.Error.Code);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RevokeAsync_AnotherUsersToken_IsNotFoundAndTheTokenStillWorks(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var officer = await NewUserAsync(database);
        var other = await NewUserAsync(database, "syr-officer", "SYR");
        var token = await CreateAsync(database, officer);

        var revoked = await WithTokensAsync(database, t => t.RevokeAsync(token.Id, other.Id, Cancel));

        Assert.Equal("token-not-found", revoked.Error.Code);
        Assert.True((await WithTokensAsync(database, t => t.AuthenticateAsync(token.Token!, Cancel))).IsSuccess);
    }

    /// <summary>A one-day token, the time elapsed since it was made in milliseconds, and whether it still authenticates.</summary>
    [Theory]
    [MemberData(nameof(ExpiryCases))]
    public async Task AuthenticateAsync_AroundExpiry_ValidBeforeAndExpiredFromTheExpiryInstant(string provider, long elapsedMs, bool valid)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var officer = await NewUserAsync(database);
        var token = await CreateAsync(database, officer, new CreateTokenRequest("short", null, 1));

        database.FakeTime.Advance(TimeSpan.FromMilliseconds(elapsedMs));
        var authenticated = await WithTokensAsync(database, t => t.AuthenticateAsync(token.Token!, Cancel));

        Assert.Equal(valid, authenticated.IsSuccess);
        Assert.True(valid || authenticated.Error.Code == "token-expired");
    }

    public static TheoryData<string, long, bool> ExpiryCases => new(
        from provider in TestDatabase.ProviderNames
        from row in new[] { (0L, true), (86_400_000L - 1, true), (86_400_000L, false), (86_400_000L + 1, false), (400L * 86_400_000L, false) }
        select (provider, row.Item1, row.Item2));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AuthenticateAsync_RepeatedWithinAMinute_RecordsLastUseOncePerMinute(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var officer = await NewUserAsync(database);
        var token = await CreateAsync(database, officer);
        async Task<DateTimeOffset?> UseAsync(TimeSpan after)
        {
            database.FakeTime.Advance(after);
            Assert.True((await WithTokensAsync(database, t => t.AuthenticateAsync(token.Token!, Cancel))).IsSuccess);
            return (await WithTokensAsync(database, t => t.ListAsync(officer.Id, Cancel))).Value.Single().LastUsedAt;
        }

        var first = await UseAsync(TimeSpan.FromSeconds(1));
        var soon = await UseAsync(TimeSpan.FromSeconds(59));
        var later = await UseAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(TestDatabase.Start.AddSeconds(1), first);
        Assert.Equal(first, soon);
        Assert.Equal(TestDatabase.Start.AddSeconds(62), later);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AuthenticateAsync_OwnerLockedOut_IsInvalidUntilTheLockoutEnds(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var officer = await NewUserAsync(database);
        var token = await CreateAsync(database, officer);
        await using (var scope = database.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<LiaisonUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(officer.Id))!, TestDatabase.Start.AddMinutes(15));
        }

        var locked = await WithTokensAsync(database, t => t.AuthenticateAsync(token.Token!, Cancel));
        database.FakeTime.Advance(TimeSpan.FromMinutes(15));
        var unlocked = await WithTokensAsync(database, t => t.AuthenticateAsync(token.Token!, Cancel));

        Assert.Equal("invalid-token", locked.Error.Code);
        Assert.True(unlocked.IsSuccess);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AuthenticateAsync_NotAnIssuedToken_IsInvalidToken(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var officer = await NewUserAsync(database);
        var token = (await CreateAsync(database, officer)).Token!;
        string[] candidates = ["", "lia_", token[4..], "LIA_" + token[4..], token[..^1], token + "x", "Bearer " + token, token + new string('a', 60)];

        foreach (var candidate in candidates)
        {
            var result = await WithTokensAsync(database, t => t.AuthenticateAsync(candidate, Cancel));

            Assert.True(!result.IsSuccess && result.Error.Code == "invalid-token", $"'{candidate}' was accepted or refused otherwise");
        }
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task CreateAsync_BadRequest_IsRefusedAndStoresNothing(string provider, string? name, string[]? scopes, int? days, string code)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var officer = await NewUserAsync(database);

        var result = await WithTokensAsync(database, t => t.CreateAsync(new CreateTokenRequest(name, scopes, days), officer.Id, Cancel));

        Assert.Equal(code, result.Error.Code);
        await using var db = database.NewContext();
        Assert.Equal(0, await db.AccessTokens.CountAsync(Cancel));
    }

    public static TheoryData<string, string?, string[]?, int?, string> BadRequests => new(
        from provider in TestDatabase.ProviderNames
        from row in new (string? Name, string[]? Scopes, int? Days, string Code)[]
        {
            (new string('n', 101), null, null, "invalid-token-name"),
            ("cli", ["entries:read", "admin"], null, "invalid-scope"),
            ("cli", ["Entries:Read"], null, "invalid-scope"),
            ("cli", null, 0, "invalid-expiry"),
            ("cli", null, -1, "invalid-expiry"),
            ("cli", null, 366, "invalid-expiry"),
        }
        select (provider, row.Name, row.Scopes, row.Days, row.Code));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CreateAsync_LimitsAndScopes_AreKeptAsAsked(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var officer = await NewUserAsync(database);

        var longest = await CreateAsync(database, officer, new CreateTokenRequest(new string('n', 100), [TokenScopes.EntriesRead, TokenScopes.EntriesRead, TokenScopes.KeysRead], 365));
        var shortest = await CreateAsync(database, officer, new CreateTokenRequest("  ", null, 1));

        Assert.Equal(TestDatabase.Start.AddDays(365), longest.ExpiresAt);
        Assert.Equal([TokenScopes.EntriesRead, TokenScopes.KeysRead], longest.Scopes);
        Assert.Equal(("cli", TestDatabase.Start.AddDays(1)), (shortest.Name, shortest.ExpiresAt));
        var principal = await WithTokensAsync(database, t => t.AuthenticateAsync(longest.Token!, Cancel));
        Assert.Equal([TokenScopes.EntriesRead, TokenScopes.KeysRead], principal.Value.Scopes);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CreateWithPasswordAsync_RightAndWrongPasswords_IssueOrRefuse(string provider)
    {
        await using var mechanism = await TestMechanism.CreateAsync(provider);
        var admin = await mechanism.AdministratorAsync("SYR");

        var wrong = await WithTokensAsync(mechanism, t => t.CreateWithPasswordAsync(new PasswordTokenRequest(admin.UserName, admin.Password + "x", null, "cli", null, null), Cancel));
        var unknown = await WithTokensAsync(mechanism, t => t.CreateWithPasswordAsync(new PasswordTokenRequest("syr-nobody", admin.Password, null, "cli", null, null), Cancel));
        var right = await WithTokensAsync(mechanism, t => t.CreateWithPasswordAsync(new PasswordTokenRequest(admin.UserName, admin.Password, null, "cli", [TokenScopes.EntriesRead], 7), Cancel));

        Assert.Equal("bad-credentials", wrong.Error.Code);
        Assert.Equal("bad-credentials", unknown.Error.Code);
        Assert.True(right.IsSuccess, right.IsSuccess ? null : right.Error.Detail);
        var principal = await WithTokensAsync(mechanism, t => t.AuthenticateAsync(right.Value.Token!, Cancel));
        Assert.Equal("syr-admin", principal.Value.User.UserName);
        Assert.Equal([TokenScopes.EntriesRead], principal.Value.Scopes);
    }
}
