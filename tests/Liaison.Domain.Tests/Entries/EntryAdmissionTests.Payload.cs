using System.Text.Json.Nodes;
using Liaison.Domain.Entries;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;
using Liaison.Domain.Tests.Mechanism;

namespace Liaison.Domain.Tests.Entries;

public sealed partial class EntryAdmissionTests
{
    private static readonly DateTimeOffset Now = TestPayloads.ClientTime;

    private static readonly Lazy<MechanismConfig> ThirtySecondSkew = new(() =>
        MechanismConfigLoader.Parse(
            ConfigFixtures.With(ConfigFixtures.Minimal, "limits", """{ "maxPayloadBytes": 1000, "maxClockSkew": "PT30S" }"""),
            "skew.json",
            null).Value);

    [Fact]
    public void CheckPayload_ValidStatement_ReturnsTheHeader()
    {
        var header = TestPayloads.Header(TestPayloads.Statement());

        var result = EntryAdmission.CheckPayload(header, TestPayloads.Officer(), TestPayloads.DemoConfig, Now);

        Assert.True(result.IsSuccess);
        Assert.Same(header, result.Value);
    }

    /// <summary>A change to the valid statement by isr-officer (field, new JSON value or null to remove) and the error it must cause.</summary>
    public static TheoryData<string, string?, string> RefusedPayloads => new()
    {
        { "mechanism", "\"isr-lbn\"", "wrong-mechanism" },
        { "mechanism", "\"ISR-SYR\"", "wrong-mechanism" },
        { "mechanism", "\" \"", "wrong-mechanism" },
        { "author", "\"syr-officer\"", "author-mismatch" },
        { "author", "\"ISR-OFFICER\"", "author-mismatch" },
        { "author", "\" \"", "author-mismatch" },
        { "type", "\"no.such-type\"", "unknown-payload-type" },
        { "type", "\"statement.issued\"", "unknown-payload-type" },
        { "type", "\"party.root\"", "role-forbidden" },
        { "type", "\"mechanism.establish\"", "role-forbidden" },
        { "type", "\"key.enroll\"", "role-forbidden" },
        { "audience", "[\"SYR\"]", "audience-forbidden" },
        { "audience", "[\"ISR\", \"LBN\"]", "audience-forbidden" },
        { "audience", "[\"USA\", \"UNDOF\"]", "audience-forbidden" },
        { "subject", null, "payload-invalid" },
        { "body", "\"   \"", "payload-invalid" },
        { "lang", "\"english\"", "payload-invalid" },
    };

    [Theory]
    [MemberData(nameof(RefusedPayloads))]
    public void CheckPayload_OneRuleBroken_IsThatRulesError(string field, string? valueJson, string expectedCode)
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

        var result = EntryAdmission.CheckPayload(TestPayloads.Header(payload), TestPayloads.Officer(), TestPayloads.DemoConfig, Now);

