using System.Text.Json;
using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Parties;
using Liaison.Domain.Tests.Notices;
using Liaison.Domain.VerificationVisits;

namespace Liaison.Domain.Tests.VerificationVisits;

/// <summary>Verification visits: requests and their deadline, reports with computed violations, the cadence of each zone.</summary>
public sealed class VerificationDeskTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly PartyCode Isr = new("ISR");
    private static readonly PartyCode Syr = new("SYR");
    private static readonly PartyCode Usa = new("USA");
    private static readonly PartyCode Undof = new("UNDOF");
    private static readonly PartyCode[] Everyone = [Isr, Syr, Usa, Undof];
    private static readonly TimeSpan Cadence = TimeSpan.FromDays(15);
    private static readonly TimeSpan OnDemand = TimeSpan.FromHours(48);

    private VerificationState _state = VerificationState.Empty;

    private static VerificationEntry Entry(long seq, string type, PartyCode party, DateTimeOffset at, string body, PartyCode[]? audience = null, bool byServer = false) =>
        new(seq, type, party, byServer ? "server" : party.Value.ToLowerInvariant() + "-x", byServer, audience ?? Everyone, at, JsonDocument.Parse(body).RootElement.Clone());

    private static string Report(string zone, DateTimeOffset start, DateTimeOffset end, string observed = "{}", string violations = "[]", long? request = null) =>
        $$"""{"zone":"{{zone}}",{{(request is { } r ? $"\"request\":{r}," : string.Empty)}}"visit":{"start":"{{start:yyyy-MM-ddTHH:mm:ssZ}}","end":"{{end:yyyy-MM-ddTHH:mm:ssZ}}"},"observed":{{observed}},"violations":{{violations}},"text":"Visited.","lang":"en"}""";

    private Result<VerificationState> Apply(VerificationEntry entry, bool checkAuthor = true)
    {
        var applied = VerificationDesk.Apply(DemoZones.Config, _state, entry, checkAuthor);
        if (applied.IsSuccess)
        {
            _state = applied.Value;
        }

        return applied;
    }

    private void Began() => Apply(Entry(0, EntryTypes.MechanismEstablish, Usa, T0, "{}", byServer: true), checkAuthor: false);

    private static void AssertRefused<T>(Result<T> result, string code)
    {
        Assert.False(result.IsSuccess, "expected a refusal");
        Assert.Equal(code, result.Error.Code);
    }

    [Fact]
    public void ForcesInTheAreaOfSeparation_AreViolations_AndStatedOnesAreKeptBeside()
    {
        var applied = Apply(Entry(1, VerificationEntryTypes.Report, Undof, T0, Report("aos", T0.AddHours(-4), T0.AddHours(-1),
            "{\"SYR\":{\"troops\":12},\"ISR\":{}}", "[{\"party\":\"ISR\",\"rule\":\"observation-post-denied\",\"text\":\"Access refused at the gate.\"}]")));

        var report = applied.Value.Reports[1];
        Assert.Equal(2, report.Violations.Count);
        Assert.Equal((Syr, "zone-prohibited", true), (report.Violations[0].Party, report.Violations[0].Rule, report.Violations[0].Computed));
        Assert.Contains("12 troops", report.Violations[0].Text, StringComparison.Ordinal);
        Assert.Equal((Isr, "observation-post-denied", false), (report.Violations[1].Party, report.Violations[1].Rule, report.Violations[1].Computed));
    }

    [Fact]
    public void CapsAndBannedClassesOfALimitationBand_AreCheckedAgainstWhatWasObserved()
    {
        var within = Apply(Entry(1, VerificationEntryTypes.Report, Usa, T0, Report("aol-10km", T0.AddHours(-3), T0.AddHours(-1), "{\"ISR\":{\"troops\":6000,\"tanks\":75}}")));
        Assert.Empty(within.Value.Reports[1].Violations);

        var beyond = Apply(Entry(2, VerificationEntryTypes.Report, Usa, T0, Report("aol-10km", T0.AddHours(-3), T0.AddHours(-1), "{\"ISR\":{\"troops\":6001,\"tanks\":76,\"short-range-artillery\":36}}")));
        Assert.Equal(["zone-limit-exceeded", "zone-limit-exceeded"], beyond.Value.Reports[2].Violations.Select(v => v.Rule));
        Assert.Contains("beyond its limit of 6000", beyond.Value.Reports[2].Violations[0].Text, StringComparison.Ordinal);

        var banned = Apply(Entry(3, VerificationEntryTypes.Report, Usa, T0, Report("aol-25km", T0.AddHours(-3), T0.AddHours(-1), "{\"SYR\":{\"surface-to-air-missile\":2,\"troops\":100000}}")));
        var violation = Assert.Single(banned.Value.Reports[3].Violations);
        Assert.Equal(("zone-banned-asset", Syr), (violation.Rule, violation.Party));
    }

    [Fact]
    public void ARequestIsDueWithinTheOnDemandDeadline_AnsweredLateOrInTime()
    {
        Apply(Entry(1, VerificationEntryTypes.Request, Syr, T0, "{\"zone\":\"aos\",\"reason\":\"Movement seen.\",\"lang\":\"en\"}", [Syr, Usa, Undof]));
        var request = _state.Requests[1];
        Assert.Equal(T0 + OnDemand, request.Due);
        Assert.Equal(RequestStatus.Open, request.StatusAt(T0 + OnDemand - TimeSpan.FromTicks(1)));
        Assert.Equal(RequestStatus.Overdue, request.StatusAt(T0 + OnDemand));

        Apply(Entry(2, VerificationEntryTypes.Report, Undof, T0 + OnDemand + TimeSpan.FromHours(1), Report("aos", T0.AddHours(40), T0.AddHours(41), request: 1)));
        Assert.Equal(RequestStatus.AnsweredLate, _state.Requests[1].StatusAt(T0.AddDays(9)));
        Assert.Equal(2L, _state.Requests[1].AnsweredBy);

        Apply(Entry(3, VerificationEntryTypes.Request, Isr, T0, "{\"zone\":\"aol-10km\",\"reason\":\"Tanks.\",\"lang\":\"en\"}"));
        Apply(Entry(4, VerificationEntryTypes.Report, Usa, T0.AddHours(10), Report("aol-10km", T0.AddHours(5), T0.AddHours(6), request: 3)));
        Assert.Equal(RequestStatus.Answered, _state.Requests[3].StatusAt(T0.AddDays(9)));
    }

    [Fact]
    public void AnUnansweredRequest_FallsDueOnce()
    {
        Apply(Entry(1, VerificationEntryTypes.Request, Syr, T0, "{\"zone\":\"aos\",\"reason\":\"r\",\"lang\":\"en\"}"));
        Assert.Empty(VerificationSchedule.Due(DemoZones.Config, _state, T0 + OnDemand - TimeSpan.FromTicks(1)));
        var due = Assert.Single(VerificationSchedule.Due(DemoZones.Config, _state, T0 + OnDemand));
        Assert.Equal((1L, "aos"), (due.Request, due.Zone));
        Assert.True(Apply(Entry(2, due.Type, Usa, T0 + OnDemand, due.Fields().ToJsonString(), byServer: true), checkAuthor: false).IsSuccess);
        Assert.Equal(2L, _state.Requests[1].OverdueSeq);
        Assert.Empty(VerificationSchedule.Due(DemoZones.Config, _state, T0.AddDays(3)));
    }

    [Fact]
    public void EachZoneIsDueEveryCadenceSinceItsLastVisitOrTheBeginning_AndOverdueOncePerDueInstant()
    {
        Began();
        Assert.Empty(VerificationSchedule.Due(DemoZones.Config, _state, T0 + Cadence - TimeSpan.FromTicks(1)));
        var visitEnd = T0.AddDays(10);
        Apply(Entry(1, VerificationEntryTypes.Report, Undof, visitEnd, Report("aos", visitEnd.AddHours(-2), visitEnd)));

        var due = VerificationSchedule.Due(DemoZones.Config, _state, T0 + Cadence);
        Assert.Equal(DemoZones.Config.Zones.Select(z => z.Code).Where(c => c != "aos"), due.Select(d => d.Zone));
        Assert.All(due, d => Assert.Equal(T0 + Cadence, d.DueAt));

        var seq = 2L;
        foreach (var d in due)
        {
            Assert.True(Apply(Entry(seq++, d.Type, Usa, T0 + Cadence, d.Fields().ToJsonString(), byServer: true), checkAuthor: false).IsSuccess);
        }

        Assert.Empty(VerificationSchedule.Due(DemoZones.Config, _state, visitEnd + Cadence - TimeSpan.FromTicks(1)));
        Assert.Equal("aos", Assert.Single(VerificationSchedule.Due(DemoZones.Config, _state, visitEnd + Cadence)).Zone);

        var schedule = VerificationSchedule.Zones(DemoZones.Config, _state, Isr, T0.AddDays(16));
        var aos = schedule.Single(z => z.Zone == "aos");
        Assert.Equal((visitEnd, visitEnd + Cadence, false, 1L), (aos.LastVisit, aos.NextDue, aos.Overdue, aos.LastReport));
        Assert.True(schedule.Single(z => z.Zone == "suwayda").Overdue);
    }

    [Fact]
    public void NothingIsDueBeforeTheMechanismBegan() =>
        Assert.Empty(VerificationSchedule.Due(DemoZones.Config, _state, T0.AddYears(1)));

    [Theory]
    [InlineData("{\"zone\":\"golan\",\"reason\":\"r\",\"lang\":\"en\"}", "verification-zone-unknown")]
    public void ARequestForAnUnknownZone_IsRefused(string body, string code) =>
        AssertRefused(Apply(Entry(1, VerificationEntryTypes.Request, Syr, T0, body)), code);

    [Fact]
    public void ARequestNotAddressedToTheConvener_IsRefused() =>
        AssertRefused(Apply(Entry(1, VerificationEntryTypes.Request, Syr, T0, "{\"zone\":\"aos\",\"reason\":\"r\",\"lang\":\"en\"}", [Syr, Undof])), "verification-audience");

    [Fact]
    public void BadReports_AreRefused()
    {
        AssertRefused(Apply(Entry(1, VerificationEntryTypes.Report, Usa, T0, Report("golan", T0.AddHours(-2), T0.AddHours(-1)))), "verification-zone-unknown");
        AssertRefused(Apply(Entry(1, VerificationEntryTypes.Report, Usa, T0, Report("aos", T0.AddHours(-2), T0.AddHours(-1), request: 9))), "verification-request-not-found");
        AssertRefused(Apply(Entry(1, VerificationEntryTypes.Report, Usa, T0, Report("aos", T0.AddHours(1), T0.AddHours(2)))), "verification-visit-future");
        AssertRefused(Apply(Entry(1, VerificationEntryTypes.Report, Usa, T0, Report("aos", T0.AddHours(-2), T0.AddHours(-1), "{\"UNDOF\":{\"troops\":1}}"))), "verification-party-unknown");
        AssertRefused(Apply(Entry(1, VerificationEntryTypes.Report, Usa, T0, Report("aos", T0.AddHours(-2), T0.AddHours(-1)), [Usa, Isr])), "verification-audience");
        Apply(Entry(2, VerificationEntryTypes.Request, Syr, T0, "{\"zone\":\"suwayda\",\"reason\":\"r\",\"lang\":\"en\"}"));
        AssertRefused(Apply(Entry(3, VerificationEntryTypes.Report, Usa, T0, Report("aos", T0.AddHours(-2), T0.AddHours(-1), request: 2))), "verification-request-zone");
        Assert.Empty(_state.Reports);
    }

    [Theory]
    [InlineData("{\"zone\":\"aos\",\"visit\":{\"start\":\"2026-01-06T10:00:00Z\",\"end\":\"2026-01-06T09:00:00Z\"},\"text\":\"t\",\"lang\":\"en\"}", "visit")]
    [InlineData("{\"zone\":\"aos\",\"visit\":{\"start\":\"2026-01-06T08:00:00Z\",\"end\":\"2026-01-06T09:00:00Z\"},\"observed\":{\"ISR\":{\"jets\":1}},\"text\":\"t\",\"lang\":\"en\"}", "observed.ISR.jets")]
    [InlineData("{\"zone\":\"aos\",\"visit\":{\"start\":\"2026-01-06T08:00:00Z\",\"end\":\"2026-01-06T09:00:00Z\"},\"observed\":{\"ISR\":{\"troops\":-1}},\"text\":\"t\",\"lang\":\"en\"}", "observed.ISR.troops")]
    [InlineData("{\"zone\":\"aos\",\"visit\":{\"start\":\"2026-01-06T08:00:00Z\",\"end\":\"2026-01-06T09:00:00Z\"},\"violations\":[{\"party\":\"ISR\",\"rule\":\"Bad Rule\",\"text\":\"t\"}],\"text\":\"t\",\"lang\":\"en\"}", "violations[0].rule")]
    [InlineData("{\"zone\":\"aos\",\"visit\":{\"start\":\"2026-01-06T08:00:00Z\",\"end\":\"2026-01-06T09:00:00Z\"},\"lang\":\"en\"}", "text")]
    public void ReportBodiesAreParsedStrictly(string body, string field)
    {
        var validated = EntryTypes.All[VerificationEntryTypes.Report].ValidateBody(JsonDocument.Parse(body).RootElement);
        Assert.False(validated.IsSuccess);
        Assert.Contains($"'{field}'", validated.Error.Detail, StringComparison.Ordinal);
    }
}
