using System.Text.Json.Nodes;
using Liaison.Domain.Entries;

namespace Liaison.Domain.Tests.Entries;

public sealed partial class EntryAdmissionTests
{
    private const long Minute = TimeSpan.TicksPerMinute;

    /// <summary>clientTime minus server time, in ticks, against the demo's 5-minute limit.</summary>
    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(-1L)]
    [InlineData(5 * Minute - 1)]
    [InlineData(5 * Minute)]
    [InlineData(-5 * Minute)]
    [InlineData(-(5 * Minute) + 1)]
    public void CheckPayload_ClockSkewWithinTheLimitInclusive_Succeeds(long skewTicks)
    {
        var header = TestPayloads.Header(TestPayloads.Statement());
        var now = header.ClientTime - TimeSpan.FromTicks(skewTicks);

        var result = EntryAdmission.CheckPayload(header, TestPayloads.Officer(), TestPayloads.DemoConfig, now);

        Assert.True(result.IsSuccess);
    }

    [Theory]
    [InlineData(5 * Minute + 1)]
    [InlineData(-(5 * Minute) - 1)]
    [InlineData(5 * Minute + TimeSpan.TicksPerMillisecond)]
    [InlineData(60 * Minute)]
    [InlineData(-24 * 60 * Minute)]
    public void CheckPayload_ClockSkewJustBeyondTheLimit_IsClockSkew(long skewTicks)
    {
        var header = TestPayloads.Header(TestPayloads.Statement());
        var now = header.ClientTime - TimeSpan.FromTicks(skewTicks);

        var result = EntryAdmission.CheckPayload(header, TestPayloads.Officer(), TestPayloads.DemoConfig, now);

        var error = TestPayloads.ErrorOf(result);
        Assert.Equal("clock-skew", error.Code);
        Assert.Equal(300.0, error.Extensions["allowedSeconds"]);
        Assert.Equal(header.ClientTime, error.Extensions["clientTime"]);
        Assert.Equal(now, error.Extensions["serverTime"]);
    }

    [Theory]
    [InlineData("2026-01-06T11:05:00+02:00", true)]
    [InlineData("2026-01-06T04:05:00.0000001-05:00", false)]
    [InlineData("2026-01-06T09:05:00Z", true)]
    public void CheckPayload_ClientTimeWithAnOffset_ComparesInstants(string clientTime, bool accepted)
    {
        var payload = TestPayloads.Statement();
        payload["clientTime"] = clientTime;

        var result = EntryAdmission.CheckPayload(TestPayloads.Header(payload), TestPayloads.Officer(), TestPayloads.DemoConfig, Now);

        Assert.Equal(accepted, result.IsSuccess);
        Assert.True(accepted || result.Error.Code == "clock-skew");
    }

    [Theory]
    [InlineData(30 * TimeSpan.TicksPerSecond, true)]
    [InlineData(-30 * TimeSpan.TicksPerSecond, true)]
    [InlineData((30 * TimeSpan.TicksPerSecond) + 1, false)]
    [InlineData((-30 * TimeSpan.TicksPerSecond) - 1, false)]
    public void CheckPayload_ConfiguredSkewLimit_IsTheLimitUsed(long skewTicks, bool accepted)
    {
        var payload = TestPayloads.Statement();
        payload["mechanism"] = "aaa-bbb";
        payload["author"] = "aaa-officer";
        payload["audience"] = new JsonArray("AAA", "BBB");
        var header = TestPayloads.Header(payload);
        var user = TestPayloads.Officer("AAA", "aaa-officer");

        var result = EntryAdmission.CheckPayload(header, user, ThirtySecondSkew.Value, header.ClientTime - TimeSpan.FromTicks(skewTicks));

        Assert.Equal(accepted, result.IsSuccess);
        Assert.True(accepted || (result.Error.Code == "clock-skew" && (double)result.Error.Extensions["allowedSeconds"]! == 30.0));
    }
}
