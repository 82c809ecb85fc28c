using Liaison.Domain.Mechanism;

namespace Liaison.Domain.Tests.Mechanism;

public sealed class IncidentsConfigTests
{
    [Fact]
    public void DemoConfig_HasTheIssuesVocabulariesAndDeadlines()
    {
        var config = MechanismConfigLoader.Load(ConfigFixtures.DemoPath).Value;

        Assert.Contains("exchange-of-fire", config.Incidents.Categories.Select(c => c.Code));
        Assert.Contains("smuggling-arms", config.Incidents.Categories.Select(c => c.Code));
        Assert.Contains("druze-militia", config.Incidents.Actors.Select(a => a.Code));
        Assert.Equal((10d, 6d), (config.Incidents.DuplicateWithinKm, config.Incidents.DuplicateWithinHours));
        Assert.Equal((TimeSpan.FromHours(24), TimeSpan.FromDays(7), TimeSpan.FromDays(14)),
            (config.Deadlines.IncidentAcknowledgement, config.Deadlines.IncidentReview, config.Deadlines.IncidentFinding));
    }

    [Fact]
    public void Minimal_WithoutIncidents_KeepsTheDefaults()
    {
        var config = MechanismConfigLoader.Parse(ConfigFixtures.Minimal, "test.json", null).Value;

        Assert.Equal(IncidentsConfig.Default.Categories, config.Incidents.Categories);
        Assert.Equal(TimeSpan.FromDays(7), config.Deadlines.IncidentReview);
    }

    [Fact]
    public void Incidents_OwnVocabularyAndThresholds_AreRead()
    {
        var json = ConfigFixtures.With(ConfigFixtures.Minimal, "incidents",
            """{ "categories": [ { "code": "shelling", "name": "Shelling" } ], "actors": [ { "code": "unknown", "name": "Unknown" } ], "duplicateWithinKm": 3.5, "duplicateWithinHours": 2 }""");

        var config = MechanismConfigLoader.Parse(json, "test.json", null).Value;

        Assert.Equal([new VocabularyTerm("shelling", "Shelling")], config.Incidents.Categories);
        Assert.True(config.Incidents.IsActor("unknown"));
        Assert.False(config.Incidents.IsCategory("strike"));
        Assert.Equal((3.5, 2d), (config.Incidents.DuplicateWithinKm, config.Incidents.DuplicateWithinHours));
    }

    [Theory]
    [InlineData("incidents.categories", "[]", "$.incidents.categories")]
    [InlineData("incidents.categories", """[ { "code": "Bad Code", "name": "x" } ]""", "$.incidents.categories[0].code")]
    [InlineData("incidents.actors", """[ { "code": "a", "name": "A" }, { "code": "a", "name": "again" } ]""", "$.incidents.actors[1].code")]
    [InlineData("incidents.duplicateWithinKm", "-1", "$.incidents.duplicateWithinKm")]
    [InlineData("incidents.colour", "\"red\"", "$.incidents.colour")]
    [InlineData("deadlines.incidentReview", "\"P0D\"", "$.deadlines.incidentReview")]
    public void Incidents_BadValues_AreReportedAtTheirPath(string target, string value, string path)
    {
        var json = ConfigFixtures.With(ConfigFixtures.With(ConfigFixtures.Minimal, "incidents", "{}"), "deadlines", "{}");

        var result = MechanismConfigLoader.Parse(ConfigFixtures.With(json, target, value), "test.json", null);

        Assert.False(result.IsSuccess);
        Assert.Contains(MechanismConfigLoader.ProblemsOf(result.Error), p => p.JsonPath == path);
    }
}
