using System.Text.Json.Nodes;
using Liaison.Domain.Incidents;
using static Liaison.Domain.Tests.Incidents.IncidentScenario;

namespace Liaison.Domain.Tests.Incidents;

public sealed class IncidentRegisterTests
{
    [Fact]
    public void Report_ByAParty_ConcernsTheOtherPartyAndIsReported()
    {
        var scenario = new IncidentScenario();

        var id = scenario.Report(Syr, T0);

        var incident = scenario.Register.Incidents[id];
        Assert.Equal([Isr], incident.Concerns);
        Assert.Equal(IncidentStatus.Reported, incident.Status);
        Assert.Equal("B2", incident.Report.Grading.ToString());
        Assert.Equal(new CountRange(1, 3), incident.Report.Casualties.Single().Killed);
    }

    [Fact]
    public void Report_ByTheObserver_ConcernsEveryParty()
    {
        var scenario = new IncidentScenario();

        var id = scenario.Report(Undof, T0);

        Assert.Equal([Isr, Syr], scenario.Register.Incidents[id].Concerns);
    }

    [Theory]
    [InlineData("category", "\"shelling\"", "payload-invalid", "category")]
    [InlineData("actors", "[\"martians\"]", "payload-invalid", "actors[0]")]
    [InlineData("grading", "\"G2\"", "payload-invalid", "grading")]
    [InlineData("grading", "\"A7\"", "payload-invalid", "grading")]
    [InlineData("grading", "\"b2\"", "payload-invalid", "grading")]
    [InlineData("casualties", "{\"SYR\":{\"killed\":{\"min\":5,\"max\":2}}}", "payload-invalid", "casualties.SYR.killed")]
    [InlineData("casualties", "{\"XYZ\":{\"killed\":{\"min\":1,\"max\":2}}}", "payload-invalid", "casualties.XYZ")]
    [InlineData("time", "{\"start\":\"2026-01-10T08:00:00Z\",\"end\":\"2026-01-10T07:00:00Z\"}", "payload-invalid", "time")]
    [InlineData("location", "{\"type\":\"LineString\",\"coordinates\":[[36,32],[36.1,32.1]]}", "geometry-invalid", "location")]
    [InlineData("location", "{\"type\":\"Polygon\",\"coordinates\":[[[36,32],[36.1,32.1],[36.1,32],[36,32.1],[36,32]]]}", "geometry-invalid", "location")]
    [InlineData("evidence", "[{\"sha256\":\"abc\",\"name\":\"a.jpg\",\"mediaType\":\"image/jpeg\",\"size\":3}]", "payload-invalid", "evidence[0].sha256")]
    [InlineData("concerns", "[\"USA\"]", "incident-concerns-invalid", "USA")]
    [InlineData("concerns", "[\"SYR\"]", "incident-concerns-invalid", "SYR")]
    public void Report_BadInput_IsRefusedNamingIt(string field, string valueJson, string code, string named)
    {
        var scenario = new IncidentScenario();

        var result = scenario.Apply(IncidentEntryTypes.Report, Syr, T0, ReportBody(change: b => b[field] = JsonNode.Parse(valueJson)));

        Assert.False(result.IsSuccess);
        Assert.Equal(code, result.Error.Code);
        Assert.Contains(named, result.Error.Detail, StringComparison.Ordinal);
        Assert.Empty(scenario.Register.Incidents);
    }

