using Liaison.Domain.Mechanism;

namespace Liaison.Domain.Tests.Mechanism;

public sealed partial class MechanismConfigLoaderTests
{
    /// <summary>
    /// One change to the minimal configuration (target, new value as JSON or null to remove), and a problem it must
    /// cause: its JSON path and a fragment of its message.
    /// </summary>
    public static TheoryData<string, string?, string, string> BadInputs => new()
    {
        // Shape: missing, unknown and repeated properties, wrong types.
        { "tracks", null, "$.tracks", "required property is missing" },
        { "parties[0].name", null, "$.parties[0].name", "required property is missing" },
        { "parties[0].knd", "\"party\"", "$.parties[0].knd", "unknown property 'knd' (did you mean 'kind'?); allowed: code, name, kind, mayAddress, languages" },
        { "$schema", "\"x\"", "$['$schema']", "unknown property '$schema'" },
        { "parties", "\"ISR\"", "$.parties", "expected an array, found a string" },
        { "parties[1]", "[]", "$.parties[1]", "expected an object, found an array" },
        { "name", "42", "$.name", "expected a string, found a number" },
        { "name", "\"  \"", "$.name", "must not be empty" },
        { "id", "\"Isr Syr\"", "$.id", "'Isr Syr' is not a lower-case code" },

        // Enumerations say what is allowed.
        { "parties[2].kind", "\"obsever\"", "$.parties[2].kind", "'obsever' is not allowed; expected one of: party, convener, observer" },
        { "zones", $"[{ConfigFixtures.ValidZone.Replace("prohibited", "buffer", StringComparison.Ordinal)}]", "$.zones[0].kind", "'buffer' is not allowed; expected one of: prohibited, limitation-band, protected-community, humanitarian-corridor, observation-post" },

        // Parties.
        { "parties[1].code", "\"AAA\"", "$.parties[1].code", "duplicate party code 'AAA'; first used at $.parties[0].code" },
        { "parties[1].code", "\"bbb\"", "$.parties[1].code", "'bbb' is not a party code" },
        { "parties[3].kind", "\"convener\"", "$.parties", "needs exactly one party of kind 'convener', found 2 (CON, OBS)" },
        { "parties[2].kind", "\"observer\"", "$.parties", "needs exactly one party of kind 'convener', found 0" },
        { "parties[1].kind", "\"observer\"", "$.parties", "needs at least two parties of kind 'party', found 1" },
        { "parties[0].mayAddress", "[\"BBB\", \"LBN\"]", "$.parties[0].mayAddress[1]", "unknown party 'LBN'; the parties are AAA, BBB, CON, OBS" },
        { "parties[0].mayAddress", "[\"BBB\", \"BBB\", \"CON\"]", "$.parties[0].mayAddress[1]", "\"BBB\" is listed more than once" },
        { "parties[0].languages", "[]", "$.parties[0].languages", "must not be empty" },
        { "parties[0].languages", "[\"english\"]", "$.parties[0].languages[0]", "'english' is not a BCP 47 language tag" },

        // Roles.
        { "roles", "{ \"party\": [\"mediator\"] }", "$.roles.party[0]", "role 'mediator' is not allowed for kind 'party'; allowed: liaison-officer, duty-officer, commander, analyst, administrator" },
        { "roles", "{ \"observer\": [\"pilot\"] }", "$.roles.observer[0]", "'pilot' is not a role; expected one of: liaison-officer" },
        { "roles", "{ \"partys\": [\"analyst\"] }", "$.roles.partys", "unknown property 'partys' (did you mean 'party'?)" },
        { "roles", "{ \"convener\": [] }", "$.roles.convener", "must not be empty" },

        // Tracks and channels.
        { "tracks[1]", "{ \"code\": \"security\", \"name\": \"Again\" }", "$.tracks[1].code", "duplicate track code 'security'; first used at $.tracks[0].code" },
        { "channels[0].track", "\"securty\"", "$.channels[0].track", "unknown track 'securty'; the tracks are security" },
        { "channels[0].parties", "[\"AAA\", \"LBN\"]", "$.channels[0].parties[1]", "unknown party 'LBN'" },
        { "channels[0].parties", "[\"AAA\"]", "$.channels[0].parties", "needs at least 2 items, found 1" },
        { "channels[0].observers", "[\"CON\", \"AAA\"]", "$.channels[0].observers[1]", "'AAA' is already a party of this channel" },
        { "channels[0].observers", "[]", "$.channels[0].observers", "the convener 'CON' must be a party or an observer of every channel" },
        { "channels[0].observers", "[\"CON\", \"OBS\"]", "$.channels[0].observers", "'AAA' may not address 'OBS' (see its mayAddress), yet 'OBS' reads this channel" },
        { "channels[1]", "{ \"code\": \"aaa-bbb-security\", \"track\": \"security\", \"parties\": [\"AAA\", \"BBB\"], \"observers\": [\"CON\"] }", "$.channels[1].code", "duplicate channel code 'aaa-bbb-security'" },

        // Deadlines.
        { "deadlines", "{ \"explanationReply\": \"48h\" }", "$.deadlines.explanationReply", "'48h' is not an ISO 8601 duration such as 'PT5M', 'PT48H' or 'P15D'" },
        { "deadlines", "{ \"verificationCadence\": \"P1M\" }", "$.deadlines.verificationCadence", "years and months are not allowed because their length varies" },
        { "deadlines", "{ \"linkTestInterval\": 3600 }", "$.deadlines.linkTestInterval", "expected a string, found a number" },
        { "deadlines", "{ \"acknowledgement\": { \"flash\": \"PT0S\" } }", "$.deadlines.acknowledgement.flash", "'PT0S' must be longer than zero" },
        { "deadlines", "{ \"acknowledgement\": { \"flash\": \"PT1H\", \"immediate\": \"PT30M\" } }", "$.deadlines.acknowledgement.immediate", "PT30M is shorter than 'flash' (PT1H)" },
        { "deadlines", "{ \"acknowledgement\": { \"urgent\": \"PT1H\" } }", "$.deadlines.acknowledgement.urgent", "unknown property 'urgent'; allowed: flash, immediate, priority, routine" },
        { "deadlines", "{ \"noticeLeadTimes\": [{ \"code\": \"air\", \"activities\": [\"uav\"], \"withinKm\": 5, \"lead\": \"PT1H\" }] }", "$.deadlines.noticeLeadTimes[0].withinKm", "needs 'zoneKind'" },
        { "deadlines", "{ \"noticeLeadTimes\": [{ \"code\": \"air\", \"activities\": [], \"lead\": \"PT1H\" }] }", "$.deadlines.noticeLeadTimes[0].activities", "must not be empty" },

        // Zones.
        { "zones", "[{ \"code\": \"aos\", \"name\": \"AoS\", \"kind\": \"prohibited\", \"source\": \"zones/missing.geojson\" }]", "$.zones[0].source", "zone file 'zones/missing.geojson' not found" },
        { "zones", "[{ \"code\": \"aos\", \"name\": \"AoS\", \"kind\": \"prohibited\", \"source\": \"/etc/hosts\" }]", "$.zones[0].source", "'/etc/hosts' must be a path relative to the configuration file" },
        { "zones", "[{ \"code\": \"aos\", \"name\": \"AoS\", \"kind\": \"prohibited\", \"source\": \"../config/zones/ne_undof_zone.geojson\" }]", "$.zones[0].source", "must stay inside the configuration file's folder (no '..')" },
        { "zones", $"[{ConfigFixtures.ValidZone}, {ConfigFixtures.ValidZone}]", "$.zones[1].code", "duplicate zone code 'aos'; first used at $.zones[0].code" },
        { "zones", "[{ \"code\": \"aol\", \"name\": \"AoL\", \"kind\": \"limitation-band\", \"source\": \"zones/ne_undof_zone.geojson\", \"rules\": { \"maxTanks\": -1 } }]", "$.zones[0].rules.maxTanks", "-1 is not a whole number from 0 to 2147483647" },
        { "zones", "[{ \"code\": \"aol\", \"name\": \"AoL\", \"kind\": \"limitation-band\", \"source\": \"zones/ne_undof_zone.geojson\", \"rules\": { \"depthBandKm\": { \"from\": 10, \"to\": 5 } } }]", "$.zones[0].rules.depthBandKm.to", "must be greater than 'from' (10 km)" },
        { "zones", "[{ \"code\": \"aol\", \"name\": \"AoL\", \"kind\": \"limitation-band\", \"source\": \"zones/ne_undof_zone.geojson\", \"rules\": { \"maxTank\": 5 } }]", "$.zones[0].rules.maxTank", "unknown property 'maxTank' (did you mean 'maxTanks'?)" },

        // Commitments.
        { "commitments", "[{ \"code\": \"no-smuggling\", \"party\": \"ZZZ\", \"title\": \"T\", \"indicators\": [\"i\"], \"reportingPeriod\": \"P30D\" }]", "$.commitments[0].party", "unknown party 'ZZZ'" },
        { "commitments", "[{ \"code\": \"no-smuggling\", \"party\": \"BBB\", \"title\": \"T\", \"indicators\": [], \"reportingPeriod\": \"P30D\" }]", "$.commitments[0].indicators", "must not be empty" },
        { "commitments", "[{ \"code\": \"no-smuggling\", \"party\": \"BBB\", \"title\": \"T\", \"indicators\": [\"i\"] }]", "$.commitments[0].reportingPeriod", "required property is missing" },

        // Tiers and limits.
        { "tierPolicy", "{ \"startingTier\": \"T9\" }", "$.tierPolicy.startingTier", "unknown tier 'T9'; the tiers are T0, T1, T2, T3, T4" },
        { "tierPolicy", "{ \"tiers\": [{ \"code\": \"T0\", \"name\": \"a\", \"capabilities\": [\"hotline\"] }, { \"code\": \"T1\", \"name\": \"b\", \"capabilities\": [\"hotline\"] }] }", "$.tierPolicy.tiers[1].capabilities[0]", "'hotline' is already granted by tier 'T0'" },
        { "tierPolicy", "{ \"tiers\": [] }", "$.tierPolicy.tiers", "must not be empty" },
        { "tierPolicy", "{ \"promotion\": { \"minCompositeCompliance\": 1.5 } }", "$.tierPolicy.promotion.minCompositeCompliance", "1.5 is not a number from 0 to 1" },
        { "tierPolicy", "{ \"promotion\": { \"convenerAttestationRequired\": \"yes\" } }", "$.tierPolicy.promotion.convenerAttestationRequired", "expected true or false, found a string" },
        { "limits", "{ \"maxPayloadBytes\": 0 }", "$.limits.maxPayloadBytes", "0 is not a whole number from 1 to 2147483647" },
        { "limits", "{ \"maxPayloadBytes\": 1.5 }", "$.limits.maxPayloadBytes", "1.5 is not a whole number" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Parse_BadInput_ReportsPathAndMessage(string target, string? valueJson, string expectedPath, string expectedMessage)
    {
        var json = ConfigFixtures.With(ConfigFixtures.Minimal, target, valueJson);

        var problems = ProblemsOf(MechanismConfigLoader.Parse(json, "bad.json", ConfigFixtures.ConfigDirectory));

        Assert.Contains(
            problems,
            p => p.JsonPath == expectedPath && p.Message.Contains(expectedMessage, StringComparison.Ordinal) && p.File == "bad.json");
    }

    [Fact]
    public void Parse_RepeatedProperty_IsReported()
    {
        var json = ConfigFixtures.Minimal.Replace("\"id\": \"aaa-bbb\",", "\"id\": \"aaa-bbb\", \"id\": \"aaa-ccc\",", StringComparison.Ordinal);

        var problem = Assert.Single(ProblemsOf(MechanismConfigLoader.Parse(json, "repeat.json", null)));

        Assert.Equal(new ConfigProblem("repeat.json", "$.id", "property 'id' appears more than once"), problem);
    }

    [Fact]
    public void Parse_RootNotAnObject_IsReported()
    {
        var problem = Assert.Single(ProblemsOf(MechanismConfigLoader.Parse("[1, 2]", "array.json", null)));

        Assert.Equal(new ConfigProblem("array.json", "$", "expected an object, found an array"), problem);
    }
}
