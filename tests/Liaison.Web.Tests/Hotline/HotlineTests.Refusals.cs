using System.Net;
using System.Text.Json.Nodes;
using Liaison.Domain.Hotline;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Hotline;

/// <summary>Each way a hotline entry is refused: its problem type and status, and nothing stored.</summary>
public sealed partial class HotlineTests
{
    [Fact]
    public async Task Ack_SecondBySameParty_409AlreadyAcknowledged()
    {
        var seq = await SendAsync("isr-officer", MessageFields());
        using var client = app.CreateClientFor("syr-duty");
        using var first = await client.SubmitEntryAsync(Ack("syr-duty", seq));
        var firstSeq = (await first.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("seq").GetInt64();
        var sizeBefore = await client.RecordSizeAsync();

        using var second = await client.SubmitEntryAsync(Ack("syr-duty", seq, clientTime: app.Time.GetUtcNow().AddMilliseconds(1)));

        var problem = await second.AssertProblemAsync(HttpStatusCode.Conflict, "already-acknowledged");
        Assert.Equal(seq, problem.GetProperty("seq").GetInt64());
        Assert.Equal("SYR", problem.GetProperty("party").GetString());
        Assert.Equal(firstSeq, problem.GetProperty("bySeq").GetInt64());
        await AssertNothingStoredAsync(sizeBefore);
    }

    [Fact]
    public async Task Ack_SamePayloadResubmitted_409DuplicateEntry()
    {
        var seq = await SendAsync("isr-officer", MessageFields());
        var ack = Ack("syr-officer", seq);
        using var client = app.CreateClientFor("syr-officer");
        using var first = await client.SubmitEntryAsync(ack);
        var firstSeq = (await first.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("seq").GetInt64();
        var sizeBefore = await client.RecordSizeAsync();

        using var again = await client.SubmitEntryAsync(ack);

        var problem = await again.AssertProblemAsync(HttpStatusCode.Conflict, "duplicate-entry");
        Assert.Equal(firstSeq, problem.GetProperty("seq").GetInt64());
        await AssertNothingStoredAsync(sizeBefore);
    }

    [Fact]
    public async Task Ack_ByAnotherMemberOfAnAcknowledgedParty_409AlreadyAcknowledged()
    {
        var seq = await SendAsync("isr-officer", MessageFields());
        using var officer = app.CreateClientFor("syr-officer");
        using var first = await officer.SubmitEntryAsync(Ack("syr-officer", seq));
        await first.ReadJsonAsync(HttpStatusCode.Created);
        using var commander = app.CreateClientFor("syr-commander");
        var sizeBefore = await commander.RecordSizeAsync();

        using var second = await commander.SubmitEntryAsync(Ack("syr-commander", seq));

        await second.AssertProblemAsync(HttpStatusCode.Conflict, "already-acknowledged");
        await AssertNothingStoredAsync(sizeBefore);
    }

    [Fact]
    public async Task Ack_BySendersParty_403NotARecipient()
    {
        var seq = await SendAsync("isr-officer", MessageFields());
        using var client = app.CreateClientFor("isr-duty");
        var sizeBefore = await client.RecordSizeAsync();

        using var response = await client.SubmitEntryAsync(Ack("isr-duty", seq));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "not-a-recipient");
        Assert.Equal("ISR", problem.GetProperty("party").GetString());
        await AssertNothingStoredAsync(sizeBefore);
        Assert.Equal("sent", (await MessageAsync("isr-officer", seq)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ack_UnknownMessage_404MessageNotFound()
    {
        using var client = app.CreateClientFor("syr-officer");
        var sizeBefore = await client.RecordSizeAsync();

        using var response = await client.SubmitEntryAsync(Ack("syr-officer", sizeBefore + 1_000_000));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "message-not-found");
        await AssertNothingStoredAsync(sizeBefore);
    }

    [Fact]
    public async Task Ack_AudienceNotTheMessages_400AudienceMismatch()
    {
        var seq = await SendAsync("isr-officer", MessageFields());
        using var client = app.CreateClientFor("syr-officer");
        var sizeBefore = await client.RecordSizeAsync();

        using var response = await client.SubmitEntryAsync(Ack("syr-officer", seq, ["SYR", "ISR"]));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "audience-mismatch");
        await AssertNothingStoredAsync(sizeBefore);
    }

    [Fact]
    public async Task Send_UnknownChannel_400UnknownChannel()
    {
        using var client = app.CreateClientFor("isr-officer");
        var sizeBefore = await client.RecordSizeAsync();

        using var response = await client.SubmitEntryAsync(Message("isr-officer", MessageFields(channel: "isr-syr-weather")));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "unknown-channel");
        Assert.Equal("isr-syr-weather", problem.GetProperty("channel").GetString());
        await AssertNothingStoredAsync(sizeBefore);
    }

    [Theory]
    [InlineData(Security, new[] { "ISR", "SYR", "USA" }, new[] { "UNDOF" }, new string[0])]
    [InlineData(Security, new[] { "ISR", "SYR" }, new[] { "USA", "UNDOF" }, new string[0])]
    [InlineData("isr-syr-intelligence", new[] { "ISR", "SYR", "USA", "UNDOF" }, new string[0], new[] { "UNDOF" })]
    public async Task Send_AudienceNotExactlyTheChannelsMembers_400AudienceMismatch(string channel, string[] audience, string[] missing, string[] extra)
    {
        using var client = app.CreateClientFor("isr-officer");
        var sizeBefore = await client.RecordSizeAsync();

        using var response = await client.SubmitEntryAsync(Message("isr-officer", MessageFields(channel: channel), audience));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "audience-mismatch");
        Assert.Equal(channel, problem.GetProperty("channel").GetString());
        Assert.Equal(missing, problem.GetProperty("missing").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(extra, problem.GetProperty("extra").EnumerateArray().Select(p => p.GetString()));
        await AssertNothingStoredAsync(sizeBefore);
    }

    [Theory]
    [InlineData("precedence", "URGENT", "precedence")]
    [InlineData("precedence", "flash", "precedence")]
    [InlineData("template", "memo", "template")]
    [InlineData("lang", "english!", "lang")]
    [InlineData("body", " ", "body")]
    [InlineData("template", "reply", "inReplyTo")]
    [InlineData("template", "notification", "activity")]
    [InlineData("template", "complaint", "reference")]
    [InlineData("template", "request-for-explanation", "reference")]
    public async Task Send_BadField_400PayloadInvalidNamingTheField(string name, string value, string field)
    {
        var fields = MessageFields();
        fields[name] = value;
        using var client = app.CreateClientFor("isr-officer");
        var sizeBefore = await client.RecordSizeAsync();

        using var response = await client.SubmitEntryAsync(Message("isr-officer", fields));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "payload-invalid");
        Assert.Equal(field, problem.GetProperty("field").GetString());
        await AssertNothingStoredAsync(sizeBefore);
    }

