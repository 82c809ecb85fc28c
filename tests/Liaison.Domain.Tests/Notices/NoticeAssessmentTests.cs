using Liaison.Domain.Notices;
using static Liaison.Domain.Tests.Notices.NoticeScenario;

namespace Liaison.Domain.Tests.Notices;

/// <summary>Conflict and lateness rules as pure functions over the demo zones.</summary>
public sealed class NoticeAssessmentTests
{
    private static readonly DateTimeOffset Start = T0.AddDays(3);
    private static readonly DateTimeOffset End = Start.AddHours(6);

    [Fact]
    public void EastOfSeparation_IsInTheTenKilometreBandButNotInTheAreaOfSeparation()
    {
        var point = GeoPoint(EastOfSeparation(4));
        Assert.False(DemoZones.Atlas.Find("aos")!.Geometry.Contains(point));
        Assert.True(DemoZones.Atlas.Find("aol-10km")!.Geometry.Contains(point));
        Assert.False(DemoZones.Atlas.Find("aol-10km")!.Geometry.Contains(GeoPoint(EastOfSeparation(12))));
        Assert.True(DemoZones.Atlas.Find("aol-20km")!.Geometry.Contains(GeoPoint(EastOfSeparation(12))));
    }

    [Fact]
    public void TanksBeyondTheCapInTheTenKilometreBand_ConflictWithTheLimit()
    {
        var assessment = Assess(Body("ground-movement", Circle(EastOfSeparation(4), 1000), Start, End, "\"tanks\":100,\"troops\":400"));

        var conflict = Assert.Single(assessment.Conflicts);
        Assert.Equal(ConflictCode.ZoneLimitExceeded, conflict.Code);
        Assert.Equal(["aol-10km"], conflict.Zones);
        Assert.Contains("100 tanks", conflict.Detail, StringComparison.Ordinal);
        Assert.Contains("limit of 75", conflict.Detail, StringComparison.Ordinal);
        Assert.Contains("aol-10km", assessment.Zones);
        Assert.DoesNotContain("aos", assessment.Zones);
    }

    [Fact]
    public void TanksWithinTheCap_NoConflict() =>
        Assert.Empty(Assess(Body("ground-movement", Circle(EastOfSeparation(4), 1000), Start, End, "\"tanks\":75")).Conflicts);

