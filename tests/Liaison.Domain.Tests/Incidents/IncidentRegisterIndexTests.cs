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
}
