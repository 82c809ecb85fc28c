using Liaison.Domain.Incidents;
using NetTopologySuite.Geometries;
using static Liaison.Domain.Tests.Incidents.IncidentScenario;

namespace Liaison.Domain.Tests.Incidents;

public sealed class IncidentRegisterIndexTests
{
    [Fact]
    public void Indexes_ListIdsByCategoryPartyStepsAndPlace_OldestFirst()
    {
        var scenario = new IncidentScenario();
        var fire = scenario.Report(Syr, T0, ReportBody(start: T0, lon: 36.50, lat: 32.70));
        var strike = scenario.Report(Isr, T0, ReportBody(category: "strike", start: T0, lon: 38.00, lat: 35.00));
        var later = scenario.Report(Isr, T0.AddHours(1), ReportBody(start: T0.AddHours(1), lon: 36.52, lat: 32.71));
        Assert.True(scenario.Step(IncidentEntryTypes.Acknowledge, Isr, T0.AddHours(2), fire).IsSuccess);
        Assert.True(scenario.Step(IncidentEntryTypes.Dispute, Isr, T0.AddHours(3), fire).IsSuccess);
        Assert.True(scenario.Step(IncidentEntryTypes.Acknowledge, Syr, T0.AddHours(3), strike).IsSuccess);

        var register = scenario.Register;
        Assert.Equal([fire, later], register.IdsInCategory("exchange-of-fire"));
        Assert.Equal([strike], register.IdsInCategory("strike"));
        Assert.Empty(register.IdsInCategory("detention"));
        Assert.Equal([strike, later], register.IdsReportedBy(Isr));
        Assert.Empty(register.IdsReportedBy(Undof));
        Assert.Equal([fire, strike], register.IdsWithSteps);
        Assert.Equal([fire, later], register.IdsWithin(new Envelope(36.4, 36.6, 32.6, 32.8)));
        Assert.Equal([later], register.IdsWithin(new Envelope(36.52, 36.6, 32.71, 32.8)));
    }

    [Fact]
    public void Facts_MatchTheIdListsIndexForIndex_WithTheReportsTimePointReporterAndAudience()
    {
        var scenario = new IncidentScenario();
        var fire = scenario.Report(Syr, T0, ReportBody(start: T0, lon: 36.50, lat: 32.70));
        var strike = scenario.Report(Isr, T0, ReportBody(category: "strike", start: T0, lon: 38.00, lat: 35.00));
        var later = scenario.Report(Isr, T0.AddHours(1), ReportBody(start: T0.AddHours(1), lon: 36.52, lat: 32.71));
        Assert.True(scenario.Step(IncidentEntryTypes.Acknowledge, Syr, T0.AddHours(2), later).IsSuccess);
        Assert.True(scenario.Step(IncidentEntryTypes.Acknowledge, Isr, T0.AddHours(2), fire).IsSuccess);

        var register = scenario.Register;
        Assert.Equal(register.Ids, register.Facts.Select(f => f.Id));
        Assert.Equal(register.IdsInCategory("exchange-of-fire"), register.FactsInCategory("exchange-of-fire").Select(f => f.Id));
        Assert.Equal(register.IdsReportedBy(Isr), register.FactsReportedBy(Isr).Select(f => f.Id));
        Assert.Equal([fire, later], register.FactsWithSteps.Select(f => f.Id));
        Assert.Equal([fire, later], register.FactsWithin(new Envelope(36.4, 36.6, 32.6, 32.8)).Select(f => f.Id));
        foreach (var fact in register.Facts)
        {
            var incident = register.Incidents[fact.Id];
            Assert.Equal(incident.Report.Category, fact.Category);
            Assert.Equal(register.Parties.Of(incident.Party), fact.Reporter);
            Assert.Equal(register.Parties.Of(incident.Audience), fact.Audience);
            Assert.Equal(incident.Report.Start.UtcTicks, fact.StartTicks);
            Assert.Equal((incident.Report.End ?? incident.Report.Start).UtcTicks, fact.EndTicks);
            Assert.Equal(incident.Report.Point.X, fact.Lon);
            Assert.Equal(incident.Report.Point.Y, fact.Lat);
            Assert.NotEqual(0UL, fact.Audience & register.Parties.Of(incident.Party));
        }

        Assert.NotEqual(register.Parties.Of(Isr), register.Parties.Of(Syr));
        Assert.Equal(0UL, register.Parties.Of(new Liaison.Domain.Parties.PartyCode("XXX")));
    }

    [Fact]
    public void Facts_Meets_IsTheHalfOpenWindowTestOnTheIncidentsTime()
    {
        var fact = new IncidentFacts(1, "strike", 1, 1, StartTicks: 100, EndTicks: 200, 0, 0);

        Assert.True(fact.Meets(null, null));
        Assert.True(fact.Meets(200, null));
        Assert.False(fact.Meets(201, null));
        Assert.True(fact.Meets(null, 101));
        Assert.False(fact.Meets(null, 100));
        Assert.True(fact.Meets(150, 160));
    }
}
