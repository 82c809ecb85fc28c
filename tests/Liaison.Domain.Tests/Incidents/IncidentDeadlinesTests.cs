using System.Text.Json.Nodes;
using Liaison.Domain.Incidents;
using static Liaison.Domain.Tests.Incidents.IncidentScenario;

namespace Liaison.Domain.Tests.Incidents;

public sealed class IncidentDeadlinesTests
{
    [Fact]
    public void Acknowledgement_IsDueAtItsDeadlineExactly_NotATickBefore()
    {
        var scenario = new IncidentScenario();
        var id = scenario.Report(Syr, T0);
        var deadline = T0.AddHours(24);

        Assert.Empty(IncidentDeadlines.Due(scenario.Register.Open, Config.Deadlines, deadline.AddTicks(-1)));
        var due = Assert.Single(IncidentDeadlines.Due(scenario.Register.Open, Config.Deadlines, deadline));
        Assert.Equal((id, EscalationStage.Acknowledgement, deadline), (due.Incident, due.Stage, due.Deadline));
        Assert.Equal(Everyone, due.Audience);
    }

    [Fact]
    public void Due_OnceRecorded_IsNotProposedAgain()
    {
        var scenario = new IncidentScenario();
        var id = scenario.Report(Syr, T0);
        var now = T0.AddDays(2);
        var due = IncidentDeadlines.Due(scenario.Register.Open, Config.Deadlines, now).Single();

        var escalated = scenario.Apply(IncidentEntryTypes.Escalate, Usa, now, due.Fields(), checkAuthor: false);

        Assert.True(escalated.IsSuccess);
        Assert.Empty(IncidentDeadlines.Due(scenario.Register.Open, Config.Deadlines, now.AddDays(30)));
        Assert.Equal("incident-already-escalated", scenario.Apply(IncidentEntryTypes.Escalate, Usa, now, due.Fields(), checkAuthor: false).Error.Code);
        Assert.Equal(EscalationStage.Acknowledgement, scenario.Register.Incidents[id].Steps.Single().Stage);
    }

    [Fact]
    public void Review_IsDueSevenDaysAfterTheAcknowledgement()
    {
        var scenario = new IncidentScenario();
        var id = scenario.Report(Syr, T0);
        scenario.Do(IncidentEntryTypes.Acknowledge, Isr, T0.AddHours(3), id);
        scenario.Do(IncidentEntryTypes.Review, Isr, T0.AddHours(4), id);

        Assert.Empty(IncidentDeadlines.Due(scenario.Register.Open, Config.Deadlines, T0.AddHours(3).AddDays(7).AddTicks(-1)));
        Assert.Equal(EscalationStage.Review, IncidentDeadlines.Due(scenario.Register.Open, Config.Deadlines, T0.AddHours(3).AddDays(7)).Single().Stage);
    }

    [Fact]
    public void Finding_IsDueFourteenDaysAfterTheReferral_AndNothingAfterTheFinding()
    {
        var scenario = new IncidentScenario();
        var id = scenario.Report(Syr, T0);
        scenario.Do(IncidentEntryTypes.Dispute, Isr, T0.AddHours(1), id);
        scenario.Do(IncidentEntryTypes.Refer, Isr, T0.AddHours(2), id);

        Assert.Equal((EscalationStage.Finding, T0.AddHours(2).AddDays(14)), IncidentDeadlines.Running(scenario.Register.Incidents[id], Config.Deadlines));
        Assert.Single(IncidentDeadlines.Due(scenario.Register.Open, Config.Deadlines, T0.AddDays(20)));
        scenario.Do(IncidentEntryTypes.Finding, Usa, T0.AddDays(20), id);
        Assert.Empty(IncidentDeadlines.Due(scenario.Register.Open, Config.Deadlines, T0.AddDays(60)));
    }

    [Fact]
    public void Due_SeveralIncidents_OrderedByDeadline_WhichRunsFromTheServersTimeNotTheIncidents()
    {
        var scenario = new IncidentScenario();
        var later = scenario.Report(Syr, T0.AddHours(1), ReportBody(change: b => b["time"] = new JsonObject { ["start"] = "2026-01-01T08:00:00Z" }));
        var earlier = scenario.Report(Isr, T0);

        Assert.Equal([earlier, later], IncidentDeadlines.Due(scenario.Register.Open, Config.Deadlines, T0.AddDays(3)).Select(d => d.Incident));
    }
}
