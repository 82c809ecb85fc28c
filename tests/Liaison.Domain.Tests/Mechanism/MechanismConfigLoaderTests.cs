using Liaison.Domain.Common;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Tests.Mechanism;

public sealed partial class MechanismConfigLoaderTests
{
    [Fact]
    public void Load_DemoConfig_Succeeds()
    {
        var result = MechanismConfigLoader.Load(ConfigFixtures.DemoPath);

        Assert.True(result.IsSuccess, result.IsSuccess ? null : string.Join(Environment.NewLine, MechanismConfigLoader.ProblemsOf(result.Error)));
        var config = result.Value;
        Assert.Equal("isr-syr", config.Id);
        Assert.Equal(["ISR", "SYR", "USA", "UNDOF"], config.Parties.Select(p => p.Code.Value));
        Assert.Equal("USA", config.Convener.Code.Value);
        Assert.Equal(["he", "en"], config.FindParty(new PartyCode("ISR"))!.Languages);
        Assert.Equal(PartyKind.Observer, config.FindParty(new PartyCode("UNDOF"))!.Kind);
        Assert.Equal(["security", "intelligence", "diplomatic", "humanitarian", "commercial"], config.Tracks.Select(t => t.Code));
        Assert.Equal(
            ["isr-syr-security", "isr-syr-intelligence", "isr-syr-diplomatic", "isr-syr-humanitarian", "isr-syr-commercial"],
            config.Channels.Select(c => c.Code));
    }

    [Fact]
    public void Load_DemoConfig_ConvenerReadsEveryChannelAndUndofOnlySecurity()
    {
        var config = MechanismConfigLoader.Load(ConfigFixtures.DemoPath).Value;

        var usa = new PartyCode("USA");
        var undof = new PartyCode("UNDOF");
        Assert.All(config.Channels, c => Assert.True(c.MayRead(usa)));
        Assert.Equal(["isr-syr-security"], config.Channels.Where(c => c.MayRead(undof)).Select(c => c.Code));
        Assert.All(config.Channels, c => Assert.Equal(["ISR", "SYR"], c.Parties.Select(p => p.Value)));
    }

    [Fact]
    public void Load_DemoConfig_ZonesResolveToExistingFiles()
    {
        var config = MechanismConfigLoader.Load(ConfigFixtures.DemoPath).Value;

        var aos = config.FindZone("aos");
        Assert.NotNull(aos);
        Assert.Equal(ZoneKind.Prohibited, aos.Kind);
        Assert.Equal("zones/ne_undof_zone.geojson", aos.Source);
        Assert.All(config.Zones, z => Assert.True(File.Exists(z.SourcePath), z.SourcePath));
        var band = config.FindZone("aol-10km")!;
        Assert.Equal(ZoneKind.LimitationBand, band.Kind);
        Assert.Equal(6000, band.Rules.MaxTroops);
        Assert.Equal(75, band.Rules.MaxTanks);
        Assert.Equal(36, band.Rules.MaxArtillery);
        Assert.Equal(new DepthBand(0, 10), band.Rules.DepthBandKm);
        Assert.Equal(["surface-to-air-missile", "surface-to-surface-missile"], config.FindZone("aol-25km")!.Rules.BannedAssetClasses);
    }

    [Fact]
    public void Load_DemoConfig_CommitmentsBelongToParties()
    {
        var config = MechanismConfigLoader.Load(ConfigFixtures.DemoPath).Value;

        Assert.Contains(config.Commitments, c => c.Party.Value == "SYR" && c.Title.Contains("smuggling", StringComparison.Ordinal));
        Assert.Contains(config.Commitments, c => c.Party.Value == "SYR" && c.Title.Contains("Druze", StringComparison.Ordinal));
        Assert.Contains(config.Commitments, c => c.Party.Value == "ISR" && c.Title.Contains("self-defence", StringComparison.Ordinal));
        Assert.Contains(config.Commitments, c => c.Title.Contains("heavy weapons", StringComparison.Ordinal));
        Assert.Contains(config.Commitments, c => c.Title.Contains("FLASH", StringComparison.Ordinal));
        Assert.All(config.Commitments, c => Assert.NotEmpty(c.Indicators));
    }

