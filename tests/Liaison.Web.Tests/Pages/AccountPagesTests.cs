using System.Net;
using System.Text.RegularExpressions;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Pages;

/// <summary>The signed-in account pages: signing out from the page header, and turning on one-time codes on the security page.</summary>
[Collection(nameof(LiaisonAppCollection))]
public sealed partial class AccountPagesTests(LiaisonAppFixture app)
{
    /// <summary>Turns on TOTP through the page; no other test signs in with this user's password.</summary>
    private const string SecurityPageUser = "usa-admin";

    /// <summary>
    /// The header's form posts to <c>/Account/SignOut</c>; Razor Pages check antiforgery on every post, so the form must
    /// carry the token as a browser would send it.
    /// </summary>
    [Fact]
    public async Task SignOut_FormInThePageHeader_EndsTheSession()
    {
        using var browser = app.CreateBrowserClient();
        using var signedIn = await SignInTests.SignInAsync(browser, "syr-commander", app.User("syr-commander").Password);
        using var overview = await browser.GetAsync("/", TestContext.Current.CancellationToken);
        var fields = Html.PostFormFields(await overview.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), "/Account/SignOut");

        using var response = await browser.PostAsync("/Account/SignOut", Html.Post(fields), TestContext.Current.CancellationToken);
        using var after = await browser.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.True(fields.ContainsKey("__RequestVerificationToken"), "The sign-out form carries no antiforgery token, so its post is refused.");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Signed out", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/Account/SignIn", after.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task SecurityPage_EnableWithACodeFromTheShownKey_MakesSignInAskForTheCode()
    {
        var password = app.User(SecurityPageUser).Password;
        using var browser = app.CreateBrowserClient();
        using var signedIn = await SignInTests.SignInAsync(browser, SecurityPageUser, password);
        using var page = await browser.GetAsync("/Account/Security", TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var key = SharedKey().Match(html).Groups["key"].Value;
        var fields = Html.PostFormFields(html, "/Account/Security?handler=Enable");

        using var enabled = await browser.PostAsync(
            "/Account/Security?handler=Enable",
            Html.Post(fields, ("Code", Totp.Code(key, TimeProvider.System.GetUtcNow()))),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Contains("One-time codes are on.", await enabled.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var anotherBrowser = app.CreateBrowserClient();
        using var again = await SignInTests.SignInAsync(anotherBrowser, SecurityPageUser, password);
        Assert.Equal("/Account/SignInTotp", again.Headers.Location?.OriginalString.Split('?')[0]);
    }

    [GeneratedRegex("<code data-testid=\"totp-key\">(?<key>[A-Z2-7]+)</code>", RegexOptions.CultureInvariant)]
    private static partial Regex SharedKey();
}
