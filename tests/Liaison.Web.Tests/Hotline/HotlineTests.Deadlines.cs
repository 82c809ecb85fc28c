using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Liaison.Domain.Hotline;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Hotline;

/// <summary>
/// Deadlines on the fixture's fake clock: the app's deadline service waits on that clock (2 s between passes), so a test
/// moves the clock and then polls for the server's entries. The clock is shared and only moves forward: every expected
/// time is computed from the message's own <c>sentAt</c>.
/// </summary>
public sealed partial class HotlineTests
{
    private static readonly TimeSpan Flash = TimeSpan.FromMinutes(5);

    /// <summary>The deadline service's pause between passes (HotlineDeadlineService.Interval, which is internal).</summary>
    private static readonly TimeSpan PassInterval = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Deadline_UnacknowledgedFlashAtItsDeadline_EscalatedByTheServer()
    {
        var seq = await SendAsync("isr-officer", MessageFields());
        var sentAt = (await MessageAsync("syr-officer", seq)).GetProperty("sentAt").GetDateTimeOffset();

        AdvanceTo(sentAt + Flash);
        var (entry, payload) = await WaitForServerEntryAsync(HotlineEntryTypes.HotlineEscalate, seq);

        var message = await MessageAsync("syr-officer", seq);
        var recipient = Assert.Single(message.GetProperty("recipients").EnumerateArray());
        var escalatedAt = entry.GetProperty("serverTime").GetDateTimeOffset();
        Assert.Equal("server", entry.GetProperty("author").GetString());
        Assert.Equal(SecurityMembers, entry.GetProperty("audience").EnumerateArray().Select(p => p.GetString()));
        Assert.InRange(escalatedAt, sentAt + Flash, sentAt + (2 * Flash) - TimeSpan.FromTicks(1));
        Assert.Equal("SYR", payload.GetProperty("party").GetString());
        Assert.Equal("acknowledgement", payload.GetProperty("deadline").GetString());
        Assert.Contains("FLASH", payload.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("escalated", message.GetProperty("status").GetString());
        Assert.Equal("escalated", recipient.GetProperty("status").GetString());
        Assert.Equal(escalatedAt, recipient.GetProperty("escalatedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, recipient.GetProperty("missedAt").ValueKind);
    }

    [Fact]
    public async Task Deadline_UnacknowledgedFlashAtTwiceItsDeadline_MissedByTheServer()
    {
        var seq = await SendAsync("isr-officer", MessageFields());
        var sentAt = (await MessageAsync("syr-officer", seq)).GetProperty("sentAt").GetDateTimeOffset();
        AdvanceTo(sentAt + Flash);
        await WaitForServerEntryAsync(HotlineEntryTypes.HotlineEscalate, seq);

        AdvanceTo(sentAt + (2 * Flash));
        var (entry, payload) = await WaitForServerEntryAsync(HotlineEntryTypes.HotlineMiss, seq);

        var message = await MessageAsync("syr-officer", seq);
        var recipient = Assert.Single(message.GetProperty("recipients").EnumerateArray());
        var missedAt = entry.GetProperty("serverTime").GetDateTimeOffset();
        Assert.Equal("server", entry.GetProperty("author").GetString());
        Assert.True(missedAt >= sentAt + (2 * Flash), $"Missed at {missedAt:O}, before twice the deadline.");
        Assert.Equal("SYR", payload.GetProperty("party").GetString());
        Assert.Equal("acknowledgement", payload.GetProperty("deadline").GetString());
        Assert.Equal("missed", message.GetProperty("status").GetString());
        Assert.Equal("missed", recipient.GetProperty("status").GetString());
        Assert.Equal(missedAt, recipient.GetProperty("missedAt").GetDateTimeOffset());
        Assert.Single(await EntriesAsync(HotlineEntryTypes.HotlineEscalate, seq), e => e.Payload.GetProperty("messageSeq").GetInt64() == seq);
    }

    [Fact]
    public async Task Deadline_FlashAcknowledgedInTime_NeverEscalatedNorMissed()
    {
        var acknowledged = await SendAsync("isr-officer", MessageFields());
        var probe = await SendAsync("isr-officer", MessageFields());
        using var client = app.CreateClientFor("syr-officer");
        using var ack = await client.SubmitEntryAsync(Ack("syr-officer", acknowledged));
        await ack.ReadJsonAsync(HttpStatusCode.Created);
        var sentAt = (await MessageAsync("syr-officer", probe)).GetProperty("sentAt").GetDateTimeOffset();

        AdvanceTo(sentAt + (2 * Flash));
        await WaitForServerEntryAsync(HotlineEntryTypes.HotlineMiss, probe);

        Assert.DoesNotContain(await EntriesAsync(HotlineEntryTypes.HotlineEscalate, acknowledged), e => e.Payload.GetProperty("messageSeq").GetInt64() == acknowledged);
        Assert.DoesNotContain(await EntriesAsync(HotlineEntryTypes.HotlineMiss, acknowledged), e => e.Payload.GetProperty("messageSeq").GetInt64() == acknowledged);
        Assert.Equal("acknowledged", (await MessageAsync("syr-officer", acknowledged)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ack_AfterEscalation_AcknowledgedLateAndNotMissed()
    {
        var seq = await SendAsync("isr-officer", MessageFields());
        var sentAt = (await MessageAsync("syr-officer", seq)).GetProperty("sentAt").GetDateTimeOffset();
        AdvanceTo(sentAt + Flash);
        await WaitForServerEntryAsync(HotlineEntryTypes.HotlineEscalate, seq);
        using var client = app.CreateClientFor("syr-officer");

        using var response = await client.SubmitEntryAsync(Ack("syr-officer", seq));

        await response.ReadJsonAsync(HttpStatusCode.Created);
        var message = await MessageAsync("syr-officer", seq);
        var recipient = Assert.Single(message.GetProperty("recipients").EnumerateArray());
        Assert.Equal("acknowledged", message.GetProperty("status").GetString());
        Assert.True(recipient.GetProperty("late").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, recipient.GetProperty("escalatedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, recipient.GetProperty("missedAt").ValueKind);
    }

    [Fact]
    public async Task Statistics_OneFlashAcknowledgedOneMissed_CountedForSyriaAlone()
    {
        // A fresh instant, so that the period [start, start + 1 s) holds only this test's messages.
        app.Time.Advance(TimeSpan.FromSeconds(1));
        var acknowledged = await SendAsync("isr-officer", MessageFields());
        var missed = await SendAsync("isr-officer", MessageFields());
        var start = (await MessageAsync("syr-officer", acknowledged)).GetProperty("sentAt").GetDateTimeOffset();
        Assert.Equal(start, (await MessageAsync("syr-officer", missed)).GetProperty("sentAt").GetDateTimeOffset());
        app.Time.Advance(TimeSpan.FromSeconds(90));
        using var client = app.CreateClientFor("syr-officer");
        using var ack = await client.SubmitEntryAsync(Ack("syr-officer", acknowledged));
        var acknowledgedAt = (await ack.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("serverTime").GetDateTimeOffset();
        AdvanceTo(start + (2 * Flash));
        await WaitForServerEntryAsync(HotlineEntryTypes.HotlineMiss, missed);

        var report = await StatisticsAsync("isr-officer", start, start + TimeSpan.FromSeconds(1));

        var syria = Party(report, "SYR");
        var israel = Party(report, "ISR");
        var elapsed = acknowledgedAt - start;
        foreach (var figures in new[] { syria.GetProperty("total"), FlashRow(syria) })
        {
            Assert.Equal(2, figures.GetProperty("count").GetInt32());
            Assert.Equal(1, figures.GetProperty("acknowledged").GetInt32());
            Assert.Equal(1, figures.GetProperty("acknowledgedInTime").GetInt32());
            Assert.Equal(elapsed, TimeSpan.Parse(figures.GetProperty("medianToAcknowledge").GetString()!, CultureInfo.InvariantCulture));
            Assert.Equal(elapsed, TimeSpan.Parse(figures.GetProperty("p90ToAcknowledge").GetString()!, CultureInfo.InvariantCulture));
            Assert.Equal(1, figures.GetProperty("escalations").GetInt32());
            Assert.Equal(1, figures.GetProperty("misses").GetInt32());
        }

        Assert.InRange(elapsed, TimeSpan.FromSeconds(90) - TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(90) + TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, israel.GetProperty("total").GetProperty("count").GetInt32());
        Assert.Equal(["ISR", "SYR"], report.GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("party").GetString()));
    }

    [Fact]
    public async Task Statistics_FromNotBeforeTo_400InvalidPeriod()
    {
        var now = app.Time.GetUtcNow();
        using var client = app.CreateClientFor("syr-officer");

        using var response = await client.GetAsync($"/api/v1/hotline/stats?from={Query(now)}&to={Query(now)}", TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid-period");
    }

    private static JsonElement Party(JsonElement report, string code) =>
        Assert.Single(report.GetProperty("parties").EnumerateArray(), p => p.GetProperty("party").GetString() == code);

    /// <summary>A party's FLASH row. The key is the enum's name ("Flash") today, not the entries' code ("FLASH"); either is accepted.</summary>
    private static JsonElement FlashRow(JsonElement party) =>
        Assert.Single(party.GetProperty("byPrecedence").EnumerateObject(), p => string.Equals(p.Name, "FLASH", StringComparison.OrdinalIgnoreCase)).Value;

    private static string Query(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O", CultureInfo.InvariantCulture));

    private async Task<JsonElement> StatisticsAsync(string viewer, DateTimeOffset from, DateTimeOffset to)
    {
        using var client = app.CreateClientFor(viewer);
        using var response = await client.GetAsync($"/api/v1/hotline/stats?from={Query(from)}&to={Query(to)}", TestContext.Current.CancellationToken);
        return await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    /// <summary>Moves the shared fake clock forward to <paramref name="target"/>; never back (another test may have passed it).</summary>
    private void AdvanceTo(DateTimeOffset target)
    {
        var now = app.Time.GetUtcNow();
        if (target > now)
        {
            app.Time.Advance(target - now);
        }
    }

    /// <summary>
    /// Waits for the server's entry of <paramref name="type"/> about message <paramref name="seq"/>. Moving the clock wakes
    /// the deadline service, but a pass already under way when the clock moved waits a whole interval of fake time before
    /// the next one; so every half second the clock is nudged by one interval (at most a minute in all, far below any
    /// FLASH threshold still ahead).
    /// </summary>
    private async Task<(JsonElement Entry, JsonElement Payload)> WaitForServerEntryAsync(string type, long seq)
    {
        var waited = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            var found = (await EntriesAsync(type, seq)).Where(e => e.Payload.GetProperty("messageSeq").GetInt64() == seq).ToList();
            if (found.Count > 0)
            {
                return Assert.Single(found);
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), $"No {type} entry for message {seq} after {waited.Elapsed.TotalSeconds:0} s (fake time {app.Time.GetUtcNow():O}).");
            await Task.Delay(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
            if (attempt % 5 == 0)
            {
                app.Time.Advance(PassInterval);
            }
        }
    }
}
