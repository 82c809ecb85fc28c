using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Liaison.Domain.Entries;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Entries;

/// <summary>The signed payload's content: its JSON, mechanism, type, the author's role, the audience and the client's clock.</summary>
public sealed partial class EntrySubmissionTests
{
    [Theory]
    [InlineData("{\"type\": \"statement.issue\"")]
    [InlineData("not json")]
    [InlineData("[1, 2, 3]")]
    [InlineData("\"a string\"")]
    [InlineData("{\"type\": \"statement.issue\", \"type\": \"key.enroll\"}")]
    [InlineData("{\"type\": \"statement.issue\" /* a comment */}")]
    public async Task Submit_PayloadNotAJsonObject_Returns400PayloadMalformedJson(string payload)
    {
        var entry = app.Sign("isr-officer", Encoding.UTF8.GetBytes(payload));

        await AssertRefusedAsync("isr-officer", entry, HttpStatusCode.BadRequest, "payload-malformed-json");
    }

    [Theory]
    [InlineData("subject")]
    [InlineData("body")]
    [InlineData("note")]
    public async Task Submit_PayloadWithInvalidUtf8InAField_Returns400PayloadMalformedJson(string field)
    {
        var fields = LiaisonAppFixture.StatementFields();
        fields[field] = "before @@ after";
        var valid = app.Payload(EntryTypes.StatementIssue, "isr-officer", ["ISR"], fields);
        var at = valid.AsSpan().IndexOf("@@"u8);
        byte[] payload = [.. valid.AsSpan(0, at), 0xC3, 0x28, .. valid.AsSpan(at + 2)];
        var entry = app.Sign("isr-officer", payload);

        await AssertRefusedAsync("isr-officer", entry, HttpStatusCode.BadRequest, "payload-malformed-json");
    }

    [Fact]
    public async Task Submit_UnknownPayloadType_Returns400UnknownPayloadType()
    {
        var entry = app.Sign("isr-officer", app.Payload("weather.report", "isr-officer", ["ISR"], new JsonObject { ["subject"] = "Rain" }));

        var problem = await AssertRefusedAsync("isr-officer", entry, HttpStatusCode.BadRequest, "unknown-payload-type");

        Assert.Equal("weather.report", problem.GetProperty("entryType").GetString());
    }

    [Fact]
    public async Task Submit_PayloadForAnotherMechanism_Returns400WrongMechanism()
    {
        var entry = app.Sign("isr-officer", app.Payload(EntryTypes.StatementIssue, "isr-officer", ["ISR"], LiaisonAppFixture.StatementFields(), mechanism: "isr-lbn"));

        await AssertRefusedAsync("isr-officer", entry, HttpStatusCode.BadRequest, "wrong-mechanism");
    }

    [Fact]
    public async Task Submit_StatementWithoutItsBody_Returns400PayloadInvalid()
    {
        var fields = LiaisonAppFixture.StatementFields();
        fields.Remove("body");
        var entry = app.Sign("isr-officer", app.Payload(EntryTypes.StatementIssue, "isr-officer", ["ISR"], fields));

        var problem = await AssertRefusedAsync("isr-officer", entry, HttpStatusCode.BadRequest, "payload-invalid");

        Assert.Equal("body", problem.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("isr-analyst", EntryTypes.StatementIssue)]
    [InlineData("isr-officer", EntryTypes.KeyEnroll)]
    [InlineData("isr-admin", EntryTypes.StatementIssue)]
    [InlineData("isr-admin", EntryTypes.PartyRoot)]
    [InlineData("usa-admin", EntryTypes.MechanismEstablish)]
    public async Task Submit_TypeTheAuthorsRoleMayNotMake_Returns403RoleForbidden(string author, string type)
    {
        var party = app.User(author).Party;
        var fields = type switch
        {
            EntryTypes.StatementIssue => LiaisonAppFixture.StatementFields(),
            EntryTypes.KeyEnroll => EnrolmentFields("isr-duty"),
            EntryTypes.PartyRoot => new JsonObject { ["publicKey"] = Convert.ToBase64String(new byte[32]) },
            _ => new JsonObject { ["name"] = "Another mechanism", ["configSha256"] = new string('0', 64) },
        };
        var entry = app.Sign(author, app.Payload(type, author, [party], fields));

        var problem = await AssertRefusedAsync(author, entry, HttpStatusCode.Forbidden, "role-forbidden");

        Assert.Equal(type, problem.GetProperty("entryType").GetString());
    }

    [Theory]
    [InlineData("ISR XYZ", "XYZ")]
    [InlineData("ISR EGY", "EGY")]
    [InlineData("SYR", "ISR")]
    [InlineData("SYR USA UNDOF", "ISR")]
    public async Task Submit_AudienceTheAuthorMayNotAddress_Returns403AudienceForbidden(string audience, string refusedParty)
    {
        var entry = app.Sign("isr-officer", app.Statement("isr-officer", audience.Split(' ')));

        var problem = await AssertRefusedAsync("isr-officer", entry, HttpStatusCode.Forbidden, "audience-forbidden");

        Assert.Equal(refusedParty, problem.GetProperty("party").GetString());
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(3600)]
    [InlineData(-86400)]
    public async Task Submit_ClientTimeMoreThanFiveMinutesFromTheServers_Returns400ClockSkew(int offsetSeconds)
    {
        var now = app.Time.GetUtcNow();
        var entry = app.Sign("syr-duty", app.Statement("syr-duty", ["SYR"], clientTime: now.AddSeconds(offsetSeconds)));

        var problem = await AssertRefusedAsync("syr-duty", entry, HttpStatusCode.BadRequest, "clock-skew");

        Assert.Equal(300, problem.GetProperty("allowedSeconds").GetDouble());
        Assert.Equal(now, problem.GetProperty("serverTime").GetDateTimeOffset());
    }

    [Theory]
    [InlineData(300)]
    [InlineData(-300)]
    [InlineData(0)]
    public async Task Submit_ClientTimeWithinFiveMinutesOfTheServers_IsAccepted(int offsetSeconds)
    {
        using var client = app.CreateClientFor("syr-duty");
        var entry = app.Sign("syr-duty", app.Statement("syr-duty", ["SYR"], clientTime: app.Time.GetUtcNow().AddSeconds(offsetSeconds)));

        using var response = await client.SubmitEntryAsync(entry);

        await response.ReadJsonAsync(HttpStatusCode.Created);
    }

    private static JsonObject EnrolmentFields(string subject)
    {
        using var key = Ledger.Crypto.Ed25519PrivateKey.Generate();
        return new JsonObject { ["subject"] = subject, ["publicKey"] = key.PublicKey.ToBase64(), ["keyId"] = KeyId.For(key.PublicKey.Bytes).Value };
    }
}
