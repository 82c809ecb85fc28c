using Liaison.Domain.Mechanism;

namespace Liaison.Domain.Tests.Mechanism;

public sealed class IsoDurationTests
{
    [Theory]
    [InlineData("PT5M", 0, 0, 5, 0)]
    [InlineData("PT30M", 0, 0, 30, 0)]
    [InlineData("PT3H", 0, 3, 0, 0)]
    [InlineData("PT48H", 2, 0, 0, 0)]
    [InlineData("P15D", 15, 0, 0, 0)]
    [InlineData("P2W", 14, 0, 0, 0)]
    [InlineData("P1DT12H", 1, 12, 0, 0)]
    [InlineData("PT1H30M15S", 0, 1, 30, 15)]
    [InlineData("PT0S", 0, 0, 0, 0)]
    public void TryParse_FixedLengthDuration_Parses(string text, int days, int hours, int minutes, int seconds)
    {
        var parsed = IsoDuration.TryParse(text, out var duration);

        Assert.True(parsed);
        Assert.Equal(new TimeSpan(days, hours, minutes, seconds), duration);
    }

    [Fact]
    public void TryParse_FractionalSeconds_KeepsTicks()
    {
        Assert.True(IsoDuration.TryParse("PT1.5S", out var duration));

        Assert.Equal(TimeSpan.FromMilliseconds(1500), duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("5M")]
    [InlineData("pt5m")]
    [InlineData("-PT5M")]
    [InlineData("P1Y")]
    [InlineData("P1M")]
    [InlineData("P1H")]
    [InlineData("PT5M3H")]
    [InlineData("PT1.5M")]
    [InlineData("PT1.S")]
    [InlineData("P1DT")]
    [InlineData("PT5M ")]
    [InlineData("P99999999999999999999D")]
    [InlineData("P99999999999D")]
    public void TryParse_NotAFixedLengthDuration_Fails(string? text)
    {
        var parsed = IsoDuration.TryParse(text, out _);

        Assert.False(parsed);
    }

    [Theory]
    [InlineData(0, 0, 5, 0, "PT5M")]
    [InlineData(15, 0, 0, 0, "P15D")]
    [InlineData(1, 2, 0, 0, "P1DT2H")]
    [InlineData(0, 0, 0, 0, "PT0S")]
    [InlineData(0, 48, 0, 0, "P2D")]
    public void Format_Duration_IsShortestForm(int days, int hours, int minutes, int seconds, string expected)
    {
        var text = IsoDuration.Format(new TimeSpan(days, hours, minutes, seconds));

        Assert.Equal(expected, text);
    }

    [Fact]
    public void Format_FractionalSeconds_RoundTrips()
    {
        var duration = TimeSpan.FromTicks(15_000_001);

        var text = IsoDuration.Format(duration);

        Assert.Equal("PT1.5000001S", text);
        Assert.Equal(duration, IsoDuration.Parse(text));
    }

    [Fact]
    public void Format_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IsoDuration.Format(TimeSpan.FromMinutes(-1)));
    }
}