        Assert.Equal(expectedCode, TestPayloads.ErrorOf(result).Code);
    }

    [Fact]
    public void CheckPayload_UnknownType_NamesTheType()
    {
        var payload = TestPayloads.Statement();
        payload["type"] = "no.such-type";

        var result = EntryAdmission.CheckPayload(TestPayloads.Header(payload), TestPayloads.Officer(), TestPayloads.DemoConfig, Now);

        Assert.Equal("no.such-type", TestPayloads.ErrorOf(result).Extensions["entryType"]);
    }

    [Fact]
    public void CheckPayload_AudienceWithoutOwnParty_NamesTheAuthorsParty()
    {
        var payload = TestPayloads.Statement();
        payload["audience"] = new JsonArray("SYR", "USA");

        var result = EntryAdmission.CheckPayload(TestPayloads.Header(payload), TestPayloads.Officer(), TestPayloads.DemoConfig, Now);

        var error = TestPayloads.ErrorOf(result);
        Assert.Equal("audience-forbidden", error.Code);
        Assert.Equal("ISR", error.Extensions["party"]);
    }

    [Theory]
    [InlineData("isr-officer", "ISR", Role.LiaisonOfficer)]
    [InlineData("isr-duty", "ISR", Role.DutyOfficer)]
    [InlineData("syr-commander", "SYR", Role.Commander)]
    [InlineData("usa-mediator", "USA", Role.Mediator)]
    [InlineData("undof-observer", "UNDOF", Role.Observer)]
    public void CheckPayload_StatementByARoleThatMayIssueIt_Succeeds(string userName, string party, Role role)
    {
        var payload = TestPayloads.Statement();
        payload["author"] = userName;
        payload["audience"] = new JsonArray(party);
        var user = TestPayloads.MemberWith(userName, party, role);

        var result = EntryAdmission.CheckPayload(TestPayloads.Header(payload), user, TestPayloads.DemoConfig, Now);

        Assert.True(result.IsSuccess);
    }

    [Theory]
    [InlineData(Role.Analyst)]
    [InlineData(Role.Administrator)]
    public void CheckPayload_StatementByARoleThatMayNotIssueIt_IsRoleForbidden(Role role)
    {
        var user = TestPayloads.MemberWith("isr-officer", "ISR", role);

        var result = EntryAdmission.CheckPayload(TestPayloads.Header(TestPayloads.Statement()), user, TestPayloads.DemoConfig, Now);

        var error = TestPayloads.ErrorOf(result);
        Assert.Equal("role-forbidden", error.Code);
        Assert.Equal(EntryTypes.StatementIssue, error.Extensions["entryType"]);
    }

    [Fact]
    public void CheckPayload_UserWithNoRoles_IsRoleForbidden()
    {
        var user = TestPayloads.MemberWith("isr-officer", "ISR");

        var result = EntryAdmission.CheckPayload(TestPayloads.Header(TestPayloads.Statement()), user, TestPayloads.DemoConfig, Now);

        Assert.Equal("role-forbidden", TestPayloads.ErrorOf(result).Code);
    }

    [Fact]
    public void CheckPayload_PartyRootByAnAdministrator_IsRoleForbidden()
    {
        var header = TestPayloads.Header(EntryTypes.PartyRoot, new JsonObject { ["publicKey"] = Convert.ToBase64String(TestPayloads.PublicKey) });
        var admin = TestPayloads.MemberWith("isr-admin", "ISR", Enum.GetValues<Role>());

        var result = EntryAdmission.CheckPayload(header, admin, TestPayloads.DemoConfig, Now);

        Assert.Equal("role-forbidden", TestPayloads.ErrorOf(result).Code);
    }

    [Fact]
    public void CheckPayload_KeyEnrollByAnAdministrator_Succeeds()
    {
        var header = TestPayloads.Header(EntryTypes.KeyEnroll, new JsonObject
        {
            ["subject"] = "isr-officer",
            ["publicKey"] = Convert.ToBase64String(TestPayloads.PublicKey),
            ["keyId"] = TestPayloads.PublicKeyId,
        });

        var result = EntryAdmission.CheckPayload(header, TestPayloads.MemberWith("isr-admin", "ISR", Role.Administrator), TestPayloads.DemoConfig, Now);

        Assert.True(result.IsSuccess);
    }

    [Theory]
    [InlineData(Role.LiaisonOfficer)]
    [InlineData(Role.Analyst)]
    [InlineData(Role.Administrator)]
    public void CheckPayload_KeyRevokeByAnyRole_Succeeds(Role role)
    {
        var header = TestPayloads.Header(EntryTypes.KeyRevoke, new JsonObject { ["keyId"] = TestPayloads.PublicKeyId, ["reason"] = "lost laptop" }, author: "isr-officer");

        var result = EntryAdmission.CheckPayload(header, TestPayloads.MemberWith("isr-officer", "ISR", role), TestPayloads.DemoConfig, Now);

        Assert.True(result.IsSuccess);
    }

    [Theory]
    [InlineData("key.revoke", "ISR", "SYR")]
    [InlineData("key.revoke", "ISR,USA,UNDOF", "SYR")]
    [InlineData("key.revoke", "UNDOF,USA,SYR,ISR", "")]
    [InlineData("key.enroll", "ISR,SYR,USA", "UNDOF")]
    [InlineData("key.enroll", "SYR,USA,UNDOF", "ISR")]
    [InlineData("key.enroll", "ISR,SYR,USA,UNDOF", "")]
    public void CheckPayload_KeyEntryAudience_MustBeEveryPartyInAnyOrder(string type, string audience, string missing)
    {
        JsonObject fields = type == EntryTypes.KeyEnroll
            ? new() { ["subject"] = "isr-officer", ["publicKey"] = Convert.ToBase64String(TestPayloads.PublicKey), ["keyId"] = TestPayloads.PublicKeyId }
            : new() { ["keyId"] = TestPayloads.PublicKeyId, ["reason"] = "lost" };
        var header = TestPayloads.Header(type, fields, audience: audience.Split(',', StringSplitOptions.RemoveEmptyEntries));

        var result = EntryAdmission.CheckPayload(header, TestPayloads.MemberWith("isr-admin", "ISR", Role.Administrator), TestPayloads.DemoConfig, Now);

        Assert.Equal(missing.Length == 0, result.IsSuccess);
        Assert.True(missing.Length == 0 || (result.Error.Code == "audience-forbidden" && (string)result.Error.Extensions["party"]! == missing));
    }

    [Fact]
    public void CheckPayload_StatementToSomeParties_NeedNotReachEveryParty()
    {
        var payload = TestPayloads.Statement();
        payload["audience"] = new JsonArray("ISR");

        var result = EntryAdmission.CheckPayload(TestPayloads.Header(payload), TestPayloads.Officer(), TestPayloads.DemoConfig, Now);

        Assert.True(result.IsSuccess);
    }

    /// <summary>Rules are checked in a fixed order: mechanism, author, type, role, audience, clock, body.</summary>
    public static TheoryData<string, string> RuleOrder => new()
    {
        { """{"mechanism":"other","author":"someone","type":"no.such-type"}""", "wrong-mechanism" },
        { """{"author":"someone","type":"no.such-type","audience":["LBN"]}""", "author-mismatch" },
        { """{"type":"no.such-type","audience":["LBN"],"clientTime":"2030-01-01T00:00:00Z"}""", "unknown-payload-type" },
        { """{"type":"key.enroll","audience":["LBN"],"clientTime":"2030-01-01T00:00:00Z"}""", "role-forbidden" },
        { """{"audience":["LBN"],"clientTime":"2030-01-01T00:00:00Z","subject":""}""", "audience-forbidden" },
        { """{"clientTime":"2030-01-01T00:00:00Z","subject":""}""", "clock-skew" },
    };

    [Theory]
    [MemberData(nameof(RuleOrder))]
    public void CheckPayload_SeveralRulesBroken_IsTheFirstRulesError(string changes, string expectedCode)
    {
        var payload = TestPayloads.Statement();
        foreach (var (name, value) in JsonNode.Parse(changes)!.AsObject())
        {
            payload[name] = value?.DeepClone();
        }

        var result = EntryAdmission.CheckPayload(TestPayloads.Header(payload), TestPayloads.Officer(), TestPayloads.DemoConfig, Now);

        Assert.Equal(expectedCode, TestPayloads.ErrorOf(result).Code);
    }
}