    [Theory]
    [InlineData("2026-01-06T12:00:00Z", "2026-01-06T11:00:00Z", "window.end")]
    [InlineData("2026-01-06T12:00:00", "2026-01-06T13:00:00Z", "window.start")]
    public async Task Send_NotificationWithBadWindow_400PayloadInvalidNamingTheField(string start, string end, string field)
    {
        var fields = MessageFields(template: "notification");
        fields["activity"] = "air-sortie";
        fields["location"] = "Quneitra, east of the Area of Separation";
        fields["window"] = new JsonObject { ["start"] = start, ["end"] = end };
        using var client = app.CreateClientFor("isr-officer");
        var sizeBefore = await client.RecordSizeAsync();

        using var response = await client.SubmitEntryAsync(Message("isr-officer", fields));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "payload-invalid");
        Assert.Equal(field, problem.GetProperty("field").GetString());
        await AssertNothingStoredAsync(sizeBefore);
    }

    [Fact]
    public async Task Send_ByObserver_403RoleForbidden()
    {
        using var client = app.CreateClientFor("undof-observer");
        var sizeBefore = await client.RecordSizeAsync();

        using var response = await client.SubmitEntryAsync(Message("undof-observer", MessageFields()));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "role-forbidden");
        Assert.Equal(HotlineEntryTypes.MessageSend, problem.GetProperty("entryType").GetString());
        await AssertNothingStoredAsync(sizeBefore);
    }

    [Fact]
    public async Task Send_ServerMadeTypeByOfficer_403RoleForbidden()
    {
        var seq = await SendAsync("isr-officer", MessageFields());
        var fields = new JsonObject { ["messageSeq"] = seq, ["party"] = "SYR", ["deadline"] = "acknowledgement", ["reason"] = "Forged escalation." };
        using var client = app.CreateClientFor("syr-officer");
        var sizeBefore = await client.RecordSizeAsync();

        using var response = await client.SubmitEntryAsync(app.Sign("syr-officer", app.Payload(HotlineEntryTypes.HotlineEscalate, "syr-officer", SecurityMembers, fields)));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "role-forbidden");
        await AssertNothingStoredAsync(sizeBefore);
        Assert.Equal("sent", (await MessageAsync("syr-officer", seq)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Inbox_UnknownChannel_ProblemUnknownChannel()
    {
        using var client = app.CreateClientFor("syr-officer");

        using var response = await client.GetAsync("/api/v1/hotline/messages?channel=isr-syr-weather", TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "unknown-channel");
    }

    [Fact]
    public async Task Inbox_WithoutToken_401AuthenticationRequired()
    {
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync("/api/v1/hotline/messages", TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "authentication-required");
    }
}