    [Fact]
    public void Load_DemoConfig_DeadlinesTiersAndLimitsAreTheDesignDefaults()
    {
        var config = MechanismConfigLoader.Load(ConfigFixtures.DemoPath).Value;

        Assert.Equal(DeadlineConfig.Default with { NoticeLeadTimes = config.Deadlines.NoticeLeadTimes }, config.Deadlines);
        Assert.Equal(
            NoticeLeadTime.Defaults.Select(n => (n.Code, n.ZoneKind, n.WithinKm, n.Lead, string.Join(",", n.Activities))),
            config.Deadlines.NoticeLeadTimes.Select(n => (n.Code, n.ZoneKind, n.WithinKm, n.Lead, string.Join(",", n.Activities))));
        Assert.Equal(TierPolicy.Default.Tiers.Select(t => (t.Code, t.Name, string.Join(",", t.Capabilities))), config.TierPolicy.Tiers.Select(t => (t.Code, t.Name, string.Join(",", t.Capabilities))));
        Assert.Equal("T0", config.TierPolicy.StartingTier);
        Assert.Equal(PromotionRule.Default, config.TierPolicy.Promotion);
        Assert.Equal(1024 * 1024, config.Limits.MaxPayloadBytes);
        Assert.Equal(TimeSpan.FromMinutes(5), config.Limits.MaxClockSkew);
    }

    [Fact]
    public void Load_MissingFile_ReportsFileNotFound()
    {
        var path = Path.Combine(ConfigFixtures.ConfigDirectory, "no-such-mechanism.json");

        var result = MechanismConfigLoader.Load(path);

        var problem = Assert.Single(ProblemsOf(result));
        Assert.Equal(new ConfigProblem(path, "$", "file not found"), problem);
    }

    [Fact]
    public void Parse_MinimalConfig_AppliesEveryDefault()
    {
        var config = MechanismConfigLoader.Parse(ConfigFixtures.Minimal, "minimal.json", null).Value;

        Assert.Same(DeadlineConfig.Default, config.Deadlines);
        Assert.Equal(TimeSpan.FromMinutes(5), config.Deadlines.Acknowledgement.Flash);
        Assert.Equal(TimeSpan.FromMinutes(30), config.Deadlines.Acknowledgement.Immediate);
        Assert.Equal(TimeSpan.FromHours(3), config.Deadlines.Acknowledgement.Priority);
        Assert.Equal(TimeSpan.FromHours(24), config.Deadlines.Acknowledgement.Routine);
        Assert.Equal(TimeSpan.FromHours(48), config.Deadlines.ExplanationReply);
        Assert.Equal(TimeSpan.FromHours(24), config.Deadlines.IncidentAcknowledgement);
        Assert.Equal(TimeSpan.FromHours(48), config.Deadlines.DisputeReply);
        Assert.Equal(TimeSpan.FromDays(15), config.Deadlines.VerificationCadence);
        Assert.Equal(TimeSpan.FromHours(48), config.Deadlines.OnDemandVerification);
        Assert.Equal(TimeSpan.FromHours(1), config.Deadlines.LinkTestInterval);
        Assert.Equal(TimeSpan.FromHours(1), config.Deadlines.SelfDefenceGrace);
        Assert.Equal([TimeSpan.FromMinutes(60), TimeSpan.FromHours(24), TimeSpan.FromHours(72), TimeSpan.FromHours(12)], config.Deadlines.NoticeLeadTimes.Select(n => n.Lead));
        Assert.Same(LimitsConfig.Default, config.Limits);
        Assert.Same(TierPolicy.Default, config.TierPolicy);
        Assert.Empty(config.Zones);
        Assert.Empty(config.Commitments);
        Assert.All(Enum.GetValues<PartyKind>(), kind => Assert.Equal(Roles.AllowedFor(kind), config.Roles[kind]));
    }

    [Fact]
    public void Parse_SomeDeadlines_KeepsDefaultsForTheRest()
    {
        var json = ConfigFixtures.With(ConfigFixtures.Minimal, "deadlines", """{ "disputeReply": "PT72H", "acknowledgement": { "flash": "PT10M" } }""");

        var deadlines = MechanismConfigLoader.Parse(json, "partial.json", null).Value.Deadlines;

        Assert.Equal(TimeSpan.FromHours(72), deadlines.DisputeReply);
        Assert.Equal(TimeSpan.FromMinutes(10), deadlines.Acknowledgement.Flash);
        Assert.Equal(TimeSpan.FromMinutes(30), deadlines.Acknowledgement.Immediate);
        Assert.Equal(TimeSpan.FromHours(48), deadlines.ExplanationReply);
        Assert.Same(NoticeLeadTime.Defaults, deadlines.NoticeLeadTimes);
    }

