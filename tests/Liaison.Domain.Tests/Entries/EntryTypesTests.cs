using System.Text.Json.Nodes;
using Liaison.Domain.Entries;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Tests.Entries;

public sealed class EntryTypesTests
{
    private static readonly string PublicKeyBase64 = Convert.ToBase64String(TestPayloads.PublicKey);

    [Fact]
    public void All_FoundationTypes_AreRegisteredByTheirNames()
    {
        var names = EntryTypes.All.Keys.ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["key.enroll", "key.revoke", "mechanism.establish", "party.root", "statement.issue"], StringComparer.Ordinal), names);
        Assert.All(EntryTypes.All, pair => Assert.Equal(pair.Key, pair.Value.Name));
    }

    [Theory]
    [InlineData("party.root", "")]
    [InlineData("mechanism.establish", "")]
    [InlineData("key.enroll", "administrator")]
    [InlineData("key.revoke", "administrator,analyst,commander,duty-officer,liaison-officer,mediator,observer")]
    [InlineData("statement.issue", "commander,duty-officer,liaison-officer,mediator,observer")]
    public void TryGet_KnownType_HasItsAuthorRoles(string name, string roles)
    {
        var found = EntryTypes.TryGet(name, out var type);

        Assert.True(found);
        Assert.Equal(roles, string.Join(',', type.AuthorRoles.Select(r => r.Code()).Order(StringComparer.Ordinal)));
        Assert.Equal(roles.Length > 0, type.IsUserAuthored);
    }

    [Theory]
    [InlineData("key.enroll", true)]
    [InlineData("key.revoke", true)]
    [InlineData("statement.issue", false)]
    [InlineData("party.root", false)]
    [InlineData("mechanism.establish", false)]
    public void AddressedToAll_KeyEntries_MustReachEveryParty(string name, bool expected)
    {
        var type = EntryTypes.All[name];

        Assert.Equal(expected, type.AddressedToAll);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Statement.Issue")]
    [InlineData("statement.issue ")]
    [InlineData("memo.unknown")]
    public void TryGet_UnknownName_IsFalse(string name)
    {
        var found = EntryTypes.TryGet(name, out _);

        Assert.False(found);
    }

    /// <summary>A type, its valid fields as JSON, one field to change (new JSON value, null: removed), and whether the result must be valid.</summary>
    public static TheoryData<string, string, string, string?, bool> BodyCases
    {
        get
        {
            var statement = """{"subject":"Notice","body":"Text","lang":"en"}""";
            var enroll = $$"""{"subject":"isr-officer","publicKey":"{{PublicKeyBase64}}","keyId":"{{TestPayloads.PublicKeyId}}"}""";
            var revoke = $$"""{"keyId":"{{TestPayloads.PublicKeyId}}","reason":"lost laptop"}""";
            var root = $$"""{"publicKey":"{{PublicKeyBase64}}"}""";
            var establish = $$"""{"name":"Test mechanism","configSha256":"{{new string('a', 64)}}","logOrigin":"liaison.local/isr-syr","logKey":"liaison.local/isr-syr+01234567+AAAA","serverKey":"{{PublicKeyBase64}}"}""";
            var s = (int n) => $"\"{new string('x', n)}\"";
            var b64 = (int n) => $"\"{Convert.ToBase64String(new byte[n])}\"";
            return new()
            {
                // statement.issue: subject ≤ 300, body ≤ 100 000, lang a BCP 47 tag.
                { "statement.issue", statement, "subject", "\"Notice\"", true },
                { "statement.issue", statement, "subject", s(300), true },
                { "statement.issue", statement, "subject", s(301), false },
                { "statement.issue", statement, "subject", null, false },
                { "statement.issue", statement, "subject", "\"\"", false },
                { "statement.issue", statement, "subject", "\" \\t\\n\"", false },
                { "statement.issue", statement, "subject", "42", false },
                { "statement.issue", statement, "subject", "null", false },
                { "statement.issue", statement, "body", s(100_000), true },
                { "statement.issue", statement, "body", s(100_001), false },
                { "statement.issue", statement, "body", null, false },
                { "statement.issue", statement, "body", "[\"Text\"]", false },
                { "statement.issue", statement, "lang", "\"he\"", true },
                { "statement.issue", statement, "lang", "\"ar-SY\"", true },
                { "statement.issue", statement, "lang", "\"zh-Hant-TW\"", true },
                { "statement.issue", statement, "lang", "\"e\"", false },
                { "statement.issue", statement, "lang", "\"english\"", false },
                { "statement.issue", statement, "lang", "\"en_US\"", false },
                { "statement.issue", statement, "lang", "\"en-\"", false },
                { "statement.issue", statement, "lang", s(36), false },
                { "statement.issue", statement, "lang", null, false },

                // key.enroll: subject ≤ 64, a 32-byte public key, and the key id that matches it.
                { "key.enroll", enroll, "subject", s(64), true },
                { "key.enroll", enroll, "subject", s(65), false },
                { "key.enroll", enroll, "subject", null, false },
                { "key.enroll", enroll, "subject", "\"\"", false },
                { "key.enroll", enroll, "publicKey", null, false },
                { "key.enroll", enroll, "publicKey", b64(31), false },
                { "key.enroll", enroll, "publicKey", b64(33), false },
                { "key.enroll", enroll, "publicKey", b64(64), false },
                { "key.enroll", enroll, "publicKey", "\"not base64!\"", false },
                { "key.enroll", enroll, "publicKey", "42", false },
                { "key.enroll", enroll, "keyId", null, false },
                { "key.enroll", enroll, "keyId", "\"66687aadf862bd776c8fc18b8e9f8e20\"", false },
                { "key.enroll", enroll, "keyId", $"\"{TestPayloads.PublicKeyId.ToUpperInvariant()}\"", false },
                { "key.enroll", enroll, "keyId", $"\"{TestPayloads.PublicKeyId}0\"", false },
                { "key.enroll", enroll, "keyId", $"\"{TestPayloads.PublicKeyId[..^1]}\"", false },

                // key.revoke: a well-formed key id and a reason ≤ 2 000.
                { "key.revoke", revoke, "keyId", "\"66687aadf862bd776c8fc18b8e9f8e20\"", true },
                { "key.revoke", revoke, "keyId", null, false },
                { "key.revoke", revoke, "keyId", $"\"{TestPayloads.PublicKeyId.ToUpperInvariant()}\"", false },
                { "key.revoke", revoke, "keyId", $"\"{TestPayloads.PublicKeyId[..^1]}g\"", false },
                { "key.revoke", revoke, "keyId", $"\"{TestPayloads.PublicKeyId[..^1]}\"", false },
                { "key.revoke", revoke, "keyId", $"\"{TestPayloads.PublicKeyId}0\"", false },
                { "key.revoke", revoke, "reason", s(2_000), true },
                { "key.revoke", revoke, "reason", s(2_001), false },
                { "key.revoke", revoke, "reason", null, false },
                { "key.revoke", revoke, "reason", "\"  \"", false },

                // party.root: a 32-byte public key.
                { "party.root", root, "publicKey", b64(32), true },
                { "party.root", root, "publicKey", b64(31), false },
                { "party.root", root, "publicKey", null, false },
                { "party.root", root, "publicKey", "\"\"", false },

                // mechanism.establish: a name ≤ 500 and the configuration hash ≤ 64.
                { "mechanism.establish", establish, "name", s(500), true },
                { "mechanism.establish", establish, "name", s(501), false },
                { "mechanism.establish", establish, "name", null, false },
                { "mechanism.establish", establish, "configSha256", s(65), false },
                { "mechanism.establish", establish, "configSha256", null, false },
                { "mechanism.establish", establish, "logOrigin", s(200), true },
                { "mechanism.establish", establish, "logOrigin", s(201), false },
                { "mechanism.establish", establish, "logOrigin", null, false },
                { "mechanism.establish", establish, "logKey", s(500), true },
                { "mechanism.establish", establish, "logKey", s(501), false },
                { "mechanism.establish", establish, "logKey", "\"\"", false },
                { "mechanism.establish", establish, "serverKey", b64(31), false },
                { "mechanism.establish", establish, "serverKey", null, false },
            };
        }
    }

    [Theory]
    [MemberData(nameof(BodyCases))]
    public void ValidateBody_FieldBoundary_AcceptsOrRefusesNamingTheField(string typeName, string validJson, string field, string? valueJson, bool valid)
    {
        var body = JsonNode.Parse(validJson)!.AsObject();
        if (valueJson is null)
        {
            body.Remove(field);
        }
        else
        {
            body[field] = JsonNode.Parse(valueJson);
        }

        var result = EntryTypes.All[typeName].ValidateBody(TestPayloads.Body(body));

        Assert.Equal(valid, result.IsSuccess);
        if (!valid)
        {
            Assert.Equal("payload-invalid", result.Error.Code);
            Assert.Equal(field, result.Error.Extensions["field"]);
        }
    }

    [Theory]
    [InlineData("statement.issue", """{"subject":"Notice","body":"Text","lang":"en"}""")]
    [InlineData("key.revoke", """{"keyId":"66687aadf862bd776c8fc18b8e9f8e20","reason":"lost"}""")]
    public void ValidateBody_ExtraFields_AreIgnored(string typeName, string json)
    {
        var body = JsonNode.Parse(json)!.AsObject();
        body["extra"] = new JsonObject { ["nested"] = 1 };

        var result = EntryTypes.All[typeName].ValidateBody(TestPayloads.Body(body));

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void ValidateBody_KeyEnrollFirstProblem_IsReportedInFieldOrder()
    {
        var body = new JsonObject { ["publicKey"] = "x", ["keyId"] = "y" };

        var result = EntryTypes.All[EntryTypes.KeyEnroll].ValidateBody(TestPayloads.Body(body));

        Assert.Equal("subject", TestPayloads.ErrorOf(result).Extensions["field"]);
    }

    [Fact]
    public void Roles_EveryRole_MayRevokeKeys()
    {
        var revoke = EntryTypes.All[EntryTypes.KeyRevoke];

        Assert.All(Enum.GetValues<Role>(), role => Assert.Contains(role, revoke.AuthorRoles));
    }
}
