using Liaison.Web.Pages.Hotline;

namespace Liaison.Web.Tests.Live;

/// <summary>The countdown text the pages start with, which hotline.js then writes every second the same way.</summary>
public sealed class HotlineDisplayTests
{
    private static readonly DateTimeOffset Deadline = new(2026, 1, 6, 9, 5, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(300_000, "5:00 left")]
    [InlineData(299_001, "4:59 left")]
    [InlineData(1, "0:00 left")]
    [InlineData(0, "overdue 0:00")]
    [InlineData(-1_000, "overdue 0:01")]
    [InlineData(-61_000, "overdue 1:01")]
    [InlineData(10_799_000, "2 h 59:59 left")]
    [InlineData(10_800_000, "3 h 00:00 left")]
    [InlineData(172_789_000, "1 d 23:59:49 left")]
    public void Countdown_MillisecondsBeforeDeadline_WholeSecondsLeftOrOverdueFromTheDeadlineOn(long millisecondsLeft, string expected)
    {
        var now = Deadline - TimeSpan.FromMilliseconds(millisecondsLeft);

        var text = HotlineDisplay.Countdown(Deadline, now);

        Assert.Equal(expected, text);
    }

    [Fact]
    public void Utc_InstantWithOffset_WrittenInUtc()
    {
        var instant = new DateTimeOffset(2026, 1, 6, 12, 5, 0, TimeSpan.FromHours(3));

        Assert.Equal("2026-01-06 09:05:00 UTC", HotlineDisplay.Utc(instant));
        Assert.Equal("2026-01-06T09:05:00.000Z", HotlineDisplay.Iso(instant));
    }
}