    [Fact]
    public void Parse_SomeRolesAndPromotionFields_KeepsDefaultsForTheRest()
    {
        var json = ConfigFixtures.With(ConfigFixtures.Minimal, "roles", """{ "party": ["liaison-officer", "duty"] }""");
        json = ConfigFixtures.With(json, "tierPolicy", """{ "startingTier": "T1", "promotion": { "periods": 2 } }""");

        var config = MechanismConfigLoader.Parse(json, "partial.json", null).Value;

        Assert.Equal([Role.LiaisonOfficer, Role.DutyOfficer], config.Roles[PartyKind.Party]);
        Assert.Equal(Roles.AllowedFor(PartyKind.Convener), config.Roles[PartyKind.Convener]);
        Assert.Equal("T1", config.TierPolicy.StartingTier);
        Assert.Equal(PromotionRule.Default with { Periods = 2 }, config.TierPolicy.Promotion);
        Assert.Equal(5, config.TierPolicy.Tiers.Count);
    }

    [Fact]
    public void Parse_WithoutBaseDirectory_DoesNotCheckZoneFiles()
    {
        var json = ConfigFixtures.With(ConfigFixtures.Minimal, "zones", """[{ "code": "aos", "name": "AoS", "kind": "prohibited", "source": "zones/missing.geojson" }]""");

        var zone = Assert.Single(MechanismConfigLoader.Parse(json, "no-base.json", null).Value.Zones);

        Assert.Equal("zones/missing.geojson", zone.Source);
        Assert.Null(zone.SourcePath);
        Assert.Same(ZoneRules.None, zone.Rules);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsAllInDocumentOrder()
    {
        var json = ConfigFixtures.With(ConfigFixtures.Minimal, "id", "\"Not A Slug\"");
        json = ConfigFixtures.With(json, "parties[1].kind", "\"partie\"");
        json = ConfigFixtures.With(json, "channels[0].track", "\"securty\"");
        json = ConfigFixtures.With(json, "limits", """{ "maxClockSkew": "5 minutes" }""");

        var problems = ProblemsOf(MechanismConfigLoader.Parse(json, "several.json", null));

        Assert.Equal(["$.id", "$.parties[1].kind", "$.channels[0].track", "$.limits.maxClockSkew"], problems.Select(p => p.JsonPath));
        Assert.All(problems, p => Assert.Equal("several.json", p.File));
    }

    [Fact]
    public void Parse_Failure_IsConfigInvalidValidationErrorWithFirstProblemAsDetail()
    {
        var json = ConfigFixtures.With(ConfigFixtures.Minimal, "parties[2].kind", "\"obsever\"");
        json = ConfigFixtures.With(json, "name", "\"\"");

        var result = MechanismConfigLoader.Parse(json, "bad.json", null);

        var error = Assert.IsType<Error.Validation>(result.Error);
        Assert.Equal("config-invalid", error.Code);
        var problems = Assert.IsAssignableFrom<IReadOnlyList<ConfigProblem>>(error.Extensions["problems"]);
        Assert.Equal(problems[0].ToString(), error.Detail[..problems[0].ToString().Length]);
        Assert.Equal("bad.json: $.name: must not be empty", problems[0].ToString());
        Assert.DoesNotContain('\n', error.Detail);
        Assert.Equal(2, problems.Count);
        Assert.EndsWith("(and 1 more problem)", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"id\": \"x\", }", 1, 14)]
    [InlineData("{\n  \"id\": \"x\"\n  \"name\": \"y\"\n}", 3, 3)]
    [InlineData("", 1, 1)]
    public void Parse_JsonSyntaxError_ReportsLineAndPosition(string json, int line, int position)
    {
        var problem = Assert.Single(ProblemsOf(MechanismConfigLoader.Parse(json, "syntax.json", null)));

        Assert.Equal("$", problem.JsonPath);
        Assert.StartsWith($"invalid JSON at line {line}, position {position}: ", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CommentsInJson_AreAllowed()
    {
        var json = ConfigFixtures.Minimal.Replace("\"id\": \"aaa-bbb\",", "// the mechanism's id\n  \"id\": \"aaa-bbb\", /* slug */", StringComparison.Ordinal);

        var result = MechanismConfigLoader.Parse(json, "comments.json", null);

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void ConfigProblem_ToString_IsFilePathAndMessage()
    {
        var problem = new ConfigProblem("config/x.json", "$.parties[2].kind", "'obsever' is not allowed");

        Assert.Equal("config/x.json: $.parties[2].kind: 'obsever' is not allowed", problem.ToString());
    }

    private static IReadOnlyList<ConfigProblem> ProblemsOf(Result<MechanismConfig> result)
    {
        Assert.False(result.IsSuccess, "Expected the configuration to be refused.");
        var problems = MechanismConfigLoader.ProblemsOf(result.Error);
        Assert.NotEmpty(problems);
        return problems;
    }
}
