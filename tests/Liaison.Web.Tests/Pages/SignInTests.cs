using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Pages;

/// <summary>Browser sign-in over HTTP: the form with its antiforgery token, the session cookie, and the overview page.</summary>
[Collection(nameof(LiaisonAppCollection))]
public sealed partial class SignInTests(LiaisonAppFixture app)
{
    private const string HebrewSubject = "הודעה על תרגיל";
    private const string HebrewBody = "צה\"ל יקיים תרגיל מתוכנן ברמת הגולן.";
    private const string ArabicSubject = "إشعار بقافلة إنسانية";
    private const string ArabicBody = "ستعبر قافلة إنسانية إلى السويداء صباح الغد.";

    [Fact]
    public async Task Overview_NotSignedIn_RedirectsToSignIn()
    {
        using var browser = app.CreateBrowserClient();

        using var response = await browser.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/SignIn", response.Headers.Location?.AbsolutePath);
        Assert.Contains("ReturnUrl=%2F", response.Headers.Location?.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_Get_HasAFormWithAnAntiforgeryToken()
    {
        using var browser = app.CreateBrowserClient();

        using var response = await browser.GetAsync("/Account/SignIn", TestContext.Current.CancellationToken);

        var fields = Html.PostFormFields(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(fields["__RequestVerificationToken"]));
        Assert.Contains("UserName", fields.Keys);
        Assert.Contains("Password", fields.Keys);
    }

    [Fact]
    public async Task SignIn_RightPassword_SetsTheSessionCookieAndRedirectsToTheOverview()
    {
        using var browser = app.CreateBrowserClient();

        using var response = await SignInAsync(browser, "isr-commander", app.User("isr-commander").Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("liaison=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Overview_SignedIn_ShowsTheMechanismTheUserAndThePartyCodes()
    {
        using var browser = app.CreateBrowserClient();
        using var signedIn = await SignInAsync(browser, "isr-commander", app.User("isr-commander").Password);
        var sizeBefore = await app.RecordSizeAsync();

        using var response = await browser.GetAsync("/", TestContext.Current.CancellationToken);
        var sizeAfter = await app.RecordSizeAsync();

        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var text = Html.Text(html);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Israel–Syria joint security coordination mechanism", Html.DirAutoTexts(html));
        Assert.Contains("Signed in as isr-commander of ISR (commander)", text, StringComparison.Ordinal);
        Assert.Contains("isr-commander · ISR", text, StringComparison.Ordinal);
        foreach (var party in new[] { "ISR", "SYR", "USA", "UNDOF" })
        {
            Assert.Contains($"<td>{party}</td>", html, StringComparison.Ordinal);
        }

        // The deadline service may record escalations at any moment (another test moved the clock), so the size shown
        // is the record's at some instant between the two reads.
        var shown = RecordSize().Match(html);
        Assert.True(shown.Success, "The overview shows no record size.");
        Assert.InRange(long.Parse(shown.Groups["size"].Value, CultureInfo.InvariantCulture), sizeBefore, sizeAfter);
    }

    [Fact]
    public async Task Overview_SignedIn_ShowsHebrewAndArabicStatementsInsideDirAutoElements()
    {
        await SubmitStatementAsync("isr-commander", HebrewSubject, HebrewBody, "he");
        await SubmitStatementAsync("syr-commander", ArabicSubject, ArabicBody, "ar");
        using var browser = app.CreateBrowserClient();
        using var signedIn = await SignInAsync(browser, "isr-commander", app.User("isr-commander").Password);

        using var response = await browser.GetAsync("/", TestContext.Current.CancellationToken);

        var texts = Html.DirAutoTexts(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"{HebrewSubject} — {HebrewBody}", texts);
        Assert.Contains($"{ArabicSubject} — {ArabicBody}", texts);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsAnErrorAndStartsNoSession()
    {
        using var browser = app.CreateBrowserClient();

        using var response = await SignInAsync(browser, "syr-duty", "not the password of syr-duty");
        using var overview = await browser.GetAsync("/", TestContext.Current.CancellationToken);

        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<p class=\"error\" role=\"alert\" data-testid=\"error\">The user name or password is wrong.</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("liaison=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, overview.StatusCode);
        Assert.Equal("/Account/SignIn", overview.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task SignIn_PostWithoutAntiforgeryToken_Returns400AndStartsNoSession()
    {
        using var browser = app.CreateBrowserClient();
        var user = app.User("isr-commander");

        using var response = await browser.PostAsync(
            "/Account/SignIn",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = user.UserName, ["Password"] = user.Password }),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("liaison=", StringComparison.Ordinal)));
    }

    /// <summary>Gets the sign-in page, then posts its form with the user name and password, as a browser does.</summary>
    internal static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string userName, string password)
    {
        using var page = await browser.GetAsync("/Account/SignIn", TestContext.Current.CancellationToken);
        var fields = Html.PostFormFields(await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return await browser.PostAsync("/Account/SignIn", Html.Post(fields, ("UserName", userName), ("Password", password)), TestContext.Current.CancellationToken);
    }

    private async Task SubmitStatementAsync(string author, string subject, string body, string lang)
    {
        using var client = app.CreateClientFor(author);
        var party = app.User(author).Party;
        var fields = LiaisonAppFixture.StatementFields(body, lang, subject);
        using var response = await client.SubmitEntryAsync(app.Sign(author, app.Payload(Domain.Entries.EntryTypes.StatementIssue, author, [party, party == "ISR" ? "SYR" : "ISR"], fields)));
        await response.ReadJsonAsync(HttpStatusCode.Created);
    }

    [GeneratedRegex("<strong data-testid=\"record-size\">(?<size>[0-9]+)</strong>", RegexOptions.CultureInvariant)]
    private static partial Regex RecordSize();
}