    [Fact]
    public void Report_UnknownPlace_IsRefusedWithTheNearestNames()
    {
        var scenario = new IncidentScenario();

        var result = scenario.Apply(IncidentEntryTypes.Report, Undof, T0, ReportBody(change: b => b["placeName"] = "Sheikh Maqsod"));

        Assert.Equal("place-unknown", result.Error.Code);
        Assert.Contains("Ash-Sheikh Maqsoud", result.Error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_KnownPlaceInArabic_IsAdmitted()
    {
        var scenario = new IncidentScenario();

        var id = scenario.Report(Undof, T0, ReportBody(change: b => b["placeName"] = "الشيخ مقصود"));

        Assert.Equal("الشيخ مقصود", scenario.Register.Incidents[id].Report.PlaceName);
    }

    [Fact]
    public void Report_NotAddressedToTheConvener_IsRefused()
    {
        var scenario = new IncidentScenario();

        var result = scenario.Apply(IncidentEntryTypes.Report, Syr, T0, ReportBody(), audience: [Syr, Isr]);

        Assert.Equal("incident-audience", result.Error.Code);
        Assert.Contains("USA", result.Error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Workflow_AcknowledgedReviewedResolved()
    {
        var scenario = new IncidentScenario();
        var id = scenario.Report(Syr, T0);

        Assert.Equal(IncidentStatus.Acknowledged, scenario.Do(IncidentEntryTypes.Acknowledge, Isr, T0.AddHours(2), id).Status);
        Assert.Equal(IncidentStatus.UnderReview, scenario.Do(IncidentEntryTypes.Review, Syr, T0.AddHours(3), id).Status);
        var resolved = scenario.Do(IncidentEntryTypes.Resolve, Isr, T0.AddDays(2), id);

        Assert.Equal(IncidentStatus.Resolved, resolved.Status);
        Assert.Equal(T0.AddHours(2), resolved.AcknowledgedAt);
        Assert.All(resolved.Steps, s => Assert.Null(s.Late));
        Assert.DoesNotContain(scenario.Register.Open, i => i.Id == id);
    }

    [Fact]
    public void Workflow_DisputedReferredFound()
    {
        var scenario = new IncidentScenario();
        var id = scenario.Report(Syr, T0);

        scenario.Do(IncidentEntryTypes.Dispute, Isr, T0.AddHours(1), id);
        scenario.Do(IncidentEntryTypes.Refer, Syr, T0.AddHours(5), id);
        var found = scenario.Do(IncidentEntryTypes.Finding, Usa, T0.AddDays(3), id);

        Assert.Equal(IncidentStatus.Finding, found.Status);
        Assert.Equal(FindingOutcome.Substantiated, found.FindingStep!.Outcome);
    }

    [Theory]
    [InlineData(IncidentEntryTypes.Review, "ISR", "incident-out-of-order")]
    [InlineData(IncidentEntryTypes.Resolve, "ISR", "incident-out-of-order")]
    [InlineData(IncidentEntryTypes.Refer, "SYR", "incident-out-of-order")]
    [InlineData(IncidentEntryTypes.Acknowledge, "SYR", "incident-not-allowed")]
    [InlineData(IncidentEntryTypes.Acknowledge, "USA", "incident-not-allowed")]
    [InlineData(IncidentEntryTypes.Dispute, "SYR", "incident-not-allowed")]
    [InlineData(IncidentEntryTypes.Finding, "ISR", "incident-not-allowed")]
    [InlineData(IncidentEntryTypes.Finding, "USA", "incident-out-of-order")]
    public void Transition_OutOfOrderOrByTheWrongParty_IsRefusedAndChangesNothing(string type, string party, string code)
    {
        var scenario = new IncidentScenario();
        var id = scenario.Report(Syr, T0);

        var result = scenario.Step(type, new(party), T0.AddHours(1), id);

        Assert.Equal(code, result.Error.Code);
        Assert.Empty(scenario.Register.Incidents[id].Steps);
    }

    [Fact]
    public void Acknowledge_Twice_IsAConflict()
    {
        var scenario = new IncidentScenario();
        var id = scenario.Report(Undof, T0);
        scenario.Do(IncidentEntryTypes.Acknowledge, Isr, T0.AddHours(1), id);

        Assert.Equal(IncidentStatus.Reported, scenario.Register.Incidents[id].Status);
        Assert.Equal("incident-already-acknowledged", scenario.Step(IncidentEntryTypes.Acknowledge, Isr, T0.AddHours(2), id).Error.Code);
        Assert.Equal(IncidentStatus.Acknowledged, scenario.Do(IncidentEntryTypes.Acknowledge, Syr, T0.AddHours(3), id).Status);
    }

    [Fact]
    public void Transition_OnAnUnknownIncident_IsNotFound()
    {
        var scenario = new IncidentScenario();

        Assert.Equal("incident-not-found", scenario.Step(IncidentEntryTypes.Acknowledge, Isr, T0, 999).Error.Code);
    }

    [Fact]
    public void Acknowledge_AfterTheDeadline_IsAcceptedAndMarkedLateWithTheShortfall()
    {
        var scenario = new IncidentScenario();
        var id = scenario.Report(Syr, T0);

        var incident = scenario.Do(IncidentEntryTypes.Acknowledge, Isr, T0.AddHours(30), id);

        var late = incident.Steps.Single().Late!;
        Assert.Equal(("incidentAcknowledgement", TimeSpan.FromHours(24), TimeSpan.FromHours(6)), (late.Rule, late.RequiredLead, late.Shortfall));
        Assert.Equal(IncidentStatus.Acknowledged, incident.Status);
    }

    [Fact]
    public void Acknowledge_AtTheDeadlineExactly_IsInTime()
    {
        var scenario = new IncidentScenario();
        var id = scenario.Report(Syr, T0);

        Assert.Null(scenario.Do(IncidentEntryTypes.Acknowledge, Isr, T0.AddHours(24), id).Steps.Single().Late);
    }

    [Fact]
    public void Finding_AfterTheFindingDeadline_IsMarkedLate()
    {
        var scenario = new IncidentScenario();
        var id = scenario.Report(Syr, T0);
        scenario.Do(IncidentEntryTypes.Dispute, Isr, T0.AddHours(1), id);
        scenario.Do(IncidentEntryTypes.Refer, Syr, T0.AddHours(2), id);

        var found = scenario.Do(IncidentEntryTypes.Finding, Usa, T0.AddHours(2).AddDays(15), id);

        Assert.Equal(("incidentFinding", TimeSpan.FromDays(1)), (found.Steps[^1].Late!.Rule, found.Steps[^1].Late!.Shortfall));
    }

    [Fact]
    public void Transition_NotAddressedToTheIncidentsAudience_IsRefused()
    {
        var scenario = new IncidentScenario();
        var id = scenario.Report(Syr, T0);

        var result = scenario.Apply(IncidentEntryTypes.Acknowledge, Isr, T0.AddHours(1), new JsonObject { ["incident"] = id }, audience: [Isr, Syr]);

        Assert.Equal("incident-audience", result.Error.Code);
    }

    [Fact]
    public void Replay_SkipsTheChecksButKeepsLateness()
    {
        var scenario = new IncidentScenario();
        var id = scenario.Report(Syr, T0);

        var replayed = scenario.Apply(IncidentEntryTypes.Acknowledge, Isr, T0.AddHours(25), new JsonObject { ["incident"] = id }, audience: [Isr], checkAuthor: false);

        Assert.Equal(TimeSpan.FromHours(1), replayed.Value[0].Steps.Single().Late!.Shortfall);
    }

    [Fact]
    public void UpTo_LeavesOutLaterSteps_AndTheStatusTheyMade()
    {
        var scenario = new IncidentScenario();
        var id = scenario.Report(Syr, T0);
        var acknowledged = scenario.Do(IncidentEntryTypes.Acknowledge, Isr, T0.AddHours(1), id);

        Assert.Equal(IncidentStatus.Reported, acknowledged.UpTo(acknowledged.Steps[0].Seq - 1).Status);
    }
}
