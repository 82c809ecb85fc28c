using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Domain.Hotline;
using Liaison.Features.Identity;
using Liaison.Web.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Liaison.Web.Tests.Live;

/// <summary>
/// Live delivery through the real app: real SignalR clients of <c>/hubs/hotline</c> receive each committed hotline entry
/// addressed to their party, and nothing else. Messages are signed entries on <c>POST /api/v1/entries</c>; tests find
/// their own messages by the sequence numbers the server answered.
/// </summary>
[Collection(nameof(LiaisonAppCollection))]
public sealed class HotlineLiveTests(LiaisonAppFixture app)
{
    private const string Security = "isr-syr-security";
    private const string Humanitarian = "isr-syr-humanitarian";
    private static readonly string[] SecurityMembers = ["ISR", "SYR", "USA", "UNDOF"];
    private static readonly string[] HumanitarianMembers = ["ISR", "SYR", "USA"];

    [Fact]
    public async Task Push_IsraeliFlashOnSecurityChannel_SyrianClientReceivesItWithinSeconds()
    {
        await using var syria = await LiveClient.ConnectAsync(app, "syr-officer");
        var subject = "Live FLASH " + Guid.NewGuid().ToString("N");

        var (seq, sentAt) = await SendAsync("isr-officer", Security, SecurityMembers, subject);

        var pushed = await syria.WaitForEntryAsync(seq);
        Assert.Equal(HotlineEntryTypes.MessageSend, pushed.GetProperty("type").GetString());
        Assert.Equal(Security, pushed.GetProperty("channel").GetString());
        Assert.Equal("FLASH", pushed.GetProperty("precedence").GetString());
        Assert.Equal(subject, pushed.GetProperty("subject").GetString());
        Assert.Equal("ISR", pushed.GetProperty("sender").GetString());
        Assert.Equal("isr-officer", pushed.GetProperty("author").GetString());
        Assert.Equal(seq, pushed.GetProperty("messageSeq").GetInt64());
        Assert.Equal("sent", pushed.GetProperty("status").GetString());
        Assert.Equal(sentAt, pushed.GetProperty("at").GetDateTimeOffset());
        Assert.Equal(sentAt + TimeSpan.FromMinutes(5), pushed.GetProperty("deadline").GetDateTimeOffset());
        Assert.False(pushed.TryGetProperty("body", out _), "The push carries no body: it is read from the entry.");
    }

    [Fact]
    public async Task Push_MessageOnChannelTheObserverDoesNotRead_ObserverNeverReceivesIt()
    {
        await using var syria = await LiveClient.ConnectAsync(app, "syr-officer");
        await using var undof = await LiveClient.ConnectAsync(app, "undof-observer");

        var (hidden, _) = await SendAsync("isr-officer", Humanitarian, HumanitarianMembers);
        var (seen, _) = await SendAsync("isr-officer", Security, SecurityMembers);

        // Entries are pushed in sequence order, so once the later one has arrived the earlier one would have too.
        await syria.WaitForEntryAsync(hidden);
        await syria.WaitForEntryAsync(seen);
        await undof.WaitForEntryAsync(seen);
        Assert.DoesNotContain(undof.Received, e => e.GetProperty("seq").GetInt64() == hidden);
        Assert.DoesNotContain(undof.Received, e => e.GetProperty("channel").GetString() == Humanitarian);
    }

