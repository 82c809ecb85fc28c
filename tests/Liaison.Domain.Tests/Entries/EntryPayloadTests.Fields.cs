using System.Globalization;
using System.Text.Json.Nodes;
using Liaison.Domain.Entries;

namespace Liaison.Domain.Tests.Entries;

public sealed partial class EntryPayloadTests
{
    /// <summary>A header field, its new value as JSON (null: removed), and the field the refusal must name.</summary>
    public static TheoryData<string, string?> BadHeaderFields => new()
    {
        // type: missing, wrong JSON type, blank, not a dotted lower-case name.
        { "type", null },
        { "type", "42" },
        { "type", "null" },
        { "type", """["statement.issue"]""" },
        { "type", "\"\"" },
        { "type", "\" \"" },
        { "type", "\"statement\"" },
        { "type", "\"Statement.Issue\"" },
        { "type", "\"statement.\"" },
        { "type", "\".issue\"" },
        { "type", "\"statement..issue\"" },
        { "type", "\"1st.issue\"" },
        { "type", "\"statement.issue \"" },
        { "type", "\"statement_issue.x\"" },

        // mechanism and author: missing, wrong JSON type, empty.
        { "mechanism", null },
        { "mechanism", "42" },
        { "mechanism", "null" },
        { "mechanism", "\"\"" },
        { "author", null },
        { "author", "true" },
        { "author", "{}" },
        { "author", "\"\"" },

        // audience: missing, not an array, empty, not party codes, duplicates.
        { "audience", null },
        { "audience", "\"ISR\"" },
        { "audience", "{}" },
        { "audience", "[]" },
        { "audience", "[42]" },
        { "audience", "[null]" },
        { "audience", "[[\"ISR\"]]" },
        { "audience", "[\"isr\"]" },
        { "audience", "[\"Isr\"]" },
        { "audience", "[\"I\"]" },
        { "audience", "[\"ISRAELSYRIA\"]" },
        { "audience", "[\"IS R\"]" },
        { "audience", "[\"ISR\", \"ISR\"]" },
        { "audience", "[\"ISR\", \"SYR\", \"ISR\"]" },

        // clientTime: missing, wrong JSON type, not RFC 3339, no explicit offset.
        { "clientTime", null },
        { "clientTime", "1767690000" },
        { "clientTime", "\"\"" },
        { "clientTime", "\"2026-01-06T09:00:00\"" },
        { "clientTime", "\"2026-01-06T09:00:00.123\"" },
        { "clientTime", "\"2026-01-06T09:00:00+0200\"" },
        { "clientTime", "\"2026-01-06T09:00:00+02\"" },
        { "clientTime", "\"2026-01-06 09:00:00Z\"" },
        { "clientTime", "\"2026-01-06\"" },
        { "clientTime", "\"2026-01-06T09:00Z\"" },
        { "clientTime", "\"2026-13-06T09:00:00Z\"" },
        { "clientTime", "\"2026-01-06T25:00:00Z\"" },
        { "clientTime", "\"2026-01-06T09:00:00.12345678Z\"" },
        { "clientTime", "\" 2026-01-06T09:00:00Z\"" },
        { "clientTime", "\"06/01/2026 09:00:00 +00:00\"" },
        { "clientTime", "\"Tue, 06 Jan 2026 09:00:00 GMT\"" },
    };

    [Theory]
    [MemberData(nameof(BadHeaderFields))]
    public void Parse_BadHeaderField_IsPayloadInvalidNamingTheField(string field, string? valueJson)
    {
        var payload = TestPayloads.Statement();
        if (valueJson is null)
        {
            payload.Remove(field);
        }
        else
        {
            payload[field] = JsonNode.Parse(valueJson);
        }

        var result = EntryPayload.Parse(TestPayloads.Bytes(payload));

        var error = TestPayloads.ErrorOf(result);
        Assert.Equal("payload-invalid", error.Code);
        Assert.Equal(field, error.Extensions["field"]);
    }

    [Theory]
    [InlineData("2026-01-06T09:00:00Z", "2026-01-06T09:00:00.0000000+00:00")]
    [InlineData("2026-01-06T09:00:00.1Z", "2026-01-06T09:00:00.1000000+00:00")]
    [InlineData("2026-01-06T09:00:00.123Z", "2026-01-06T09:00:00.1230000+00:00")]
    [InlineData("2026-01-06T09:00:00.1234567Z", "2026-01-06T09:00:00.1234567+00:00")]
    [InlineData("2026-01-06T11:00:00+02:00", "2026-01-06T11:00:00.0000000+02:00")]
    [InlineData("2026-01-06T04:00:00-05:00", "2026-01-06T04:00:00.0000000-05:00")]
    [InlineData("2026-01-06T09:00:00+00:00", "2026-01-06T09:00:00.0000000+00:00")]
    [InlineData("2026-01-06T14:30:00.5+05:30", "2026-01-06T14:30:00.5000000+05:30")]
    public void Parse_ClientTimeWithZOrOffset_KeepsTheInstantAndTheOffset(string text, string expectedRoundTrip)
    {
        var payload = TestPayloads.Statement();
        payload["clientTime"] = text;

        var header = EntryPayload.Parse(TestPayloads.Bytes(payload)).Value;

        Assert.Equal(expectedRoundTrip, header.ClientTime.ToString("O", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("statement.issue")]
    [InlineData("key.enroll")]
    [InlineData("incident.report-v2")]
    [InlineData("x9.y8.z7")]
    public void Parse_DottedLowerCaseType_IsAccepted(string type)
    {
        var payload = TestPayloads.Statement();
        payload["type"] = type;

        var result = EntryPayload.Parse(TestPayloads.Bytes(payload));

        Assert.True(result.IsSuccess);
        Assert.Equal(type, result.Value.Type);
    }

    [Fact]
    public void Parse_UnknownButWellFormedType_IsLeftToAdmission()
    {
        var payload = TestPayloads.Statement();
        payload["type"] = "no.such-type";

        var result = EntryPayload.Parse(TestPayloads.Bytes(payload));

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void Parse_FirstProblem_IsReportedInHeaderOrder()
    {
        var payload = TestPayloads.Statement();
        payload.Remove("clientTime");
        payload["audience"] = new JsonArray();
        payload["mechanism"] = 1;

        var result = EntryPayload.Parse(TestPayloads.Bytes(payload));

        Assert.Equal("mechanism", TestPayloads.ErrorOf(result).Extensions["field"]);
    }
}
