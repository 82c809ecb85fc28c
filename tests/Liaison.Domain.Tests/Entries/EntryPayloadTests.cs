using System.Text.Json.Nodes;
using Liaison.Domain.Entries;

namespace Liaison.Domain.Tests.Entries;

public sealed partial class EntryPayloadTests
{
    private const string ValidJson = """{"type":"statement.issue","mechanism":"isr-syr","author":"isr-officer","audience":["ISR","SYR"],"clientTime":"2026-01-06T09:00:00Z","subject":"Notice","body":"Text","lang":"en"}""";

    [Fact]
    public void Parse_ValidStatement_ReturnsEveryHeaderField()
    {
        var payload = TestPayloads.Bytes(ValidJson);

        var result = EntryPayload.Parse(payload);

        Assert.True(result.IsSuccess);
        var header = result.Value;
        Assert.Equal("statement.issue", header.Type);
        Assert.Equal("isr-syr", header.Mechanism);
        Assert.Equal("isr-officer", header.Author);
        Assert.Equal(["ISR", "SYR"], header.Audience.Select(p => p.Value));
        Assert.Equal(TestPayloads.ClientTime, header.ClientTime);
        Assert.Equal("Notice", header.Body.GetProperty("subject").GetString());
    }

    [Fact]
    public void Parse_Audience_KeepsThePayloadsOrder()
    {
        var payload = TestPayloads.Statement();
        payload["audience"] = new JsonArray("UNDOF", "SYR", "ISR", "USA");

        var header = EntryPayload.Parse(TestPayloads.Bytes(payload)).Value;

        Assert.Equal(["UNDOF", "SYR", "ISR", "USA"], header.Audience.Select(p => p.Value));
    }

    [Fact]
    public void Parse_InputBufferOverwrittenAfterwards_BodyIsUnchanged()
    {
        var payload = TestPayloads.Bytes(ValidJson);

        var header = EntryPayload.Parse(payload).Value;
        Array.Fill(payload, (byte)' ');

        Assert.Equal("Notice", header.Body.GetProperty("subject").GetString());
        Assert.Equal("en", header.Body.GetProperty("lang").GetString());
    }

    [Fact]
    public void Parse_HebrewAndArabicText_KeepsItExactly()
    {
        var json = ValidJson.Replace("\"Notice\"", "\"הצהרה\"", StringComparison.Ordinal).Replace("\"Text\"", "\"بيان بشأن الآلية المشتركة\"", StringComparison.Ordinal);

        var header = EntryPayload.Parse(TestPayloads.Bytes(json)).Value;

        Assert.Equal("הצהרה", header.Body.GetProperty("subject").GetString());
        Assert.Equal("بيان بشأن الآلية المشتركة", header.Body.GetProperty("body").GetString());
    }

    public static TheoryData<string, string> NotJsonObjects => new()
    {
        { "empty", "" },
        { "whitespace only", "   " },
        { "truncated", """{"type":"statement.issue" """ },
        { "not JSON", "type=statement.issue" },
        { "trailing text", ValidJson + " x" },
        { "a second object", ValidJson + "{}" },
        { "trailing comma after the object", ValidJson + "," },
        { "trailing comma inside the object", ValidJson[..^1] + ",}" },
        { "comment", "/* signed */" + ValidJson },
        { "single quotes", ValidJson.Replace('"', '\'') },
        { "duplicate top-level name", ValidJson[..^1] + ""","type":"key.enroll"}""" },
        { "duplicate author", ValidJson[..^1] + ""","author":"syr-officer"}""" },
        { "duplicate nested name", ValidJson[..^1] + ""","extra":{"a":1,"a":2}}""" },
        { "array", "[]" },
        { "array of the object", "[" + ValidJson + "]" },
        { "string", "\"statement.issue\"" },
        { "number", "42" },
        { "null", "null" },
        { "true", "true" },
    };

    [Theory]
    [MemberData(nameof(NotJsonObjects))]
    public void Parse_NotOneJsonObject_IsMalformedJson(string because, string json)
    {
        var payload = TestPayloads.Bytes(json);

        var result = EntryPayload.Parse(payload);

        var error = TestPayloads.ErrorOf(result);
        Assert.True(error.Code == "payload-malformed-json", $"{because}: {error.Code}");
    }

    [Fact]
    public void Parse_TrailingWhitespace_IsAccepted()
    {
        var payload = TestPayloads.Bytes(ValidJson + " \n\t");

        var result = EntryPayload.Parse(payload);

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void Parse_NamesDifferingOnlyInCase_AreNotDuplicates()
    {
        var payload = TestPayloads.Bytes(ValidJson[..^1] + ""","Type":"other"}""");

        var result = EntryPayload.Parse(payload);

        Assert.True(result.IsSuccess);
        Assert.Equal("statement.issue", result.Value.Type);
    }

    [Fact]
    public void Parse_InvalidUtf8InABodyField_IsMalformedJson()
    {
        var payload = TestPayloads.Bytes(ValidJson.Replace("\"Text\"", "\"T?xt\"", StringComparison.Ordinal));
        payload[Array.IndexOf(payload, (byte)'?')] = 0xFF;

        var result = EntryPayload.Parse(payload);

        Assert.Equal("payload-malformed-json", TestPayloads.ErrorOf(result).Code);
    }

    [Fact]
    public void Parse_InvalidUtf8InAHeaderField_IsMalformedJson()
    {
        var payload = TestPayloads.Bytes(ValidJson.Replace("\"isr-officer\"", "\"isr-?fficer\"", StringComparison.Ordinal));
        payload[Array.IndexOf(payload, (byte)'?')] = 0xC3;

        var result = EntryPayload.Parse(payload);

        Assert.Equal("payload-malformed-json", TestPayloads.ErrorOf(result).Code);
    }
}
