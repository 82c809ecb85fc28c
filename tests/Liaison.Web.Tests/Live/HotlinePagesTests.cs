using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Liaison.Domain.Hotline;
using Liaison.Web.Pages.Hotline;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Live;

/// <summary>
/// The hotline pages over HTTP, as a signed-in member sees them (here with their access token): the inbox per channel
/// with precedence classes, deadlines and recipients' states, the channel's political status and last link test, and the
/// thread with every text exactly as written inside <c>dir="auto"</c> elements with its language.
/// </summary>
[Collection(nameof(LiaisonAppCollection))]
public sealed partial class HotlinePagesTests(LiaisonAppFixture app)
{
    private const string Security = "isr-syr-security";
    private const string Humanitarian = "isr-syr-humanitarian";
    private const string Commercial = "isr-syr-commercial";
    private static readonly string[] SecurityMembers = ["ISR", "SYR", "USA", "UNDOF"];
    private static readonly string[] TwoPartyMembers = ["ISR", "SYR", "USA"];

    [Fact]
    public async Task InboxPage_IsraeliFlash_RowWithFlashClassDeadlineAndCountdown()
    {
        var (seq, sentAt) = await SendAsync("isr-officer", MessageFields(Security, "FLASH"), SecurityMembers);

        var html = await PageAsync("syr-officer", "/Hotline?channel=" + Security);

        var row = Row(html, seq);
        var deadline = sentAt + TimeSpan.FromMinutes(5);
        Assert.Contains("class=\"message prec-flash\"", row, StringComparison.Ordinal);
        Assert.Contains("<span class=\"prec prec-flash\">FLASH</span>", row, StringComparison.Ordinal);
        Assert.Contains($"<time class=\"deadline\" datetime=\"{HotlineDisplay.Iso(deadline)}\" data-testid=\"deadline\">{HotlineDisplay.Utc(deadline)}</time>", row, StringComparison.Ordinal);
        Assert.Contains($"data-deadline=\"{HotlineDisplay.Iso(deadline)}\">{HotlineDisplay.Countdown(deadline, app.Time.GetUtcNow())}</span>", row, StringComparison.Ordinal);
        Assert.Contains("data-party=\"SYR\"", row, StringComparison.Ordinal);
        Assert.Contains(">sent</span>", row, StringComparison.Ordinal);
        Assert.Contains(AckButton(seq), row, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("IMMEDIATE", "prec-immediate")]
    [InlineData("PRIORITY", "prec-priority")]
    [InlineData("ROUTINE", "prec-routine")]
    public async Task InboxPage_EachPrecedence_RowCarriesItsClass(string precedence, string cssClass)
    {
        var (seq, _) = await SendAsync("isr-officer", MessageFields(Security, precedence), SecurityMembers);

        var row = Row(await PageAsync("syr-officer", "/Hotline?channel=" + Security), seq);

        Assert.Contains($"class=\"message {cssClass}\"", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InboxPage_AcknowledgedMessage_ShowsWhoAndWhenWithoutCountdownOrHint()
    {
        var (seq, _) = await SendAsync("isr-officer", MessageFields(Security, "FLASH"), SecurityMembers);
        await SubmitAsync("syr-officer", HotlineEntryTypes.MessageAck, SecurityMembers, new JsonObject { ["messageSeq"] = seq });

        var row = Row(await PageAsync("syr-officer", "/Hotline?channel=" + Security), seq);

        Assert.Contains("status-acknowledged", row, StringComparison.Ordinal);
        Assert.Contains("by syr-officer", Html.Text(row), StringComparison.Ordinal);
        Assert.DoesNotContain("data-deadline", row, StringComparison.Ordinal);
        Assert.DoesNotContain("data-action=\"ack\"", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InboxPage_Observer_SeesTheMessageButNoAcknowledgeHint()
    {
        var (seq, _) = await SendAsync("isr-officer", MessageFields(Security, "FLASH"), SecurityMembers);

        var row = Row(await PageAsync("undof-observer", "/Hotline?channel=" + Security), seq);

        Assert.DoesNotContain("data-action=\"ack\"", row, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("isr-officer")]
    [InlineData("syr-analyst")]
    public async Task InboxPage_SenderPartyOrRoleThatDoesNotAcknowledge_NoAcknowledgeButton(string viewer)
    {
        var (seq, _) = await SendAsync("isr-officer", MessageFields(Security, "FLASH"), SecurityMembers);

        var row = Row(await PageAsync(viewer, "/Hotline?channel=" + Security), seq);

        Assert.DoesNotContain("data-action=\"ack\"", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThreadPage_Recipient_AcknowledgeButtonReplyFormAndSigningScripts()
    {
        var (seq, _) = await SendAsync("isr-officer", MessageFields(Security, "PRIORITY"), SecurityMembers);

        var html = await PageAsync("syr-officer", $"/Hotline/Message?seq={seq}");

        Assert.Contains(AckButton(seq), html, StringComparison.Ordinal);
        Assert.Contains($"data-seq=\"{seq}\" data-channel=\"{Security}\" data-audience=\"ISR SYR USA UNDOF\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"PRIORITY\" selected=\"selected\">", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/js/signing.js\"></script>", html, StringComparison.Ordinal);
        Assert.Matches("<meta name=\"liaison-antiforgery\" content=\"[^\"]+\" />", html);
    }

    [Fact]
    public async Task ThreadPage_Observer_NeitherAcknowledgeButtonNorReplyForm()
    {
        var (seq, _) = await SendAsync("isr-officer", MessageFields(Security, "ROUTINE"), SecurityMembers);

        var html = await PageAsync("undof-observer", $"/Hotline/Message?seq={seq}");

        Assert.DoesNotContain("data-action=\"ack\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"reply-form\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThreadPage_Attachments_LinkedByHashWithNameAndSize()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(new string('x', 1532) + Guid.NewGuid().ToString("N")[..4]);
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        using (var uploader = app.CreateClientFor("isr-officer"))
        using (var upload = await uploader.PutAsync($"/api/v1/attachments/{sha256}", new ByteArrayContent(bytes), TestContext.Current.CancellationToken))
        {
            Assert.True(upload.IsSuccessStatusCode, $"Upload: {(int)upload.StatusCode}");
        }

        var fields = MessageFields(Security, "ROUTINE");
        fields["attachments"] = new JsonArray(new JsonObject { ["sha256"] = sha256, ["name"] = "خريطة الموقع.pdf", ["mediaType"] = "application/pdf", ["size"] = bytes.Length });
        var (seq, _) = await SendAsync("isr-officer", fields, SecurityMembers);

        var html = await PageAsync("syr-officer", $"/Hotline/Message?seq={seq}");

        Assert.Contains($"<a href=\"/api/v1/attachments/{sha256}\" download=\"خريطة الموقع.pdf\" type=\"application/pdf\"><span dir=\"auto\" class=\"user-text\">خريطة الموقع.pdf</span></a>", html, StringComparison.Ordinal);
        Assert.Contains("application/pdf, 1.5 KiB (1,536 bytes)", Html.Text(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InboxPage_Tabs_OnlyTheChannelsThePartyReads()
    {
        var syria = await PageAsync("syr-officer", "/Hotline");
        var undof = await PageAsync("undof-observer", "/Hotline");

        Assert.Equal(["isr-syr-security", "isr-syr-intelligence", "isr-syr-diplomatic", "isr-syr-humanitarian", "isr-syr-commercial"], Tabs(syria));
        Assert.Equal([Security], Tabs(undof));
        Assert.Contains("your party observes", Html.Text(undof), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Humanitarian)]
    [InlineData("no-such-channel")]
    public async Task InboxPage_ChannelThePartyDoesNotRead_NotFound(string channel)
    {
        using var client = app.CreateClientFor("undof-observer");

        using var response = await client.GetAsync("/Hotline?channel=" + channel, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task InboxPage_WithoutSession_RedirectsToSignIn()
    {
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync("/Hotline", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/SignIn", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task InboxPage_SuspensionThenResumption_PoliticalStatusWithReasonLineStillOpen()
    {
        const string reason = "تعليق المشاركة احتجاجاً على الغارات";
        await SubmitAsync("syr-commander", HotlineEntryTypes.ChannelSuspend, TwoPartyMembers, new JsonObject { ["channel"] = Commercial, ["reason"] = reason });

        var suspended = await PageAsync("isr-officer", "/Hotline?channel=" + Commercial);
        await SubmitAsync("syr-commander", HotlineEntryTypes.ChannelResume, TwoPartyMembers, new JsonObject { ["channel"] = Commercial, ["reason"] = "Resumed after consultations" });
        var resumed = await PageAsync("isr-officer", "/Hotline?channel=" + Commercial);

        Assert.Contains("SYR: suspended since", Flat(Political(suspended)), StringComparison.Ordinal);
        Assert.Contains("ISR: active", Flat(Political(suspended)), StringComparison.Ordinal);
        Assert.Contains(reason, Html.DirAutoTexts(Political(suspended)));
        Assert.Contains("open", Html.Text(suspended), StringComparison.Ordinal);
        Assert.Contains("SYR: active since", Flat(Political(resumed)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InboxPage_LinkTestAnsweredBySyrianClient_ShowsReceivedNotAcknowledged()
    {
        var before = await PageAsync("isr-officer", "/Hotline?channel=" + Commercial);
        var test = long.Parse(LinkTestSeq().Match(before).Groups["seq"].Value, System.Globalization.CultureInfo.InvariantCulture);

        await SubmitAsync("syr-officer", HotlineEntryTypes.LinkTestAnswer, TwoPartyMembers, new JsonObject { ["linkTestSeq"] = test });
        var after = await PageAsync("isr-officer", "/Hotline?channel=" + Commercial);

        var linkTest = Flat(LinkTest(after));
        Assert.Contains($"#{test} at", linkTest, StringComparison.Ordinal);
        Assert.Contains("SYR: received by a client, not acknowledged by anyone", linkTest, StringComparison.Ordinal);
        Assert.Contains("ISR: no answer", linkTest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThreadPage_HebrewMessageArabicReplyAndTranslation_EachTextExactlyAsWrittenInDirAuto()
    {
        const string subject = "אש ליד סווידא";
        const string body = "דווח על חילופי אש סמוך לסווידא. נא לאשר קבלה ולמנוע הסלמה.";
        const string replyBody = "تم الاستلام، نتحقق الآن من التقارير.";
        var (seq, _) = await SendAsync("isr-officer", MessageFields(Security, "FLASH", subject + " " + Guid.NewGuid().ToString("N")[..6], body, "he"), SecurityMembers);
        var reply = MessageFields(Security, "FLASH", "رد " + Guid.NewGuid().ToString("N")[..6], replyBody, "ar", "reply");
        reply["inReplyTo"] = seq;
        var (replySeq, _) = await SendAsync("syr-officer", reply, SecurityMembers);
        await SubmitAsync("syr-analyst", HotlineEntryTypes.MessageTranslate, SecurityMembers, new JsonObject
        {
            ["messageSeq"] = seq,
            ["lang"] = "ar",
            ["subject"] = "إطلاق نار قرب السويداء",
            ["body"] = "أُبلغ عن تبادل لإطلاق النار قرب السويداء.",
        });

        var html = await PageAsync("syr-officer", $"/Hotline/Message?seq={seq}");

        var texts = Html.DirAutoTexts(html);
        Assert.Contains(texts, t => t.StartsWith(subject, StringComparison.Ordinal));
        Assert.Contains(body, texts);
        Assert.Contains(replyBody, texts);
        Assert.Contains("أُبلغ عن تبادل لإطلاق النار قرب السويداء.", texts);
        Assert.Contains($"<div dir=\"auto\" lang=\"he\" class=\"user-text body\" data-testid=\"body\">{body}</div>", html, StringComparison.Ordinal);
        Assert.Contains($"<div dir=\"auto\" lang=\"ar\" class=\"user-text body\" data-testid=\"body\">{replyBody}</div>", html, StringComparison.Ordinal);
        Assert.Contains($"data-seq=\"{replySeq}\"", html, StringComparison.Ordinal);
        Assert.Contains("Translation into ar by syr-analyst (SYR)", Html.Text(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThreadPage_Reply_LinksBackToTheMessageItAnswers()
    {
        var (seq, _) = await SendAsync("isr-officer", MessageFields(Security, "IMMEDIATE"), SecurityMembers);
        var reply = MessageFields(Security, "IMMEDIATE", template: "reply");
        reply["inReplyTo"] = seq;
        var (replySeq, _) = await SendAsync("syr-officer", reply, SecurityMembers);

        var html = await PageAsync("isr-officer", $"/Hotline/Message?seq={replySeq}");

        Assert.Contains($"In reply to #{seq}", Html.Text(html), StringComparison.Ordinal);
        Assert.Contains($"href=\"/Hotline/Message?seq={seq}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InboxPage_RequestForExplanation_ReplyCountdownUntilRepliedThenTheReply()
    {
        var request = MessageFields(Security, "IMMEDIATE", template: "request-for-explanation");
        request["reference"] = "Air activity over Quneitra";
        request["question"] = "Which activity was this?";
        var (seq, sentAt) = await SendAsync("syr-officer", request, SecurityMembers);
        var before = Row(await PageAsync("syr-officer", "/Hotline?channel=" + Security), seq);
        var reply = MessageFields(Security, "IMMEDIATE", template: "reply");
        reply["inReplyTo"] = seq;
        var (replySeq, _) = await SendAsync("isr-officer", reply, SecurityMembers);

        var after = Row(await PageAsync("syr-officer", "/Hotline?channel=" + Security), seq);

        Assert.Contains($"data-deadline=\"{HotlineDisplay.Iso(sentAt + TimeSpan.FromHours(48))}\"", before, StringComparison.Ordinal);
        Assert.Contains("ISR reply due", Html.Text(before), StringComparison.Ordinal);
        Assert.Contains("ISR replied at", Html.Text(after), StringComparison.Ordinal);
        Assert.Contains($"#{replySeq}", Html.Text(after), StringComparison.Ordinal);
        Assert.Contains("status-acknowledged", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThreadPage_MessageNotAddressedToTheParty_NotFound()
    {
        var (seq, _) = await SendAsync("isr-officer", MessageFields(Humanitarian, "ROUTINE"), TwoPartyMembers);
        using var client = app.CreateClientFor("undof-observer");

        using var response = await client.GetAsync($"/Hotline/Message?seq={seq}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Pages_LiveScripts_ServedFromTheApp()
    {
        using var client = app.CreateApiClient();

        using var signalr = await client.GetAsync("/lib/signalr/signalr.min.js", TestContext.Current.CancellationToken);
        using var hotline = await client.GetAsync("/js/hotline.js", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, signalr.StatusCode);
        Assert.Equal(HttpStatusCode.OK, hotline.StatusCode);
        Assert.Contains("HubConnectionBuilder", await signalr.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("/hubs/hotline", await PageAsync("syr-officer", "/Hotline"), StringComparison.Ordinal);
    }

    private static string AckButton(long seq) => $"<button type=\"button\" class=\"ack\" data-action=\"ack\" data-seq=\"{seq}\" data-testid=\"ack\">Acknowledge</button>";

    private static JsonObject MessageFields(string channel, string precedence, string? subject = null, string body = "Artillery fire observed near Suwayda.", string lang = "en", string template = "free-text") => new()
    {
        ["channel"] = channel,
        ["precedence"] = precedence,
        ["template"] = template,
        ["subject"] = subject ?? "Page test " + Guid.NewGuid().ToString("N"),
        ["body"] = body,
        ["lang"] = lang,
    };

    private async Task<(long Seq, DateTimeOffset ServerTime)> SendAsync(string author, JsonObject fields, string[] audience)
    {
        using var client = app.CreateClientFor(author);
        using var response = await client.SubmitEntryAsync(app.Sign(author, app.Payload(HotlineEntryTypes.MessageSend, author, audience, fields)));
        var accepted = await response.ReadJsonAsync(HttpStatusCode.Created);
        return (accepted.GetProperty("seq").GetInt64(), accepted.GetProperty("serverTime").GetDateTimeOffset());
    }

    private async Task SubmitAsync(string author, string type, string[] audience, JsonObject fields)
    {
        using var client = app.CreateClientFor(author);
        using var response = await client.SubmitEntryAsync(app.Sign(author, app.Payload(type, author, audience, fields)));
        await response.ReadJsonAsync(HttpStatusCode.Created);
    }

    private async Task<string> PageAsync(string viewer, string path)
    {
        using var client = app.CreateClientFor(viewer);
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} as {viewer}: {(int)response.StatusCode} {html}");
        return html;
    }

    /// <summary>The inbox row of message <paramref name="seq"/>.</summary>
    private static string Row(string html, long seq)
    {
        var match = Regex.Match(html, $"<tr [^>]*data-seq=\"{seq}\".*?</tr>", RegexOptions.Singleline | RegexOptions.CultureInvariant);
        Assert.True(match.Success, $"No row for message {seq}.");
        return match.Value;
    }

    /// <summary>The text of some HTML, without the space a closing tag leaves before a colon ("SYR: active").</summary>
    private static string Flat(string html) => Html.Text(html).Replace(" :", ":", StringComparison.Ordinal);

    private static List<string> Tabs(string html) => [.. TabPattern().Matches(html).Select(m => m.Groups["channel"].Value)];

    private static string Political(string html) => Regex.Match(html, "<ul class=\"plain\" data-testid=\"political\">.*?</ul>", RegexOptions.Singleline | RegexOptions.CultureInvariant).Value;

    private static string LinkTest(string html) => Regex.Match(html, "<dd data-testid=\"link-test\">.*?</dd>", RegexOptions.Singleline | RegexOptions.CultureInvariant).Value;

    [GeneratedRegex("<a [^>]*class=\"tab[^\"]*\"[^>]*data-channel=\"(?<channel>[^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex TabPattern();

    [GeneratedRegex("<dd data-testid=\"link-test\">\\s*<span data-role=\"link-test-when\">\\s*#(?<seq>\\d+) at", RegexOptions.CultureInvariant)]
    private static partial Regex LinkTestSeq();
}
