using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Features.Identity;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Auth;

/// <summary>Personal access tokens: authentication failures, scopes, revocation, expiry and the password exchange.</summary>
[Collection(nameof(LiaisonAppCollection))]
public sealed class TokenTests(LiaisonAppFixture app)
{
    [Theory]
    [InlineData("GET", "/api/v1/entries")]
    [InlineData("GET", "/api/v1/keys")]
    [InlineData("GET", "/api/v1/me")]
    [InlineData("GET", "/api/v1/tokens")]
    public async Task Api_NoToken_Returns401AuthenticationRequired(string method, string path)
    {
        using var client = app.CreateApiClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "authentication-required");
    }

    [Theory]
    [InlineData(null, "authentication-required")]
    [InlineData("garbage", "invalid-token")]
    [InlineData("lia_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "invalid-token")]
    public async Task SubmitEntry_WithoutAValidToken_Returns401AndStoresNothing(string? token, string code)
    {
        var entry = app.Sign("isr-officer", app.Statement("isr-officer", ["ISR"]));
        var sizeBefore = await app.RecordSizeAsync();
        using var client = app.CreateApiClient(token);

        using var response = await client.SubmitEntryAsync(entry);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, code);
        await app.AssertNothingStoredSinceAsync(sizeBefore);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("lia_")]
    [InlineData("lia_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Api_UnknownToken_Returns401InvalidToken(string token)
    {
        using var client = app.CreateApiClient(token);

        using var response = await client.GetAsync("/api/v1/entries", TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-token");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task Api_RevokedToken_Returns401TokenRevoked()
    {
        var token = await CreateTokenAsync("usa-mediator", new CreateTokenRequest("to revoke", null, 30));
        using var owner = app.CreateClientFor("usa-mediator");
        using var fresh = app.CreateApiClient(token.GetProperty("token").GetString());
        using var before = await fresh.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);
        await before.ReadJsonAsync(HttpStatusCode.OK);

        using var revoked = await owner.DeleteAsync($"/api/v1/tokens/{token.GetProperty("id").GetGuid()}", TestContext.Current.CancellationToken);
        using var after = await fresh.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);

        var view = await revoked.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(app.Time.GetUtcNow(), view.GetProperty("revokedAt").GetDateTimeOffset());
        await after.AssertProblemAsync(HttpStatusCode.Unauthorized, "token-revoked");
    }

    [Fact]
    public async Task RevokeToken_AnotherUsersToken_Returns404TokenNotFound()
    {
        var token = await CreateTokenAsync("isr-analyst", new CreateTokenRequest("not yours", null, 30));
        using var stranger = app.CreateClientFor("syr-analyst");

        using var response = await stranger.DeleteAsync($"/api/v1/tokens/{token.GetProperty("id").GetGuid()}", TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "token-not-found");
        using var stillValid = app.CreateApiClient(token.GetProperty("token").GetString());
        using var me = await stillValid.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);
        await me.ReadJsonAsync(HttpStatusCode.OK);
    }

    /// <summary>
    /// Moves the shared clock a day on; FakeTimeProvider cannot go back, so this stays independent of other tests by
    /// every other test reading the clock rather than assuming the fixture's start time.
    /// </summary>
    [Fact]
    public async Task Api_ExpiredToken_Returns401TokenExpired()
    {
        var token = await CreateTokenAsync("undof-observer", new CreateTokenRequest("short-lived", null, 1));
        using var client = app.CreateApiClient(token.GetProperty("token").GetString());
        using var before = await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);
        await before.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(app.Time.GetUtcNow().AddDays(1), token.GetProperty("expiresAt").GetDateTimeOffset());

        app.Time.Advance(TimeSpan.FromDays(1));
        using var response = await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "token-expired");
    }

    [Fact]
    public async Task SubmitEntry_TokenWithoutEntriesWriteScope_Returns403InsufficientScopeAndStoresNothing()
    {
        var token = await CreateTokenAsync("isr-officer", new CreateTokenRequest("read only", [TokenScopes.EntriesRead], 30));
        using var client = app.CreateApiClient(token.GetProperty("token").GetString());
        var sizeBefore = await client.RecordSizeAsync();

        using var response = await client.SubmitEntryAsync(app.Sign("isr-officer", app.Statement("isr-officer", ["ISR"])));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "insufficient-scope");
        await client.AssertNothingStoredSinceAsync(sizeBefore);
        Assert.Equal([TokenScopes.EntriesRead], token.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task ListKeys_TokenWithOnlyEntriesScopes_Returns403InsufficientScope()
    {
        var token = await CreateTokenAsync("isr-officer", new CreateTokenRequest("entries only", [TokenScopes.EntriesRead, TokenScopes.EntriesWrite], 30));
        using var client = app.CreateApiClient(token.GetProperty("token").GetString());

        using var response = await client.GetAsync("/api/v1/keys", TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "insufficient-scope");
    }

    [Fact]
    public async Task CreateToken_UnknownScope_Returns400InvalidScope()
    {
        using var client = app.CreateClientFor("isr-officer");

        using var response = await client.PostAsJsonAsync("/api/v1/tokens", new CreateTokenRequest("bad", ["everything"], 30), JsonSerializerOptions.Web, TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid-scope");
    }

    [Fact]
    public async Task ListTokens_OwnTokens_NeverShowsTheSecret()
    {
        await CreateTokenAsync("syr-officer", new CreateTokenRequest("listed", null, 30));
        using var client = app.CreateClientFor("syr-officer");

        using var response = await client.GetAsync("/api/v1/tokens", TestContext.Current.CancellationToken);

        var tokens = (await response.ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Contains(tokens, t => t.GetProperty("name").GetString() == "listed");
        Assert.All(tokens, t => Assert.Equal(JsonValueKind.Null, t.GetProperty("token").ValueKind));
    }

    [Fact]
    public async Task SignInForToken_RightPassword_Returns201AndAUsableToken()
    {
        var user = app.User("usa-mediator");
        using var anonymous = app.CreateApiClient();

        using var response = await anonymous.PostAsJsonAsync(
            "/api/v1/auth/token",
            new PasswordTokenRequest(user.UserName, user.Password, null, "web test", null, 7),
            JsonSerializerOptions.Web,
            TestContext.Current.CancellationToken);

        var token = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/tokens/{token.GetProperty("id").GetGuid()}", response.Headers.Location?.OriginalString);
        Assert.Equal(TokenScopes.All, token.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        using var client = app.CreateApiClient(token.GetProperty("token").GetString());
        using var me = await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);
        var who = await me.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("usa-mediator", who.GetProperty("userName").GetString());
        Assert.Equal("USA", who.GetProperty("party").GetString());
        Assert.Equal(["mediator"], who.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData("syr-analyst", "wrong password, twelve+")]
    [InlineData("syr-analyst", "")]
    [InlineData("no-such-user", "any password at all")]
    public async Task SignInForToken_WrongCredentials_Returns401BadCredentials(string userName, string password)
    {
        using var anonymous = app.CreateApiClient();

        using var response = await anonymous.PostAsJsonAsync(
            "/api/v1/auth/token",
            new PasswordTokenRequest(userName, password, null, null, null, null),
            JsonSerializerOptions.Web,
            TestContext.Current.CancellationToken);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "bad-credentials");
        Assert.False(problem.TryGetProperty("token", out _));
    }

    private async Task<JsonElement> CreateTokenAsync(string userName, CreateTokenRequest request)
    {
        using var client = app.CreateClientFor(userName);
        using var response = await client.PostAsJsonAsync("/api/v1/tokens", request, JsonSerializerOptions.Web, TestContext.Current.CancellationToken);
        var token = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.StartsWith("lia_", token.GetProperty("token").GetString(), StringComparison.Ordinal);
        return token;
    }
}
