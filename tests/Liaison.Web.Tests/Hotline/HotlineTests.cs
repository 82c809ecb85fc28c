using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Domain.Hotline;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Hotline;

/// <summary>
/// The hotline through the real app: messages, acknowledgements and replies are signed entries on
/// <c>POST /api/v1/entries</c>, read back from <c>GET /api/v1/hotline/messages</c>. Sending and acknowledging here;
/// refusals and deadlines in the other parts of this class. Every test works on messages it sent itself and reads times
/// from the message, never from absolute sequence numbers or the clock's start.
/// </summary>
[Collection(nameof(LiaisonAppCollection))]
public sealed partial class HotlineTests(LiaisonAppFixture app)
{
    private const string Security = "isr-syr-security";

    /// <summary>The security channel's parties and observers: the only audience an entry on it may have.</summary>
    private static readonly string[] SecurityMembers = ["ISR", "SYR", "USA", "UNDOF"];

    [Fact]
    public async Task Send_FlashByIsraeliOfficer_InSyriasInboxAsSentWithFiveMinuteDeadline()
    {
        var subject = UniqueSubject();

        var seq = await SendAsync("isr-officer", MessageFields(subject: subject, body: "אש ארטילרית ליד סווידה", lang: "he"));

        var message = await MessageAsync("syr-officer", seq);
        var sentAt = message.GetProperty("sentAt").GetDateTimeOffset();
        Assert.Equal(Security, message.GetProperty("channel").GetString());
        Assert.Equal("FLASH", message.GetProperty("precedence").GetString());
        Assert.Equal("free-text", message.GetProperty("template").GetString());
        Assert.Equal(subject, message.GetProperty("subject").GetString());
        Assert.Equal("he", message.GetProperty("lang").GetString());
        Assert.Equal("isr-officer", message.GetProperty("from").GetString());
        Assert.Equal("ISR", message.GetProperty("fromParty").GetString());
        Assert.Equal(SecurityMembers, message.GetProperty("audience").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("sent", message.GetProperty("status").GetString());
        Assert.Equal(sentAt + TimeSpan.FromMinutes(5), message.GetProperty("acknowledgementDeadline").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("replyDeadline").ValueKind);
        var recipient = Assert.Single(message.GetProperty("recipients").EnumerateArray());
        Assert.Equal("SYR", recipient.GetProperty("party").GetString());
        Assert.Equal("sent", recipient.GetProperty("status").GetString());
        Assert.Equal((await EntryAsync(seq)).GetProperty("serverTime").GetDateTimeOffset(), sentAt);
    }

    [Theory]
    [InlineData("isr-officer")]
    [InlineData("usa-mediator")]
    [InlineData("undof-observer")]
    public async Task Inbox_MessageOnSecurityChannel_SeenByEveryMember(string viewer)
    {
        var seq = await SendAsync("isr-officer", MessageFields());

        var message = await MessageAsync(viewer, seq);

        Assert.Equal("sent", message.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Inbox_ChannelFilter_ListsOnlyThatChannelNewestFirst()
    {
        var first = await SendAsync("isr-officer", MessageFields());
        var second = await SendAsync("syr-officer", MessageFields());
        var elsewhere = await SendAsync("isr-officer", MessageFields(channel: "isr-syr-humanitarian"), ["ISR", "SYR", "USA"]);

        var inbox = await InboxAsync("syr-officer", Security);

        var seqs = inbox.Select(m => m.GetProperty("seq").GetInt64()).ToList();
        Assert.All(inbox, m => Assert.Equal(Security, m.GetProperty("channel").GetString()));
        Assert.DoesNotContain(elsewhere, seqs);
        Assert.True(seqs.IndexOf(second) < seqs.IndexOf(first), "The newest message comes first.");
        Assert.Equal(seqs.OrderDescending(), seqs);
    }

    [Fact]
    public async Task Ack_BySyriaBeforeDeadline_AcknowledgedInTime()
    {
        var seq = await SendAsync("isr-officer", MessageFields());
        using var client = app.CreateClientFor("syr-officer");

        using var response = await client.SubmitEntryAsync(Ack("syr-officer", seq));

        var accepted = await response.ReadJsonAsync(HttpStatusCode.Created);
        var message = await MessageAsync("syr-officer", seq);
        var recipient = Assert.Single(message.GetProperty("recipients").EnumerateArray());
        Assert.Equal("acknowledged", message.GetProperty("status").GetString());
        Assert.Equal("acknowledged", recipient.GetProperty("status").GetString());
        Assert.Equal("syr-officer", recipient.GetProperty("acknowledgedBy").GetString());
        Assert.Equal(accepted.GetProperty("serverTime").GetDateTimeOffset(), recipient.GetProperty("acknowledgedAt").GetDateTimeOffset());
        Assert.False(recipient.GetProperty("late").GetBoolean());
        Assert.True(recipient.GetProperty("acknowledgedAt").GetDateTimeOffset() < message.GetProperty("acknowledgementDeadline").GetDateTimeOffset());
    }

    [Fact]
    public async Task Reply_BySyria_NamesTheOriginalAndAcknowledgesIt()
    {
        var seq = await SendAsync("isr-officer", MessageFields());
        var reply = MessageFields(template: "reply", body: "تم الاستلام، نتحقق الآن", lang: "ar");
        reply["inReplyTo"] = seq;

        var replySeq = await SendAsync("syr-officer", reply);

        var original = await MessageAsync("isr-officer", seq);
        var answer = await MessageAsync("isr-officer", replySeq);
        Assert.Equal(seq, answer.GetProperty("inReplyTo").GetInt64());
        Assert.Equal("reply", answer.GetProperty("template").GetString());
        Assert.Equal("ar", answer.GetProperty("lang").GetString());
        Assert.Equal([replySeq], original.GetProperty("replies").EnumerateArray().Select(r => r.GetInt64()));
        Assert.Equal("acknowledged", original.GetProperty("status").GetString());
        var recipient = Assert.Single(original.GetProperty("recipients").EnumerateArray());
        Assert.Equal("syr-officer", recipient.GetProperty("acknowledgedBy").GetString());
    }

    private static string UniqueSubject() => "Hotline test " + Guid.NewGuid().ToString("N");

    /// <summary>
    /// The fields of a <c>message.send</c>; the subject is unique unless given, because the clock may stand still and two
    /// equal payloads would be one entry and a duplicate.
    /// </summary>
    private static JsonObject MessageFields(
        string channel = Security,
        string precedence = "FLASH",
        string template = "free-text",
        string? subject = null,
        string body = "Artillery fire observed near Suwayda.",
        string lang = "en") => new()
        {
            ["channel"] = channel,
            ["precedence"] = precedence,
            ["template"] = template,
            ["subject"] = subject ?? UniqueSubject(),
            ["body"] = body,
            ["lang"] = lang,
        };

    private Features.Entries.SignedEntry Message(string author, JsonObject fields, IEnumerable<string>? audience = null) =>
        app.Sign(author, app.Payload(HotlineEntryTypes.MessageSend, author, audience ?? SecurityMembers, fields));

    /// <summary>A <c>message.ack</c>; a later <paramref name="clientTime"/> makes a second one that is not a duplicate payload.</summary>
    private Features.Entries.SignedEntry Ack(string author, long seq, IEnumerable<string>? audience = null, DateTimeOffset? clientTime = null) =>
        app.Sign(author, app.Payload(HotlineEntryTypes.MessageAck, author, audience ?? SecurityMembers, new JsonObject { ["messageSeq"] = seq }, clientTime));

    /// <summary>Sends a message as <paramref name="author"/>, asserts it was accepted and returns its sequence number.</summary>
    private async Task<long> SendAsync(string author, JsonObject fields, IEnumerable<string>? audience = null)
    {
        using var client = app.CreateClientFor(author);
        using var response = await client.SubmitEntryAsync(Message(author, fields, audience));
        return (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("seq").GetInt64();
    }

    private async Task<List<JsonElement>> InboxAsync(string viewer, string? channel = null)
    {
        using var client = app.CreateClientFor(viewer);
        using var response = await client.GetAsync("/api/v1/hotline/messages" + (channel is null ? string.Empty : "?channel=" + Uri.EscapeDataString(channel)), TestContext.Current.CancellationToken);
        return [.. (await response.ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray()];
    }

    /// <summary>Message <paramref name="seq"/> as <paramref name="viewer"/>'s inbox of the security channel shows it.</summary>
    private async Task<JsonElement> MessageAsync(string viewer, long seq, string channel = Security)
    {
        var inbox = await InboxAsync(viewer, channel);
        return Assert.Single(inbox, m => m.GetProperty("seq").GetInt64() == seq);
    }

    private async Task<JsonElement> EntryAsync(long seq)
    {
        using var client = app.CreateClientFor("usa-mediator");
        using var response = await client.GetAsync($"/api/v1/entries/{seq}", TestContext.Current.CancellationToken);
        return await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    /// <summary>The entries of <paramref name="type"/> after <paramref name="after"/>, each with its decoded payload, as the convener sees them.</summary>
    private async Task<List<(JsonElement Entry, JsonElement Payload)>> EntriesAsync(string type, long after)
    {
        using var client = app.CreateClientFor("usa-mediator");
        using var response = await client.GetAsync($"/api/v1/entries?after={after}&type={Uri.EscapeDataString(type)}&limit=500", TestContext.Current.CancellationToken);
        var page = await response.ReadJsonAsync(HttpStatusCode.OK);
        return
        [
            .. page.GetProperty("entries").EnumerateArray().Select(e =>
            {
                using var payload = JsonDocument.Parse(Convert.FromBase64String(e.GetProperty("payload").GetString()!));
                return (e, payload.RootElement.Clone());
            }),
        ];
    }

    /// <summary>
    /// Nothing the refused user submitted was stored. The record's size is unchanged, except for entries the server itself
    /// may have appended meanwhile (its deadline service runs in the background), which are listed to prove they are the
    /// server's.
    /// </summary>
    private async Task AssertNothingStoredAsync(long sizeBefore)
    {
        using var client = app.CreateClientFor("usa-mediator");
        using var response = await client.GetAsync($"/api/v1/entries?after={sizeBefore - 1}&limit=500", TestContext.Current.CancellationToken);
        var page = await response.ReadJsonAsync(HttpStatusCode.OK);
        var added = page.GetProperty("entries").EnumerateArray().ToList();
        Assert.All(added, e => Assert.Equal("server", e.GetProperty("author").GetString()));
        Assert.Equal(sizeBefore + added.Count, page.GetProperty("recordSize").GetInt64());
    }
}
