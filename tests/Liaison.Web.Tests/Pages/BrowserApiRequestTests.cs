using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Liaison.Domain.Entries;
using Liaison.Features.Keys;
using Liaison.Ledger.Crypto;
using Liaison.Web.Auth;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Pages;

/// <summary>
/// A signed-in browser calling the API with its session cookie, as <c>signing.js</c> does: reads need nothing more, a
/// request that changes something needs the page's antiforgery token in a header, and the Signing key page shows an
/// administrator the keys their party's members asked for. These tests sign in with passwords, so they run on an app of
/// their own: the sign-in rate limit (per client address, and every test client has the same) is shared by all tests of an app.
/// </summary>
[Collection(nameof(BrowserApiCollection))]
public sealed partial class BrowserApiRequestTests(LiaisonAppFixture app)
{
    /// <summary>Requests keys from a signed-in browser; no other test signs in as this user.</summary>
    private const string Requester = "isr-analyst";

    [Fact]
    public async Task CookiePost_WithoutAntiforgeryHeader_RefusedAsProblem()
    {
        using var browser = await SignedInAsync(Requester);
        using var key = Ed25519PrivateKey.Generate();

        using var response = await browser.PostAsJsonAsync("/api/v1/keys", KeyRequest(Requester, key), JsonSerializerOptions.Web, TestContext.Current.CancellationToken);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "antiforgery-token-required");
        Assert.Contains(BrowserApiRequestRequirement.HeaderName, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CookiePost_WithAnotherSessionsToken_Refused()
    {
        using var other = await SignedInAsync("isr-admin");
        var foreignToken = await PageTokenAsync(other);
        using var browser = await SignedInAsync(Requester);
        using var key = Ed25519PrivateKey.Generate();

        using var response = await PostWithTokenAsync(browser, "/api/v1/keys", KeyRequest(Requester, key), foreignToken);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "antiforgery-token-required");
    }

    [Fact]
    public async Task CookiePost_WithThePagesToken_KeyRequestedAndShownToTheAdministrator()
    {
        using var browser = await SignedInAsync(Requester);
        using var key = Ed25519PrivateKey.Generate();
        var keyId = KeyId.For(key.PublicKey.Bytes).Value;

        using var response = await PostWithTokenAsync(browser, "/api/v1/keys", KeyRequest(Requester, key), await PageTokenAsync(browser));
        using var admin = await SignedInAsync("isr-admin");
        var adminPage = await GetPageAsync(admin, "/Account/SigningKey");
        var ownPage = await GetPageAsync(browser, "/Account/SigningKey");

        var created = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal("Pending", created.GetProperty("status").GetString());
        Assert.Contains($"data-action=\"enrol\" data-key-id=\"{keyId}\" data-owner=\"{Requester}\"", adminPage, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"pending-keys\"", ownPage, StringComparison.Ordinal);
        Assert.Contains("data-enrol-command=\"liaison --profile isr-admin keys enroll\"", ownPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CookieGet_WithoutAntiforgeryHeader_Answered()
    {
        using var browser = await SignedInAsync(Requester);

        using var response = await browser.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);

        Assert.Equal(Requester, (await response.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("userName").GetString());
    }

    [Fact]
    public async Task TokenPost_WithoutAntiforgeryHeader_Answered()
    {
        using var client = app.CreateClientFor("isr-duty");
        using var key = Ed25519PrivateKey.Generate();

        using var response = await client.PostAsJsonAsync("/api/v1/keys", KeyRequest("isr-duty", key), JsonSerializerOptions.Web, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task SigningScripts_ServedFromTheApp()
    {
        using var client = app.CreateApiClient();

        using var signing = await client.GetAsync("/js/signing.js", TestContext.Current.CancellationToken);
        using var page = await client.GetAsync("/js/signing-key.js", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, signing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("window.LiaisonSigning", await signing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static RequestKeyRequest KeyRequest(string userName, Ed25519PrivateKey key) =>
        new(key.PublicKey.ToBase64(), Convert.ToBase64String(key.Sign(EntrySigning.KeyRequestMessage(userName, key.PublicKey.Bytes))));

    private async Task<HttpClient> SignedInAsync(string userName)
    {
        var browser = app.CreateBrowserClient();
        using var signedIn = await SignInTests.SignInAsync(browser, userName, app.User(userName).Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    private static async Task<string> GetPageAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(path, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {html}");
        return html;
    }

    /// <summary>The antiforgery token the Signing key page gives its scripts.</summary>
    private static async Task<string> PageTokenAsync(HttpClient browser)
    {
        var match = MetaToken().Match(await GetPageAsync(browser, "/Account/SigningKey"));
        Assert.True(match.Success, "The page carries no antiforgery token for its scripts.");
        return match.Groups["token"].Value;
    }

    private static async Task<HttpResponseMessage> PostWithTokenAsync<T>(HttpClient browser, string path, T body, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: JsonSerializerOptions.Web) };
        request.Headers.Add(BrowserApiRequestRequirement.HeaderName, token);
        return await browser.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("<meta name=\"liaison-antiforgery\" content=\"(?<token>[^\"]+)\" />", RegexOptions.CultureInvariant)]
    private static partial Regex MetaToken();
}

/// <summary>An app for <see cref="BrowserApiRequestTests"/> alone, with its own sign-in rate limit.</summary>
[CollectionDefinition(nameof(BrowserApiCollection))]
public sealed class BrowserApiCollection : ICollectionFixture<LiaisonAppFixture>;