    [Fact]
    public void TheCapCountsThePartysOtherNoticesInTheBandAtTheSameTime()
    {
        var board = new NoticeBoard(DemoZones.Config, DemoZones.Atlas);
        var first = board.Apply(Entry(10, NoticeEntryTypes.File, Syr, T0, Body("ground-movement", Circle(EastOfSeparation(3), 500), Start, End, "\"tanks\":50")));
        var later = board.Apply(Entry(11, NoticeEntryTypes.File, Syr, T0, Body("ground-movement", Circle(EastOfSeparation(3), 500), End, End.AddHours(2), "\"tanks\":50")));
        var other = board.Apply(Entry(12, NoticeEntryTypes.File, Isr, T0, Body("ground-movement", Circle(EastOfSeparation(6), 500), Start, End, "\"tanks\":50")));
        Assert.Empty(first.Value.Conflicts);
        Assert.Empty(later.Value.Conflicts);
        Assert.Empty(other.Value.Conflicts);

        var third = board.Apply(Entry(13, NoticeEntryTypes.File, Syr, T0, Body("ground-movement", Circle(EastOfSeparation(8), 500), Start.AddHours(1), End, "\"tanks\":30")));

        var conflict = Assert.Single(third.Value.Conflicts);
        Assert.Equal(ConflictCode.ZoneLimitExceeded, conflict.Code);
        Assert.Equal([10L], conflict.Notices);
        Assert.Contains("80 tanks", conflict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AnyForceInTheAreaOfSeparation_IsProhibited()
    {
        var assessment = Assess(Body("ground-movement", Circle(Quneitra, 500), Start, End, "\"troops\":10"));
        var conflict = Assert.Single(assessment.Conflicts, c => c.Code == ConflictCode.ZoneProhibited);
        Assert.Equal(["aos"], conflict.Zones);
    }

    [Fact]
    public void AHumanitarianConvoy_BreaksNoZoneRule()
    {
        var assessment = Assess(Body("humanitarian-convoy", Circle(Quneitra, 500), Start, End));
        Assert.Empty(assessment.Conflicts);
        Assert.Contains("aos", assessment.Zones);
    }

    [Fact]
    public void MissilesWithin25Kilometres_AndHeavyArtilleryWithin20_AreBanned()
    {
        var assessment = Assess(Body("ground-movement", Circle(EastOfSeparation(15), 500), Start, End, "\"surface-to-air-missile\":2,\"heavy-artillery\":4"));
        Assert.Equal(
            [("aol-20km", "heavy-artillery"), ("aol-25km", "surface-to-air-missile")],
            assessment.Conflicts.Where(c => c.Code == ConflictCode.ZoneBannedAsset).Select(c => (c.Zones[0], c.Detail.Split(' ')[1])).ToList());
    }

    [Fact]
    public void AStrikeInSuwayda_TouchesAProtectedCommunity()
    {
        var conflict = Assert.Single(Assess(Body("strike", Circle(Suwayda, 2000), Start, End)).Conflicts);
        Assert.Equal(ConflictCode.ZoneProtectedCommunity, conflict.Code);
        Assert.Equal(["suwayda"], conflict.Zones);
    }

    [Fact]
    public void FightingInSheikhMaqsoud_TouchesAProtectedCommunity()
    {
        var conflict = Assert.Single(Assess(Body("artillery", Circle(new(37.1580, 36.2270), 300), Start, End, "\"short-range-artillery\":4")).Conflicts);
        Assert.Equal(["aleppo-kurdish-quarters"], conflict.Zones);
    }

    [Theory]
    [InlineData("SYR", 0, "ground-movement", null, true)]   // another party, same place and time
    [InlineData("ISR", 0, "ground-movement", null, false)]  // the same party never conflicts with itself
    [InlineData("SYR", 6, "ground-movement", null, false)]  // back to back: [start, end) then [end, …)
    [InlineData("SYR", 5, "ground-movement", null, true)]   // an hour of overlap
    [InlineData("SYR", 0, "air-sortie", "{\"minMetres\":1000,\"maxMetres\":5000}", false)] // aircraft above ground forces
    [InlineData("SYR", 0, "artillery", null, true)]         // fire without a band reaches the ground forces
    public void OverlapWithAnotherPartysNotice(string party, int hoursLater, string kind, string? altitude, bool conflicts)
    {
        var board = new NoticeBoard(DemoZones.Config, DemoZones.Atlas);
        board.Apply(Entry(20, NoticeEntryTypes.File, Isr, T0, Body("ground-movement", Circle(Aleppo, 3000), Start, End, "\"troops\":100")));
        var assets = kind switch { "artillery" => "\"short-range-artillery\":2", "ground-movement" => "\"troops\":5", _ => null };
        var filed = board.Apply(Entry(21, NoticeEntryTypes.File, new(party), T0, Body(kind, Circle(Aleppo, 1000), Start.AddHours(hoursLater), End.AddHours(hoursLater), assets, altitude)));

        Assert.True(filed.IsSuccess, filed.IsSuccess ? null : filed.Error.Detail);
        var overlaps = filed.Value.Conflicts.Where(c => c.Code == ConflictCode.NoticeOverlap).ToList();
        Assert.Equal(conflicts, overlaps.Count == 1);
        Assert.All(overlaps, c => Assert.Equal([20L], c.Notices));
    }

    [Theory]
    [InlineData("{\"minMetres\":5000,\"maxMetres\":8000}", "{\"minMetres\":0,\"maxMetres\":3000}", false)]
    [InlineData("{\"minMetres\":3000,\"maxMetres\":8000}", "{\"minMetres\":0,\"maxMetres\":3000}", true)]
    public void AirActivity_ConflictsOnlyWhenAltitudeBandsMeet(string first, string second, bool conflicts)
    {
        var board = new NoticeBoard(DemoZones.Config, DemoZones.Atlas);
        board.Apply(Entry(30, NoticeEntryTypes.File, Isr, T0, Body("air-sortie", Circle(Aleppo, 20_000), Start, End, altitude: first)));
        var filed = board.Apply(Entry(31, NoticeEntryTypes.File, Syr, T0, Body("uav", Circle(Aleppo, 5_000), Start, End, altitude: second)));
        Assert.Equal(conflicts, filed.Value.Conflicts.Any(c => c.Code == ConflictCode.NoticeOverlap));
    }

    [Theory]
    [InlineData(5, true, 55)]
    [InlineData(59, true, 1)]
    [InlineData(60, false, 0)]
    [InlineData(600, false, 0)]
    public void AirActivityNearTheAreaOfSeparation_NeedsAnHourOfLeadTime(int minutesAhead, bool late, int shortfallMinutes)
    {
        var filing = Filing(Body("air-sortie", Circle(EastOfSeparation(20), 1000), Start, End, altitude: "{\"minMetres\":500,\"maxMetres\":6000}"));
        var assessment = NoticeAssessment.Assess(filing, Isr, Start.AddMinutes(-minutesAhead), [], _ => [], DemoZones.Atlas, DemoZones.Config.Deadlines);

        Assert.Equal(late, assessment.Late is not null);
        if (late)
        {
            Assert.Equal("air-near-separation", assessment.Late!.Rule);
            Assert.Equal(TimeSpan.FromMinutes(60), assessment.Late.RequiredLead);
            Assert.Equal(TimeSpan.FromMinutes(shortfallMinutes), assessment.Late.Shortfall);
        }
    }

    [Fact]
    public void AirActivityFarFromTheAreaOfSeparation_HasNoLeadTime()
    {
        var filing = Filing(Body("air-sortie", Circle(EastOfSeparation(30), 1000), Start, End, altitude: "{\"minMetres\":500,\"maxMetres\":6000}"));
        Assert.Null(NoticeAssessment.Assess(filing, Isr, Start.AddMinutes(-1), [], _ => [], DemoZones.Atlas, DemoZones.Config.Deadlines).Late);
    }

    [Fact]
    public void LiveFire_NeedsThreeDaysAnywhere_AndTheLongestRuleWins()
    {
        var filing = Filing(Body("live-fire", Circle(Aleppo, 1000), Start, End));
        var late = NoticeAssessment.Assess(filing, Syr, Start.AddHours(-71), [], _ => [], DemoZones.Atlas, DemoZones.Config.Deadlines).Late;
        Assert.Equal(("live-fire", TimeSpan.FromHours(1)), (late!.Rule, late.Shortfall));
    }

    [Fact]
    public void AGroundMovementIntoALimitationBand_NeedsADay()
    {
        var filing = Filing(Body("ground-movement", Circle(EastOfSeparation(4), 1000), Start, End, "\"troops\":10"));
        var late = NoticeAssessment.Assess(filing, Syr, Start.AddHours(-2), [], _ => [], DemoZones.Atlas, DemoZones.Config.Deadlines).Late;
        Assert.Equal(("ground-in-limitation-band", TimeSpan.FromHours(22)), (late!.Rule, late.Shortfall));
    }

    [Theory]
    [InlineData(-30, false, 0)]
    [InlineData(30, false, 0)]
    [InlineData(60, false, 0)]
    [InlineData(90, true, 30)]
    public void ASelfDefenceNotice_MayBeFiledUpToTheGraceAfterItsStart(int minutesAfterStart, bool late, int shortfallMinutes)
    {
        var filing = Filing(Body("strike", Circle(EastOfSeparation(20), 1000), Start, End, selfDefence: true));
        var assessment = NoticeAssessment.Assess(filing, Isr, Start.AddMinutes(minutesAfterStart), [], _ => [], DemoZones.Atlas, DemoZones.Config.Deadlines);
        Assert.Equal(late, assessment.Late is not null);
        if (late)
        {
            Assert.Equal(("self-defence-grace", TimeSpan.FromMinutes(shortfallMinutes)), (assessment.Late!.Rule, assessment.Late.Shortfall));
        }
    }

    private static Assessment Assess(string body) =>
        NoticeAssessment.Assess(Filing(body), Syr, T0, [], _ => [], DemoZones.Atlas, DemoZones.Config.Deadlines);

    private static NetTopologySuite.Geometries.Point GeoPoint(NetTopologySuite.Geometries.Coordinate c) => Liaison.Domain.Geo.GeoJsonReader.Factory.CreatePoint(c);
}
