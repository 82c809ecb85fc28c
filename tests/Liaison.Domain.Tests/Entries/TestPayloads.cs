using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;
using Liaison.Domain.Tests.Mechanism;

namespace Liaison.Domain.Tests.Entries;

/// <summary>Payloads, headers, members and configurations for the entry and key rule tests.</summary>
internal static class TestPayloads
{
    /// <summary>The client time every valid payload carries unless a test changes it.</summary>
    public static readonly DateTimeOffset ClientTime = new(2026, 1, 6, 9, 0, 0, TimeSpan.Zero);

    /// <summary>An Ed25519-sized public key; the rules never check it is on the curve.</summary>
    public static readonly byte[] PublicKey = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    /// <summary>The key id of <see cref="PublicKey"/>, computed by hand: the first 16 bytes of its SHA-256, in hex.</summary>
    public const string PublicKeyId = "630dcd2966c4336691125448bbb25b4f";

    private static readonly Lazy<MechanismConfig> Demo = new(() => Loaded(MechanismConfigLoader.Load(ConfigFixtures.DemoPath)));

    private static readonly Lazy<MechanismConfig> Minimal = new(() => Loaded(MechanismConfigLoader.Parse(ConfigFixtures.Minimal, "minimal.json", null)));

    /// <summary>The Israel–Syria demo configuration (ISR, SYR, USA convener, UNDOF observer; everyone may address everyone).</summary>
    public static MechanismConfig DemoConfig => Demo.Value;

    /// <summary>AAA and BBB parties, convener CON, observer OBS which may address only CON.</summary>
    public static MechanismConfig MinimalConfig => Minimal.Value;

    /// <summary>A valid <c>statement.issue</c> payload by <c>isr-officer</c> to ISR and SYR in the demo mechanism.</summary>
    public static JsonObject Statement() => new()
    {
        ["type"] = EntryTypes.StatementIssue,
        ["mechanism"] = "isr-syr",
        ["author"] = "isr-officer",
        ["audience"] = new JsonArray("ISR", "SYR"),
        ["clientTime"] = "2026-01-06T09:00:00Z",
        ["subject"] = "Notice",
        ["body"] = "Text",
        ["lang"] = "en",
    };

    /// <summary>A liaison officer of <paramref name="party"/>.</summary>
    public static Member Officer(string party = "ISR", string userName = "isr-officer") => new(userName, new PartyCode(party), new HashSet<Role> { Role.LiaisonOfficer });

    /// <summary>A member holding exactly <paramref name="roles"/>.</summary>
    public static Member MemberWith(string userName, string party, params Role[] roles) => new(userName, new PartyCode(party), new HashSet<Role>(roles));

    /// <summary>The UTF-8 bytes of a JSON node.</summary>
    public static byte[] Bytes(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node);

    /// <summary>The UTF-8 bytes of JSON text written by hand.</summary>
    public static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>Parses a payload that must be valid.</summary>
    public static EntryHeader Header(JsonObject payload)
    {
        var parsed = EntryPayload.Parse(Bytes(payload));
        Assert.True(parsed.IsSuccess, parsed.IsSuccess ? null : parsed.Error.Detail);
        return parsed.Value;
    }

    /// <summary>Every party of the demo configuration, the audience key enrolments and revocations must have.</summary>
    public static readonly string[] EveryDemoParty = ["ISR", "SYR", "USA", "UNDOF"];

    /// <summary>A header of <paramref name="type"/> whose body is <paramref name="fields"/> plus the common fields, addressed to every demo party unless told.</summary>
    public static EntryHeader Header(string type, JsonObject fields, string author = "isr-admin", string[]? audience = null)
    {
        var payload = new JsonObject
        {
            ["type"] = type,
            ["mechanism"] = "isr-syr",
            ["author"] = author,
            ["audience"] = new JsonArray([.. (audience ?? EveryDemoParty).Select(p => (JsonNode?)p)]),
            ["clientTime"] = "2026-01-06T09:00:00Z",
        };
        foreach (var (name, value) in fields)
        {
            payload[name] = value?.DeepClone();
        }

        return Header(payload);
    }

    /// <summary>The body element of a type's own fields, for calling a validator directly.</summary>
    public static JsonElement Body(JsonObject fields) => JsonDocument.Parse(Bytes(fields)).RootElement.Clone();

    /// <summary>The error of a result that must have failed.</summary>
    public static Error ErrorOf<T>(Result<T> result)
    {
        Assert.False(result.IsSuccess, "Expected a failure, got a success.");
        return result.Error;
    }

    private static MechanismConfig Loaded(Result<MechanismConfig> result)
    {
        Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Error.Detail);
        return result.Value;
    }
}
