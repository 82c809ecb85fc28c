using System.Text.Json.Nodes;
using Liaison.Domain.Entries;

namespace Liaison.Domain.Tests.Entries;

public sealed class PayloadFieldsTests
{
    [Theory]
    [InlineData("\"abc\"", 3, true)]
    [InlineData("\"abcd\"", 3, false)]
    [InlineData("\" padded \"", 8, true)]
    [InlineData("\"\"", 3, false)]
    [InlineData("\"\\u00a0\"", 3, false)]
    [InlineData("1", 3, false)]
    [InlineData("false", 3, false)]
    [InlineData("{}", 3, false)]
    public void RequiredString_Value_AcceptsOnlyNonBlankStringsUpToTheLimit(string valueJson, int maxLength, bool valid)
    {
        var body = TestPayloads.Body(new JsonObject { ["field"] = JsonNode.Parse(valueJson) });

        var result = PayloadFields.RequiredString(body, "field", maxLength);

        Assert.Equal(valid, result.IsSuccess);
        Assert.True(valid || (result.Error.Code == "payload-invalid" && (string)result.Error.Extensions["field"]! == "field"));
    }

    [Fact]
    public void RequiredString_LengthCountsUtf16CodeUnits_NotBytes()
    {
        var body = TestPayloads.Body(new JsonObject { ["field"] = "שלום" });

        var result = PayloadFields.RequiredString(body, "field", 4);

        Assert.Equal("שלום", result.Value);
    }

    [Fact]
    public void RequiredString_Missing_IsPayloadInvalid()
    {
        var body = TestPayloads.Body(new JsonObject { ["other"] = "x" });

        var result = PayloadFields.RequiredString(body, "field");

        Assert.Equal("payload-invalid", TestPayloads.ErrorOf(result).Code);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(31, false)]
    [InlineData(32, true)]
    [InlineData(33, false)]
    [InlineData(35, false)]
    [InlineData(36, false)]
    [InlineData(64, false)]
    public void RequiredBase64_DecodedLength_MustBeExact(int length, bool valid)
    {
        var bytes = Enumerable.Range(1, length).Select(i => (byte)i).ToArray();
        var body = TestPayloads.Body(new JsonObject { ["key"] = Convert.ToBase64String(bytes) });

        var result = PayloadFields.RequiredBase64(body, "key", 32);

        Assert.Equal(valid, result.IsSuccess);
        Assert.True(!valid || result.Value.SequenceEqual(bytes));
    }

    [Theory]
    [InlineData("AAAA-AAA")]
    [InlineData("AAA")]
    [InlineData("not base64")]
    public void RequiredBase64_NotBase64_IsPayloadInvalid(string text)
    {
        var body = TestPayloads.Body(new JsonObject { ["key"] = text });

        var result = PayloadFields.RequiredBase64(body, "key", 3);

        Assert.Equal("payload-invalid", TestPayloads.ErrorOf(result).Code);
    }
}
