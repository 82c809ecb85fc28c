using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Features.Identity;
using Liaison.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Web.Tests.Pages;

/// <summary>
/// Sign-in for a user with an authenticator (TOTP, RFC 6238). Identity's authenticator token provider reads the
/// system clock (DateTimeOffset.UtcNow), not the app's TimeProvider, so codes are made for the real time here.
/// Only <see cref="TotpUser"/> has an authenticator; no other test signs in with its password.
/// </summary>
[Collection(nameof(LiaisonAppCollection))]
public sealed class SignInTotpTests(LiaisonAppFixture app)
{
    private const string TotpUser = "undof-admin";

    [Fact]
    public async Task SignIn_UserWithAuthenticator_AsksForTheCodeBeforeStartingASession()
    {
        await EnableAuthenticatorAsync();
        using var browser = app.CreateBrowserClient();

        using var response = await SignInTests.SignInAsync(browser, TotpUser, app.User(TotpUser).Password);
        using var overview = await browser.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/SignInTotp", response.Headers.Location?.OriginalString.Split('?')[0]);
        Assert.Equal(HttpStatusCode.Redirect, overview.StatusCode);
        Assert.Equal("/Account/SignIn", overview.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task SignInTotp_CorrectCode_StartsTheSession()
    {
        var key = await EnableAuthenticatorAsync();
        using var browser = app.CreateBrowserClient();
        using var password = await SignInTests.SignInAsync(browser, TotpUser, app.User(TotpUser).Password);

        using var response = await PostCodeAsync(browser, password.Headers.Location!, Totp.Code(key, TimeProvider.System.GetUtcNow()));
        using var overview = await browser.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains($"{TotpUser} · UNDOF", Html.Text(await overview.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInTotp_WrongCode_ShowsAnErrorAndStartsNoSession()
    {
        var key = await EnableAuthenticatorAsync();
        using var browser = app.CreateBrowserClient();
        using var password = await SignInTests.SignInAsync(browser, TotpUser, app.User(TotpUser).Password);

        using var response = await PostCodeAsync(browser, password.Headers.Location!, WrongCode(key));
        using var overview = await browser.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That code is not valid.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, overview.StatusCode);
        Assert.Equal("/Account/SignIn", overview.Headers.Location?.AbsolutePath);
    }

    /// <summary>Shows which clock Identity's TOTP check reads: a code for the app's (fake) time is refused.</summary>
    [Fact]
    public async Task SignInTotp_CodeForTheAppsFakeClock_IsRefusedBecauseIdentityReadsTheSystemClock()
    {
        var key = await EnableAuthenticatorAsync();
        Assert.True((TimeProvider.System.GetUtcNow() - app.Time.GetUtcNow()).Duration() > TimeSpan.FromMinutes(3), "The fake clock must be far from the real one for this test to tell them apart.");
        using var browser = app.CreateBrowserClient();
        using var password = await SignInTests.SignInAsync(browser, TotpUser, app.User(TotpUser).Password);

        using var response = await PostCodeAsync(browser, password.Headers.Location!, Totp.Code(key, app.Time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That code is not valid.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInTotpPage_WithoutThePasswordStep_RedirectsToSignIn()
    {
        using var browser = app.CreateBrowserClient();

        using var response = await browser.GetAsync("/Account/SignInTotp", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/SignIn", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignInForToken_UserWithAuthenticator_RequiresTheCode()
    {
        var key = await EnableAuthenticatorAsync();
        var user = app.User(TotpUser);
        using var anonymous = app.CreateApiClient();

        using var withoutCode = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new PasswordTokenRequest(user.UserName, user.Password, null, null, null, 1), JsonSerializerOptions.Web, TestContext.Current.CancellationToken);
        using var withCode = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new PasswordTokenRequest(user.UserName, user.Password, Totp.Code(key, TimeProvider.System.GetUtcNow()), null, null, 1), JsonSerializerOptions.Web, TestContext.Current.CancellationToken);

        await withoutCode.AssertProblemAsync(HttpStatusCode.Unauthorized, "totp-required");
        await withCode.ReadJsonAsync(HttpStatusCode.Created);
    }

    /// <summary>Turns the authenticator on for <see cref="TotpUser"/> with a new key, through Identity's UserManager, and returns the key.</summary>
    private async Task<string> EnableAuthenticatorAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LiaisonUser>>();
        var user = await users.FindByNameAsync(TotpUser) ?? throw new InvalidOperationException($"There is no user {TotpUser}.");
        Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        return await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("The authenticator key was not set.");
    }

    private static async Task<HttpResponseMessage> PostCodeAsync(HttpClient browser, Uri totpPage, string code)
    {
        using var page = await browser.GetAsync(totpPage, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var fields = Html.PostFormFields(await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return await browser.PostAsync(totpPage, Html.Post(fields, ("Code", code)), TestContext.Current.CancellationToken);
    }

    /// <summary>A code Identity cannot accept: not the code of any step in its window of two steps either side of now.</summary>
    private static string WrongCode(string key)
    {
        var now = TimeProvider.System.GetUtcNow();
        var valid = Enumerable.Range(-2, 5).Select(step => Totp.Code(key, now.AddSeconds(step * Totp.StepSeconds))).ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(candidate => !valid.Contains(candidate));
    }
}
