using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liaison.UI.Tests;

/// <summary>
/// Issue #4's "done when", in Chromium: an Israeli officer sends a FLASH from the command line, and a Syrian officer
/// signed in to the web UI, with a signing key made in their browser and enrolled by their party's administrator, sees it
/// arrive live with its countdown and acknowledges it; what the page shows when the server refuses an action; and an
/// administrator enrolling a key from their browser, whose holder then replies from the thread page.
/// </summary>
[Collection(nameof(LiaisonUiCollection))]
public sealed partial class HotlineAcknowledgementTests(LiaisonUi ui)
{
    private const string Channel = "isr-syr-security";

    [Fact]
    public async Task FlashFromTheCli_ArrivesLiveWithCountdown_SyrianOfficerAcknowledgesWithBrowserKey()
    {
        ui.RequireBrowser();
        await using var browser = await ui.SignInAsync("syr-officer");
        var page = browser.Pages[0];
        var keyId = await CreateBrowserKeyAsync(page);
        var enrolled = await ui.CliAsync("--profile", "syr-admin", "keys", "enroll", keyId);
        Assert.True(enrolled.ExitCode == 0, $"keys enroll: {enrolled.Err}");
        await page.GetByTestId("refresh-key").ClickAsync();
        await Expect(page.GetByTestId("key-state")).ToHaveAttributeAsync("data-state", "enrolled");
        await page.GotoAsync("/Hotline?channel=" + Channel);
        await Expect(page.GetByTestId("live-state")).ToHaveTextAsync("live");

        var seq = await SendFlashFromCliAsync();

        var row = page.Locator($"tr[data-seq=\"{seq}\"]");
        var syria = row.Locator(".recipient[data-party=\"SYR\"]");
        var countdown = syria.Locator(".countdown");
        await Expect(row).ToHaveClassAsync(FlashClass());
        await Expect(countdown).ToHaveTextAsync(CountdownPattern());
        var first = await countdown.TextContentAsync();
        await Expect(countdown).Not.ToHaveTextAsync(first!);
        await syria.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(syria.Locator("[data-role=\"status\"]")).ToHaveTextAsync("acknowledged");
        await Expect(syria).ToContainTextAsync("by syr-officer");
        await Expect(syria.Locator(".countdown")).ToHaveCountAsync(0);
        await Expect(syria.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" })).ToHaveCountAsync(0);

        var recipient = await RecipientAsync(seq, "SYR");
        Assert.Equal("acknowledged", recipient.GetProperty("status").GetString());
        Assert.Equal("syr-officer", recipient.GetProperty("acknowledgedBy").GetString());
        var ack = await AcknowledgementEntryAsync(seq);
        Assert.Equal(keyId, ack.GetProperty("keyId").GetString());
        Assert.Equal("syr-officer", ack.GetProperty("author").GetString());
    }

    [Fact]
    public async Task Acknowledge_WithAPendingBrowserKey_RefusalShownAndNothingRecorded()
    {
        ui.RequireBrowser();
        await using var browser = await ui.SignInAsync("syr-duty");
        var page = browser.Pages[0];
        var keyId = await CreateBrowserKeyAsync(page);
        await page.GotoAsync("/Hotline?channel=" + Channel);
        await Expect(page.GetByTestId("live-state")).ToHaveTextAsync("live");
        var seq = await SendFlashFromCliAsync();
        var syria = page.Locator($"tr[data-seq=\"{seq}\"] .recipient[data-party=\"SYR\"]");

        await syria.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();

        var error = syria.GetByRole(AriaRole.Alert);
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync($"Key {keyId} is awaiting enrolment by an administrator of your party.");
        await Expect(syria.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" })).ToBeEnabledAsync();
        await Expect(syria.Locator("[data-role=\"status\"]")).ToHaveTextAsync("sent");
        Assert.Equal("sent", (await RecipientAsync(seq, "SYR")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AdministratorEnrolsFromTheBrowser_ThenTheCommanderRepliesFromTheThread()
    {
        ui.RequireBrowser();
        await using var administrator = await ui.SignInAsync("syr-admin");
        var adminPage = administrator.Pages[0];
        var adminKey = await CreateBrowserKeyAsync(adminPage);
        var enrolled = await ui.CliAsync("--profile", "syr-admin", "keys", "enroll", adminKey);
        Assert.True(enrolled.ExitCode == 0, $"keys enroll: {enrolled.Err}");
        await using var commander = await ui.SignInAsync("syr-commander");
        var page = commander.Pages[0];
        var commanderKey = await CreateBrowserKeyAsync(page);
        await adminPage.ReloadAsync();
        var pending = adminPage.Locator($"tr[data-key-id=\"{commanderKey}\"]");
        await Expect(pending).ToContainTextAsync("syr-commander");

        await pending.GetByRole(AriaRole.Button, new() { Name = "Enrol" }).ClickAsync();
        await Expect(pending).ToContainTextAsync("enrolled by entry #");
        await page.GetByTestId("refresh-key").ClickAsync();
        await Expect(page.GetByTestId("key-state")).ToHaveAttributeAsync("data-state", "enrolled");
        var seq = await SendFlashFromCliAsync();
        await page.GotoAsync($"/Hotline/Message?seq={seq}");
        await page.GetByTestId("reply-body").FillAsync("تم الاستلام، نتحقق الآن من التقارير.");
        await page.GetByLabel("Language").FillAsync("ar");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign and send the reply" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Reply sent as" })).ToBeVisibleAsync();
        var recipient = await RecipientAsync(seq, "SYR");
        Assert.Equal("acknowledged", recipient.GetProperty("status").GetString());
        Assert.Equal("syr-commander", recipient.GetProperty("acknowledgedBy").GetString());
    }

    /// <summary>Makes this browser's signing key on the Signing key page; returns its id once the page shows it pending.</summary>
    private async Task<string> CreateBrowserKeyAsync(IPage page)
    {
        await page.GotoAsync("/Account/SigningKey");
        await Expect(page.GetByTestId("key-state")).ToHaveAttributeAsync("data-state", "none");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a signing key in this browser" }).ClickAsync();
        await Expect(page.GetByTestId("key-state")).ToHaveAttributeAsync("data-state", "pending");
        var keyId = await page.GetByTestId("key-id").TextContentAsync();
        Assert.Matches("^[0-9a-f]{32}$", keyId);
        await Expect(page.GetByTestId("enrol-command")).ToHaveTextAsync($"liaison --profile syr-admin keys enroll {keyId}");
        return keyId!;
    }

    private async Task<long> SendFlashFromCliAsync()
    {
        var subject = "אש ליד סווידא " + Guid.NewGuid().ToString("N")[..8];
        var sent = await ui.CliAsync("--profile", "isr-officer", "--json", "send", "--channel", Channel, "--precedence", "FLASH",
            "--subject", subject, "--body", "דווח על חילופי אש סמוך לסווידא.", "--lang", "he");
        Assert.True(sent.ExitCode == 0, $"send: {sent.Err}");
        using var json = JsonDocument.Parse(sent.Out);
        return json.RootElement.GetProperty("seq").GetInt64();
    }

    private async Task<JsonElement> RecipientAsync(long seq, string party)
    {
        using var client = ui.ApiClient("syr-commander");
        var inbox = await client.GetFromJsonAsync<JsonElement>($"/api/v1/hotline/messages?channel={Channel}", TestContext.Current.CancellationToken);
        var message = inbox.EnumerateArray().Single(m => m.GetProperty("seq").GetInt64() == seq);
        return message.GetProperty("recipients").EnumerateArray().Single(r => r.GetProperty("party").GetString() == party);
    }

    private async Task<JsonElement> AcknowledgementEntryAsync(long seq)
    {
        using var client = ui.ApiClient("syr-commander");
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/entries?type=message.ack&newest=true&limit=50", TestContext.Current.CancellationToken);
        return page.GetProperty("entries").EnumerateArray().Single(e =>
        {
            using var payload = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(e.GetProperty("payload").GetString()!)));
            return payload.RootElement.GetProperty("messageSeq").GetInt64() == seq;
        });
    }

    /// <summary>A FLASH's countdown while it runs: <c>4:59 left</c> (HotlineDisplay.Countdown). No options: Playwright passes them to the browser.</summary>
    [GeneratedRegex("^[0-4]:[0-5][0-9] left$")]
    private static partial Regex CountdownPattern();

    /// <summary>Playwright passes a pattern's options to the browser, which knows none of .NET's culture flags.</summary>
    [GeneratedRegex("(^| )prec-flash( |$)")]
    private static partial Regex FlashClass();
}