    [Fact]
    public async Task Push_ClientConfirmsDeliveryThenOfficerAcknowledges_SenderSeesBothApart()
    {
        await using var israel = await LiveClient.ConnectAsync(app, "isr-officer");
        await using var syria = await LiveClient.ConnectAsync(app, "syr-officer");
        var (seq, _) = await SendAsync("isr-officer", Security, SecurityMembers);
        await syria.WaitForEntryAsync(seq);

        var delivered = await SubmitAsync("syr-officer", HotlineEntryTypes.MessageDelivered, SecurityMembers, new JsonObject { ["messageSeq"] = seq });
        var deliveredPush = await israel.WaitForEntryAsync(delivered);
        var acknowledged = await SubmitAsync("syr-officer", HotlineEntryTypes.MessageAck, SecurityMembers, new JsonObject { ["messageSeq"] = seq });
        var acknowledgedPush = await israel.WaitForEntryAsync(acknowledged);

        Assert.Equal(HotlineEntryTypes.MessageDelivered, deliveredPush.GetProperty("type").GetString());
        Assert.Equal(seq, deliveredPush.GetProperty("messageSeq").GetInt64());
        Assert.Equal("SYR", deliveredPush.GetProperty("party").GetString());
        Assert.Equal("delivered", deliveredPush.GetProperty("status").GetString());
        Assert.Equal(HotlineEntryTypes.MessageAck, acknowledgedPush.GetProperty("type").GetString());
        Assert.Equal("SYR", acknowledgedPush.GetProperty("party").GetString());
        Assert.Equal("acknowledged", acknowledgedPush.GetProperty("status").GetString());
        Assert.False(acknowledgedPush.GetProperty("late").GetBoolean());
        var recipient = Assert.Single((await MessageAsync("isr-officer", seq)).GetProperty("recipients").EnumerateArray());
        Assert.NotEqual(JsonValueKind.Null, recipient.GetProperty("deliveredAt").ValueKind);
        Assert.Equal("syr-officer", recipient.GetProperty("acknowledgedBy").GetString());
    }

    [Fact]
    public async Task Push_FlashUnansweredAtItsDeadline_ConvenerAndRecipientReceiveTheEscalation()
    {
        await using var syria = await LiveClient.ConnectAsync(app, "syr-officer");
        await using var convener = await LiveClient.ConnectAsync(app, "usa-mediator");
        var (seq, sentAt) = await SendAsync("isr-officer", Security, SecurityMembers);

        var escalation = await WaitForServerStepAsync(convener, HotlineEntryTypes.HotlineEscalate, seq, sentAt + TimeSpan.FromMinutes(5));

        Assert.Equal("server", escalation.GetProperty("author").GetString());
        Assert.Equal("SYR", escalation.GetProperty("party").GetString());
        Assert.Equal("escalated", escalation.GetProperty("status").GetString());
        Assert.Equal(sentAt + TimeSpan.FromMinutes(5), escalation.GetProperty("deadline").GetDateTimeOffset());
        Assert.Contains("FLASH", escalation.GetProperty("reason").GetString(), StringComparison.Ordinal);
        await syria.WaitForEntryAsync(escalation.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task Connect_WebSocketWithTokenOnlyInQuery_Receives()
    {
        await using var syria = await LiveClient.ConnectAsync(app, "syr-officer", HttpTransportType.WebSockets);

        var (seq, _) = await SendAsync("isr-officer", Security, SecurityMembers);

        Assert.Equal(Security, (await syria.WaitForEntryAsync(seq)).GetProperty("channel").GetString());
    }

    [Fact]
    public async Task Connect_BrowserSessionCookie_Receives()
    {
        await using var syria = LiveClient.Create(app, token: null, headers: new Dictionary<string, string> { ["Cookie"] = await SessionCookieAsync("syr-duty") });
        await syria.StartAsync();

        var (seq, _) = await SendAsync("isr-officer", Security, SecurityMembers);

        await syria.WaitForEntryAsync(seq);
    }

    [Theory]
    [InlineData(HttpTransportType.LongPolling)]
    [InlineData(HttpTransportType.WebSockets)]
    public async Task Connect_WithoutCredentials_RefusedAsUnauthenticated(HttpTransportType transport)
    {
        await using var stranger = LiveClient.Create(app, token: null, transport);

        var refused = await Assert.ThrowsAnyAsync<Exception>(stranger.StartAsync);

        Assert.Equal(HttpStatusCode.Unauthorized, LiveClient.StatusOf(refused) ?? StatusOfWebSocketRefusal(refused));
    }

    [Fact]
    public async Task Connect_UnknownToken_RefusedAsUnauthenticated()
    {
        await using var stranger = LiveClient.Create(app, "lia_" + new string('x', 43));

        var refused = await Assert.ThrowsAsync<HttpRequestException>(stranger.StartAsync);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task AccessTokenInQuery_OutsideTheHub_Ignored()
    {
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync("/api/v1/hotline/messages?access_token=" + Uri.EscapeDataString(app.User("syr-officer").Token), TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "authentication-required");
    }

    /// <summary>
    /// The session cookie the sign-in page would set for <paramref name="userName"/>, made with the app's own cookie
    /// format: the sign-in form is rate-limited per client address, and the other tests use that allowance.
    /// </summary>
    private async Task<string> SessionCookieAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LiaisonUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<LiaisonUser>>();
        var principal = await signIn.CreateUserPrincipalAsync((await users.FindByNameAsync(userName))!);
        var cookie = scope.ServiceProvider.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var now = app.Time.GetUtcNow();
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + TimeSpan.FromHours(1) }, IdentityConstants.ApplicationScheme);
        return $"{cookie.Cookie.Name}={cookie.TicketDataFormat.Protect(ticket)}";
    }

