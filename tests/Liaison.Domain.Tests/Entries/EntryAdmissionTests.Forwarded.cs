using System.Text.Json.Nodes;
using Liaison.Domain.Entries;

namespace Liaison.Domain.Tests.Entries;

/// <summary>Store and forward: an entry signed offline may arrive late, within the configured delay, never early.</summary>
public sealed class EntryAdmissionForwardedTests
{
    private static readonly DateTimeOffset Signed = TestPayloads.ClientTime;

    [Theory]
    [InlineData(true, 2 * 24 * 60, null)]
    [InlineData(true, 7 * 24 * 60, null)]
    [InlineData(true, (7 * 24 * 60) + 1, "clock-skew")]
    [InlineData(false, 2 * 24 * 60, "clock-skew")]
    [InlineData(true, -10, "clock-skew")]
    public void CheckPayload_ForwardedEntryArrivingAfter_AcceptedWithinTheDelayOnly(bool forwarded, int minutesLater, string? expectedCode)
    {
        var payload = TestPayloads.Statement();
        if (forwarded)
        {
            payload["forwarded"] = true;
        }

        var result = EntryAdmission.CheckPayload(TestPayloads.Header(payload), TestPayloads.Officer(), TestPayloads.DemoConfig, Signed.AddMinutes(minutesLater));

        if (expectedCode is null)
        {
            Assert.True(result.IsSuccess);
        }
        else
        {
            Assert.Equal(expectedCode, TestPayloads.ErrorOf(result).Code);
        }
    }

    [Fact]
    public void CheckPayload_ForwardedFlagNotTrue_IsNotForwarded()
    {
        var payload = TestPayloads.Statement();
        payload["forwarded"] = JsonValue.Create("true");

        var result = EntryAdmission.CheckPayload(TestPayloads.Header(payload), TestPayloads.Officer(), TestPayloads.DemoConfig, Signed.AddDays(1));

        Assert.Equal("clock-skew", TestPayloads.ErrorOf(result).Code);
    }
}
