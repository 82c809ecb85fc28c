using System.Text.Json.Nodes;
using Liaison.Domain.Incidents;
using static Liaison.Domain.Tests.Incidents.IncidentScenario;

namespace Liaison.Domain.Tests.Incidents;

public sealed class IncidentLinkingTests
{
    [Fact]
    public void SuggestedDuplicates_SameCategoryNearbyAndClose_InTime()
    {
        var scenario = new IncidentScenario();
        var syrian = scenario.Report(Syr, T0);
        var israeli = scenario.Report(Isr, T0.AddHours(1), ReportBody(start: T0.AddHours(2), lon: 36.60, lat: 32.72));
        scenario.Report(Isr, T0.AddHours(1), ReportBody(category: "strike", start: T0.AddHours(2), lon: 36.60, lat: 32.72));
        scenario.Report(Isr, T0.AddHours(1), ReportBody(start: T0.AddHours(2), lon: 36.80, lat: 32.72));
        scenario.Report(Isr, T0.AddHours(9), ReportBody(start: T0.AddHours(9), lon: 36.60, lat: 32.72));

        Assert.Equal([israeli], scenario.Register.SuggestedDuplicates(syrian).Select(i => i.Id));
        Assert.Equal([syrian], scenario.Register.SuggestedDuplicates(israeli).Select(i => i.Id));
    }

    [Fact]
    public void Link_MakesOneEvent_Transitively_AndSuggestsNoMore()
    {
        var scenario = new IncidentScenario();
        var a = scenario.Report(Syr, T0);
        var b = scenario.Report(Isr, T0.AddHours(1));
        var c = scenario.Report(Undof, T0.AddHours(2));

        Assert.True(scenario.Apply(IncidentEntryTypes.Link, Isr, T0.AddHours(3), new JsonObject { ["incidents"] = new JsonArray(a, b), ["reason"] = "same exchange" }).IsSuccess);
        Assert.True(scenario.Apply(IncidentEntryTypes.Link, Usa, T0.AddHours(4), new JsonObject { ["incidents"] = new JsonArray(c, b) }).IsSuccess);

        Assert.Equal([a, b, c], scenario.Register.EventOf(c));
        Assert.Equal(a, scenario.Register.EventIdOf(c));
        Assert.Empty(scenario.Register.SuggestedDuplicates(a));
        Assert.Equal(3, scenario.Register.Incidents.Count);
        Assert.Equal("incident-already-linked", scenario.Apply(IncidentEntryTypes.Link, Syr, T0.AddHours(5), new JsonObject { ["incidents"] = new JsonArray(a, c) }).Error.Code);
    }

    [Theory]
    [InlineData("UNDOF", "incident-not-allowed")]
    [InlineData("SYR", "incident-not-found")]
    public void Link_ByAnObserverOrOfAnUnknownIncident_IsRefused(string party, string code)
    {
        var scenario = new IncidentScenario();
        var a = scenario.Report(Syr, T0);
        var b = scenario.Report(Isr, T0);

        var incidents = party == "SYR" ? new JsonArray(a, 999) : new JsonArray(a, b);
        Assert.Equal(code, scenario.Apply(IncidentEntryTypes.Link, new(party), T0, new JsonObject { ["incidents"] = incidents }).Error.Code);
        Assert.Equal([a], scenario.Register.EventOf(a));
    }

    [Fact]
    public void Link_OneIncident_IsAPayloadError() =>
        Assert.Equal("payload-invalid", IncidentEvents.Parse(IncidentEntryTypes.Link, System.Text.Json.JsonDocument.Parse("""{"incidents":[4,4]}""").RootElement).Error.Code);

    [Fact]
    public void Kilometres_IsTheGreatCircleDistance() =>
        Assert.InRange(IncidentRegister.Kilometres(new(35.8264, 33.1242), new(36.5697, 32.7090)), 83, 84);
}

public sealed class IncidentStatisticsTests
{
    [Fact]
    public void Compute_PerSide_CountsTimesEscalationsAndOutcomes()
    {
        var scenario = new IncidentScenario();
        var first = scenario.Report(Syr, T0);
        var second = scenario.Report(Syr, T0.AddHours(1), ReportBody(category: "smuggling-arms", start: T0));
        var third = scenario.Report(Syr, T0.AddHours(2));
        var israeli = scenario.Report(Isr, T0.AddHours(3));
        scenario.Do(IncidentEntryTypes.Acknowledge, Isr, T0.AddHours(2), first);
        scenario.Do(IncidentEntryTypes.Acknowledge, Isr, T0.AddHours(1).AddHours(30), second);
        scenario.Do(IncidentEntryTypes.Dispute, Isr, T0.AddHours(3), third);
        scenario.Do(IncidentEntryTypes.Refer, Syr, T0.AddHours(4), third);
        scenario.Do(IncidentEntryTypes.Finding, Usa, T0.AddDays(2), third);
        scenario.Apply(IncidentEntryTypes.Escalate, Usa, T0.AddDays(2), new JsonObject { ["incident"] = israeli, ["stage"] = "acknowledgement", ["deadline"] = Rfc3339(T0.AddHours(27)) }, checkAuthor: false);

        var stats = IncidentStatistics.Compute(scenario.Register.Incidents.Values, Config, T0.AddHours(-1), T0.AddDays(30));

        var syr = stats.Sides.Single(s => s.Party == Syr);
        var isr = stats.Sides.Single(s => s.Party == Isr);
        Assert.Equal((3, 1, 0, 1), (syr.Reported, syr.Concerning, syr.Acknowledged, syr.Escalations));
        Assert.Equal(new Dictionary<string, int> { ["exchange-of-fire"] = 2, ["smuggling-arms"] = 1 }, syr.ReportedByCategory);
        Assert.Equal((1, 3, 2, 1), (isr.Reported, isr.Concerning, isr.Acknowledged, isr.AcknowledgedLate));
        Assert.Equal((TimeSpan.FromHours(2), TimeSpan.FromHours(30)), (isr.AcknowledgeMedian, isr.AcknowledgeP90));
        Assert.Equal(1, syr.FindingsOnItsReports["substantiated"]);
        Assert.Equal(1, isr.FindingsConcerningIt["substantiated"]);
        Assert.Equal([Isr, Syr], stats.Sides.Take(2).Select(s => s.Party));
    }

    [Fact]
    public void Compute_ThePeriodEndsAtItsEndInclusive_AndStartsAfterItsStart()
    {
        var scenario = new IncidentScenario();
        scenario.Report(Syr, T0);

        var ending = IncidentStatistics.Compute(scenario.Register.Incidents.Values, Config, T0.AddDays(-1), T0);
        var starting = IncidentStatistics.Compute(scenario.Register.Incidents.Values, Config, T0, T0.AddDays(1));

        Assert.Equal(1, ending.Sides.Single(s => s.Party == Syr).Reported);
        Assert.All(starting.Sides, s => Assert.Equal(0, s.Reported));
        Assert.Null(starting.Sides[0].AcknowledgeMedian);
    }

    [Fact]
    public void Percentile_IsNearestRank() =>
        Assert.Equal(TimeSpan.FromMinutes(9), IncidentStatistics.Percentile([.. Enumerable.Range(1, 10).Select(m => TimeSpan.FromMinutes(m))], 0.9));
}
