using System.Globalization;
using System.Text.Json;

namespace Liaison.Cli.Tests.Hotline;

/// <summary>
/// <c>liaison send</c>, <c>inbox</c>, <c>ack</c>, <c>reply</c> and <c>stats</c> against a real demo server process, as an
/// Israeli and a Syrian officer would use them. Each test sends its own messages and finds them by the id it was given.
/// </summary>
[Collection(DemoServerCollection.Name)]
public sealed class HotlineCliTests(DemoServerFixture server)
{
    private const string Security = "isr-syr-security";
    private const string HebrewBody = "אש ארטילרית ליד סווידה, נא לאשר קבלה";
    private const string ArabicBody = "تم الاستلام، نتحقق من الحادث الآن";

    [Fact]
    public async Task Send_FlashFromIsraeliOfficer_ListedInSyriasInboxAsSent()
    {
        var subject = UniqueSubject();

        var sent = await server.RunAsync("--profile", "isr-officer", "send", "--channel", Security, "--precedence", "FLASH", "--subject", subject, "--body", HebrewBody, "--lang", "he", "--json");

        Assert.Equal(0, sent.ExitCode);
        var seq = SeqOf(sent);
        var message = await InboxMessageAsync("syr-officer", seq);
        var sentAt = message.GetProperty("sentAt").GetDateTimeOffset();
        Assert.Equal("sent", message.GetProperty("status").GetString());
        Assert.Equal(Security, message.GetProperty("channel").GetString());
        Assert.Equal("FLASH", message.GetProperty("precedence").GetString());
        Assert.Equal(subject, message.GetProperty("subject").GetString());
        Assert.Equal("he", message.GetProperty("lang").GetString());
        Assert.Equal("isr-officer", message.GetProperty("from").GetString());
        Assert.Equal(["ISR", "SYR", "USA", "UNDOF"], message.GetProperty("audience").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(sentAt + TimeSpan.FromMinutes(5), message.GetProperty("acknowledgementDeadline").GetDateTimeOffset());
        Assert.Equal(HebrewBody, (await PayloadAsync(seq)).GetProperty("body").GetString());
    }

    [Fact]
    public async Task Inbox_Table_ShowsTheMessageAndItsState()
    {
        var subject = UniqueSubject();
        var seq = await SendFlashAsync(subject);

        var inbox = await server.RunAsync("--profile", "syr-officer", "inbox", "--channel", Security);

        Assert.Equal(0, inbox.ExitCode);
        Assert.Contains(seq.ToString(CultureInfo.InvariantCulture), inbox.Out, StringComparison.Ordinal);
        Assert.Contains(subject, inbox.Out, StringComparison.Ordinal);
        Assert.Contains("SYR sent", inbox.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ack_BySyrianOfficer_MessageAcknowledgedInTime()
    {
        var seq = await SendFlashAsync();

        var ack = await server.RunAsync("--profile", "syr-officer", "ack", Id(seq));

        Assert.Equal(0, ack.ExitCode);
        Assert.Contains("Recorded as entry", ack.Out, StringComparison.Ordinal);
        var message = await InboxMessageAsync("syr-officer", seq);
        var recipient = Assert.Single(message.GetProperty("recipients").EnumerateArray());
        Assert.Equal("acknowledged", message.GetProperty("status").GetString());
        Assert.Equal("syr-officer", recipient.GetProperty("acknowledgedBy").GetString());
        Assert.False(recipient.GetProperty("late").GetBoolean());
    }

    [Fact]
    public async Task Ack_Twice_SecondExitOneWithOneLineAlreadyAcknowledged()
    {
        var seq = await SendFlashAsync();
        var first = await server.RunAsync("--profile", "syr-officer", "ack", Id(seq));
        var sizeBefore = await RecordSizeAsync();

        var second = await server.RunAsync("--profile", "syr-officer", "ack", Id(seq));

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(1, second.ExitCode);
        Assert.Single(second.ErrLines);
        Assert.Contains("already-acknowledged", second.Err, StringComparison.Ordinal);
        Assert.Equal(sizeBefore, await RecordSizeAsync());
    }

    [Fact]
    public async Task Ack_BySendersParty_ExitOneNotARecipient()
    {
        var seq = await SendFlashAsync();
        var sizeBefore = await RecordSizeAsync();

        var ack = await server.RunAsync("--profile", "isr-duty", "ack", Id(seq));

        Assert.Equal(1, ack.ExitCode);
        Assert.Single(ack.ErrLines);
        Assert.Contains("not-a-recipient", ack.Err, StringComparison.Ordinal);
        Assert.Equal(sizeBefore, await RecordSizeAsync());
    }

    [Fact]
    public async Task Reply_InArabic_ReplyNamesTheOriginalWhichIsAcknowledged()
    {
        var seq = await SendFlashAsync();

        var reply = await server.RunAsync("--profile", "syr-officer", "reply", Id(seq), "--body", ArabicBody, "--lang", "ar", "--json");

        Assert.Equal(0, reply.ExitCode);
        var replySeq = SeqOf(reply);
        var answer = await InboxMessageAsync("isr-officer", replySeq);
        var original = await InboxMessageAsync("isr-officer", seq);
        Assert.Equal(seq, answer.GetProperty("inReplyTo").GetInt64());
        Assert.Equal("reply", answer.GetProperty("template").GetString());
        Assert.Equal("ar", answer.GetProperty("lang").GetString());
        Assert.Equal("syr-officer", answer.GetProperty("from").GetString());
        Assert.Equal([replySeq], original.GetProperty("replies").EnumerateArray().Select(r => r.GetInt64()));
        Assert.Equal("acknowledged", original.GetProperty("status").GetString());
        Assert.Equal(ArabicBody, (await PayloadAsync(replySeq)).GetProperty("body").GetString());
    }

    [Fact]
    public async Task Stats_AfterFlashToSyria_SyriasFiguresCountIt()
    {
        var before = await StatsAsync();
        var seq = await SendFlashAsync();
        var ack = await server.RunAsync("--profile", "syr-officer", "ack", Id(seq));

        var after = await StatsAsync();

        Assert.Equal(0, ack.ExitCode);
        var syriaBefore = Figures(before, "SYR");
        var syriaAfter = Figures(after, "SYR");
        Assert.Equal(syriaBefore.Count + 1, syriaAfter.Count);
        Assert.Equal(syriaBefore.Acknowledged + 1, syriaAfter.Acknowledged);
        Assert.Equal(syriaBefore.InTime + 1, syriaAfter.InTime);
        Assert.Equal(Figures(before, "ISR"), Figures(after, "ISR"));
    }

    [Fact]
    public async Task Stats_Table_ShowsBothSides()
    {
        var result = await server.RunAsync("--profile", "undof-observer", "stats");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ISR", result.Out, StringComparison.Ordinal);
        Assert.Contains("SYR", result.Out, StringComparison.Ordinal);
        Assert.Contains("FLASH", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_UnknownChannel_OneLineExitOneNothingStored()
    {
        var sizeBefore = await RecordSizeAsync();

        var result = await server.RunAsync("--profile", "isr-officer", "send", "--channel", "isr-syr-weather", "--precedence", "FLASH", "--subject", UniqueSubject(), "--body", "b");

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.ErrLines);
        Assert.Contains("isr-syr-weather", result.Err, StringComparison.Ordinal);
        Assert.Equal(sizeBefore, await RecordSizeAsync());
    }

    [Fact]
    public async Task Send_BadPrecedence_OneLineExitOnePayloadInvalid()
    {
        var sizeBefore = await RecordSizeAsync();

        var result = await server.RunAsync("--profile", "isr-officer", "send", "--channel", Security, "--precedence", "URGENT", "--subject", UniqueSubject(), "--body", "b");

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.ErrLines);
        Assert.Contains("payload-invalid", result.Err, StringComparison.Ordinal);
        Assert.Contains("precedence", result.Err, StringComparison.Ordinal);
        Assert.Equal(sizeBefore, await RecordSizeAsync());
    }

    [Fact]
    public async Task Send_ByObserver_OneLineExitOneRoleForbidden()
    {
        var result = await server.RunAsync("--profile", "undof-observer", "send", "--channel", Security, "--precedence", "FLASH", "--subject", UniqueSubject(), "--body", "b");

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.ErrLines);
        Assert.Contains("role-forbidden", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_WithoutChannel_OneLineExitTwo()
    {
        var result = await server.RunAsync("--profile", "isr-officer", "send", "--precedence", "FLASH", "--subject", UniqueSubject(), "--body", "b");

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrLines);
        Assert.Contains("--channel", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ack_MessageNotInInbox_OneLineExitOne()
    {
        var result = await server.RunAsync("--profile", "syr-officer", "ack", "99999999");

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.ErrLines);
        Assert.Contains("99999999", result.Err, StringComparison.Ordinal);
    }

    private static string UniqueSubject() => "CLI hotline test " + Guid.NewGuid().ToString("N");

    private static string Id(long seq) => seq.ToString(CultureInfo.InvariantCulture);

    private static long SeqOf(CliResult result) => JsonDocument.Parse(result.Out).RootElement.GetProperty("seq").GetInt64();

    private async Task<long> SendFlashAsync(string? subject = null)
    {
        var sent = await server.RunAsync("--profile", "isr-officer", "send", "--channel", Security, "--precedence", "FLASH", "--subject", subject ?? UniqueSubject(), "--body", HebrewBody, "--lang", "he", "--json");
        Assert.True(sent.ExitCode == 0, sent.Err);
        return SeqOf(sent);
    }

    private async Task<JsonElement> InboxMessageAsync(string profile, long seq)
    {
        var inbox = await server.RunAsync("--profile", profile, "inbox", "--json");
        Assert.True(inbox.ExitCode == 0, inbox.Err);
        using var document = JsonDocument.Parse(inbox.Out);
        return Assert.Single(document.RootElement.EnumerateArray(), m => m.GetProperty("seq").GetInt64() == seq).Clone();
    }

    private async Task<JsonElement> PayloadAsync(long seq)
    {
        var listed = await server.RunAsync("--profile", "usa-mediator", "entries", "list", "--after", Id(seq - 1), "--limit", "1", "--json");
        Assert.True(listed.ExitCode == 0, listed.Err);
        var entry = JsonDocument.Parse(listed.Out).RootElement.GetProperty("entries")[0];
        Assert.Equal(seq, entry.GetProperty("seq").GetInt64());
        return JsonDocument.Parse(Convert.FromBase64String(entry.GetProperty("payload").GetString()!)).RootElement.Clone();
    }

    private async Task<JsonElement> StatsAsync()
    {
        var stats = await server.RunAsync("--profile", "isr-officer", "stats", "--json");
        Assert.True(stats.ExitCode == 0, stats.Err);
        return JsonDocument.Parse(stats.Out).RootElement.Clone();
    }

    private static (int Count, int Acknowledged, int InTime) Figures(JsonElement report, string party)
    {
        var row = Assert.Single(report.GetProperty("parties").EnumerateArray(), p => p.GetProperty("party").GetString() == party);
        var flash = Assert.Single(row.GetProperty("byPrecedence").EnumerateObject(), p => string.Equals(p.Name, "FLASH", StringComparison.OrdinalIgnoreCase)).Value;
        return (flash.GetProperty("count").GetInt32(), flash.GetProperty("acknowledged").GetInt32(), flash.GetProperty("acknowledgedInTime").GetInt32());
    }

    private async Task<long> RecordSizeAsync()
    {
        var result = await server.RunAsync("--profile", "usa-mediator", "entries", "list", "--limit", "1", "--json");
        return JsonDocument.Parse(result.Out).RootElement.GetProperty("recordSize").GetInt64();
    }
}