    /// <summary>TestServer's WebSocket client reports a refused upgrade as "Incomplete handshake, status code: 401".</summary>
    private static HttpStatusCode? StatusOfWebSocketRefusal(Exception refused) =>
        refused is InvalidOperationException && refused.Message.EndsWith("status code: 401", StringComparison.Ordinal) ? HttpStatusCode.Unauthorized : null;

    /// <summary>
    /// Moves the fake clock to <paramref name="dueAt"/> and waits for the push of the server's <paramref name="type"/> entry
    /// about message <paramref name="seq"/>, nudging the clock by the deadline service's interval now and then (a pass under
    /// way when the clock moved waits a whole interval of fake time).
    /// </summary>
    private async Task<JsonElement> WaitForServerStepAsync(LiveClient client, string type, long seq, DateTimeOffset dueAt)
    {
        var now = app.Time.GetUtcNow();
        if (dueAt > now)
        {
            app.Time.Advance(dueAt - now);
        }

        for (var attempt = 0; attempt < 30; attempt++)
        {
            try
            {
                return await client.WaitForAsync(e => e.GetProperty("type").GetString() == type && e.GetProperty("messageSeq").GetInt64() == seq, TimeSpan.FromMilliseconds(500));
            }
            catch (Xunit.Sdk.FailException)
            {
                app.Time.Advance(TimeSpan.FromSeconds(2));
            }
        }

        return await client.WaitForAsync(e => e.GetProperty("type").GetString() == type && e.GetProperty("messageSeq").GetInt64() == seq);
    }

    private async Task<(long Seq, DateTimeOffset ServerTime)> SendAsync(string author, string channel, string[] audience, string? subject = null)
    {
        var fields = new JsonObject
        {
            ["channel"] = channel,
            ["precedence"] = "FLASH",
            ["template"] = "free-text",
            ["subject"] = subject ?? "Live test " + Guid.NewGuid().ToString("N"),
            ["body"] = "Artillery fire observed near Suwayda.",
            ["lang"] = "en",
        };
        using var client = app.CreateClientFor(author);
        using var response = await client.SubmitEntryAsync(app.Sign(author, app.Payload(HotlineEntryTypes.MessageSend, author, audience, fields)));
        var accepted = await response.ReadJsonAsync(HttpStatusCode.Created);
        return (accepted.GetProperty("seq").GetInt64(), accepted.GetProperty("serverTime").GetDateTimeOffset());
    }

    private async Task<long> SubmitAsync(string author, string type, string[] audience, JsonObject fields)
    {
        using var client = app.CreateClientFor(author);
        using var response = await client.SubmitEntryAsync(app.Sign(author, app.Payload(type, author, audience, fields)));
        return (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("seq").GetInt64();
    }

    private async Task<JsonElement> MessageAsync(string viewer, long seq)
    {
        using var client = app.CreateClientFor(viewer);
        using var response = await client.GetAsync("/api/v1/hotline/messages?channel=" + Security, TestContext.Current.CancellationToken);
        return Assert.Single((await response.ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray(), m => m.GetProperty("seq").GetInt64() == seq);
    }
}
