namespace Liaison.Web.Tests.Support;

/// <summary>The tests' own TOTP against RFC 6238 appendix B (SHA-1 key "12345678901234567890"), truncated to 6 digits.</summary>
public sealed class TotpTests
{
    private const string RfcKeyBase32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    [InlineData(20000000000L, "353130")]
    public void Code_Rfc6238Vector_MatchesTheLastSixDigits(long unixSeconds, string expected)
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

        var code = Totp.Code(RfcKeyBase32, time);

        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")]
    [InlineData("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")]
    public void Base32Decode_KeyWithAnyCaseAndSpaces_GivesTheKeyBytes(string text)
    {
        var bytes = Totp.Base32Decode(text);

        Assert.Equal("12345678901234567890"u8.ToArray(), bytes);
    }
}
