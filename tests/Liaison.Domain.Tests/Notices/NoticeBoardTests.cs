using Liaison.Domain.Notices;
using static Liaison.Domain.Tests.Notices.NoticeScenario;

namespace Liaison.Domain.Tests.Notices;

/// <summary>The notice board: answers, amendments, cancellations, refusals, and an index that never changes an outcome.</summary>
public sealed class NoticeBoardTests
{
    private static readonly DateTimeOffset Start = T0.AddDays(2);
    private static readonly DateTimeOffset End = Start.AddHours(4);

    private readonly NoticeBoard _board = new(DemoZones.Config, DemoZones.Atlas);

    [Fact]
    public void TheOtherPartyAcknowledges_ThenTheNoticeRunsItsCourse()
    {
        var filed = File(1, Isr, T0, Aleppo);
        Assert.Equal(NoticeStatus.Filed, filed.StatusAt(T0));

        var acked = _board.Apply(Entry(2, NoticeEntryTypes.Acknowledge, Syr, T0.AddMinutes(5), "{\"notice\":1}"));

        Assert.True(acked.IsSuccess);
        Assert.Equal(NoticeStatus.Acknowledged, acked.Value.StatusAt(T0.AddMinutes(5)));
        Assert.Equal(NoticeStatus.Active, acked.Value.StatusAt(Start));
        Assert.Equal(NoticeStatus.Active, acked.Value.StatusAt(End.AddTicks(-1)));
        Assert.Equal(NoticeStatus.Completed, acked.Value.StatusAt(End));
        var response = Assert.Single(acked.Value.Responses);
        Assert.Equal((2L, Syr, NoticeResponseKind.Acknowledged), (response.Seq, response.Party, response.Kind));
    }

    [Fact]
    public void AnObjectionIsRecordedWithItsReason_AndNeverBlocksTheActivity()
    {
        File(1, Isr, T0, Aleppo);
        var objected = _board.Apply(Entry(2, NoticeEntryTypes.Object, Syr, T0, "{\"notice\":1,\"reason\":\"Too close to the city.\"}"));

        Assert.Equal(NoticeStatus.Objected, objected.Value.StatusAt(T0));
        Assert.Equal(NoticeStatus.Active, objected.Value.StatusAt(Start));
        Assert.Equal("Too close to the city.", objected.Value.Responses[0].Reason);
    }

    [Fact]
    public void AnsweringOnesOwnNotice_IsRefused() =>
        AssertRefused(Apply(2, NoticeEntryTypes.Acknowledge, Isr, "{\"notice\":1}", afterFiling: true), "notice-own");

    [Fact]
    public void AcknowledgingTwice_IsRefusedNamingTheFirst()
    {
        File(1, Isr, T0, Aleppo);
        _board.Apply(Entry(2, NoticeEntryTypes.Acknowledge, Syr, T0, "{\"notice\":1}"));
        var again = _board.Apply(Entry(3, NoticeEntryTypes.Acknowledge, Syr, T0, "{\"notice\":1}"));
        AssertRefused(again, "notice-already-answered");
        Assert.Equal(2L, again.Error.Extensions["seq"]);
    }

    [Fact]
    public void AnsweringAnUnknownNotice_IsNotFound() =>
        AssertRefused(_board.Apply(Entry(2, NoticeEntryTypes.Acknowledge, Syr, T0, "{\"notice\":77}")), "notice-not-found");

    [Fact]
    public void APartyOutsideTheAudience_CannotSeeTheNotice()
    {
        _board.Apply(Entry(1, NoticeEntryTypes.File, Isr, T0, Body("ground-movement", Circle(Aleppo, 500), Start, End, "\"troops\":5"), [Isr, Syr, Usa]));
        AssertRefused(_board.Apply(Entry(2, NoticeEntryTypes.Acknowledge, new("UNDOF"), T0, "{\"notice\":1}")), "notice-not-found");
    }

    [Fact]
    public void ANoticeNotAddressedToEveryPartyAndTheConvener_IsRefused()
    {
        var refused = _board.Apply(Entry(1, NoticeEntryTypes.File, Isr, T0, Body("ground-movement", Circle(Aleppo, 500), Start, End, "\"troops\":5"), [Isr, Syr]));
        AssertRefused(refused, "notice-audience");
        Assert.Contains("USA", refused.Error.Detail, StringComparison.Ordinal);
        Assert.Empty(_board.Notices);
    }

    [Fact]
    public void AWindowLongerThanTheConfiguredMaximum_IsRefused() =>
        AssertRefused(_board.Apply(Entry(1, NoticeEntryTypes.File, Isr, T0, Body("ground-movement", Circle(Aleppo, 500), Start, Start.AddDays(31), "\"troops\":5"))), "payload-invalid");

    [Fact]
    public void OnlyTheFilerCancels_AndACancelledNoticeTakesNoAnswer()
    {
        File(1, Isr, T0, Aleppo);
        AssertRefused(_board.Apply(Entry(2, NoticeEntryTypes.Cancel, Syr, T0, "{\"notice\":1,\"reason\":\"no\"}")), "notice-not-filer");

        var cancelled = _board.Apply(Entry(3, NoticeEntryTypes.Cancel, Isr, T0, "{\"notice\":1,\"reason\":\"Postponed.\"}"));
        Assert.Equal(NoticeStatus.Cancelled, cancelled.Value.StatusAt(Start));
        AssertRefused(_board.Apply(Entry(4, NoticeEntryTypes.Acknowledge, Syr, T0, "{\"notice\":1}")), "notice-closed");
    }

    [Fact]
    public void ACancelledNotice_NoLongerConflicts()
    {
        File(1, Isr, T0, Aleppo);
        _board.Apply(Entry(2, NoticeEntryTypes.Cancel, Isr, T0, "{\"notice\":1,\"reason\":\"Postponed.\"}"));
        Assert.Empty(File(3, Syr, T0, Aleppo).Conflicts);
    }

    [Fact]
    public void AnAmendmentSupersedesTheNoticeItReplaces_AndDoesNotConflictWithIt()
    {
        File(1, Isr, T0, Aleppo);
        File(2, Syr, T0, Aleppo);
        var amended = _board.Apply(Entry(3, NoticeEntryTypes.File, Isr, T0, Body("ground-movement", Circle(Aleppo, 800), Start, End, "\"troops\":5", replaces: 1)));

        Assert.True(amended.IsSuccess, amended.IsSuccess ? null : amended.Error.Detail);
        Assert.Equal(2, amended.Value.Version);
        Assert.Equal([2L], amended.Value.Conflicts.SelectMany(c => c.Notices));
        Assert.Equal(3L, _board.Notices[1].ReplacedBy);
        Assert.Equal(NoticeStatus.Superseded, _board.Notices[1].StatusAt(T0));
        AssertRefused(_board.Apply(Entry(4, NoticeEntryTypes.File, Syr, T0, Body("ground-movement", Circle(Aleppo, 800), Start, End, "\"troops\":5", replaces: 2 + 1))), "notice-not-filer");
        AssertRefused(_board.Apply(Entry(5, NoticeEntryTypes.File, Isr, T0, Body("ground-movement", Circle(Aleppo, 800), Start, End, "\"troops\":5", replaces: 1))), "notice-closed");
    }

    [Fact]
    public void ALateNoticeIsAcceptedAndMarked_EvenFiledAfterItsWindow()
    {
        var filed = _board.Apply(Entry(1, NoticeEntryTypes.File, Syr, End.AddHours(1), Body("live-fire", Circle(Aleppo, 500), Start, End)));
        Assert.True(filed.IsSuccess);
        Assert.Equal(TimeSpan.FromHours(72 + 5), filed.Value.Late!.Shortfall);
    }

    [Fact]
    public void ExpiredNoticesLeaveTheQuadtree_ButANoticeReachingBackStillMeetsThem()
    {
        File(1, Isr, T0, Aleppo);
        Assert.Equal(1, _board.Indexed);

        // Ten days later the first notice has long ended and is archived.
        var later = T0.AddDays(10);
        File(2, Isr, later, Suwayda, later.AddDays(1), later.AddDays(1).AddHours(1));
        Assert.Equal(1, _board.Indexed);

        // A late notice for the first one's window still finds it; a cancelled archived notice is skipped.
        var late = _board.Apply(Entry(3, NoticeEntryTypes.File, Syr, later, Body("ground-movement", Circle(Aleppo, 500), Start, End, "\"troops\":5")));
        Assert.Equal([1L], late.Value.Conflicts.SelectMany(c => c.Notices));
        _board.Apply(Entry(4, NoticeEntryTypes.Cancel, Isr, later, "{\"notice\":1,\"reason\":\"Never happened.\"}"));
        var after = _board.Apply(Entry(5, NoticeEntryTypes.File, Syr, later, Body("ground-movement", Circle(Aleppo, 500), Start, End, "\"troops\":5")));
        Assert.Empty(after.Value.Conflicts);
    }

    [Fact]
    public void TheIndexNeverChangesAnOutcome_ComparedWithCheckingEveryNotice()
    {
        var random = new Random(7);
        var parties = new[] { Isr, Syr };
        for (var seq = 1; seq <= 400; seq++)
        {
            var filedAt = T0.AddHours(seq);
            var start = filedAt.AddHours(random.Next(-96, 96));
            var near = random.Next(2) == 0 ? Aleppo : EastOfSeparation(5);
            var centre = new NetTopologySuite.Geometries.Coordinate(near.X + ((random.NextDouble() - 0.5) / 5), near.Y + ((random.NextDouble() - 0.5) / 5));
            var body = Body("ground-movement", Circle(centre, random.Next(1_000, 20_000)), start, start.AddHours(random.Next(1, 48)), $"\"troops\":5,\"tanks\":{random.Next(0, 40)}");
            var filing = Filing(body);
            var party = parties[random.Next(2)];
            var expected = NoticeAssessment.Assess(filing, party, filedAt, _board.Notices.Values, code => _board.Notices.Values, DemoZones.Atlas, DemoZones.Config.Deadlines);

            var filed = _board.Apply(Entry(seq, NoticeEntryTypes.File, party, filedAt, body));

            Assert.Equal(expected.Conflicts.Select(c => (c.Code, string.Join(",", c.Notices))), filed.Value.Conflicts.Select(c => (c.Code, string.Join(",", c.Notices))));
        }

        Assert.InRange(_board.Indexed, 1, 399);
        Assert.Contains(_board.Notices.Values, n => n.Conflicts.Any(c => c.Code == ConflictCode.ZoneLimitExceeded && c.Notices.Count > 0));
    }

    [Fact]
    public void TheBoardFindsExactlyTheOverlapsOfThePolygons_ComparedWithNetTopologySuiteOnEveryNotice()
    {
        // Dense enough that most probes meet several notices; circles and polygons; the ground, the air and live fire;
        // cancellations and amendments on the way.
        var random = new Random(20260106);
        var parties = new[] { Isr, Syr };
        var seq = 0L;
        string RandomBody(DateTimeOffset around)
        {
            var centre = new NetTopologySuite.Geometries.Coordinate(36.0 + (random.NextDouble() * 0.4), 33.5 + (random.NextDouble() * 0.3));
            var area = random.Next(5) == 0 ? Square(centre, 0.002 + (random.NextDouble() * 0.03)) : Circle(centre, 200 + (random.NextDouble() * 4_000));
            var start = around.AddMinutes(random.Next(0, 48 * 60));
            var end = start.AddHours(random.Next(1, 24));
            return random.Next(4) switch
            {
                0 => Body("air-sortie", area, start, end, altitude: $"{{\"minMetres\":{random.Next(0, 3) * 1000},\"maxMetres\":{(random.Next(3, 6) * 1000)}}}"),
                1 => Body("live-fire", area, start, end),
                _ => Body("engineering-works", area, start, end),
            };
        }

        for (var i = 0; i < 1_500; i++)
        {
            var filed = _board.Apply(Entry(++seq, NoticeEntryTypes.File, parties[i % 2], T0, RandomBody(T0)));
            Assert.True(filed.IsSuccess, filed.IsSuccess ? null : filed.Error.Detail);
            if (i % 50 == 49)
            {
                _board.Apply(Entry(++seq, NoticeEntryTypes.Cancel, parties[i % 2], T0, $"{{\"notice\":{filed.Value.Id},\"reason\":\"Off.\"}}"));
            }
        }

        var overlaps = 0;
        for (var probe = 0; probe < 300; probe++)
        {
            var filing = Filing(RandomBody(T0));
            var party = parties[probe % 2];

            var found = _board.Assess(filing, party, T0).Conflicts.Where(c => c.Code == ConflictCode.NoticeOverlap).SelectMany(c => c.Notices);

            var expected = _board.Notices.Values
                .Where(n => n.Party != party && n.Stands && n.Filing.Window.Overlaps(filing.Window) && n.Filing.Vertical.Overlaps(filing.Vertical)
                    && n.Filing.Area.Geometry.Intersects(filing.Area.Geometry))
                .Select(n => n.Id)
                .Order()
                .ToList();
            Assert.Equal(expected, found);
            overlaps += expected.Count;
        }

        Assert.InRange(overlaps, 300, int.MaxValue);
    }

    private Notice File(long seq, Liaison.Domain.Parties.PartyCode party, DateTimeOffset at, NetTopologySuite.Geometries.Coordinate where, DateTimeOffset? start = null, DateTimeOffset? end = null)
    {
        var filed = _board.Apply(Entry(seq, NoticeEntryTypes.File, party, at, Body("ground-movement", Circle(where, 1_000), start ?? Start, end ?? End, "\"troops\":5")));
        Assert.True(filed.IsSuccess, filed.IsSuccess ? null : filed.Error.Detail);
        return filed.Value;
    }

    private Liaison.Domain.Common.Result<Notice> Apply(long seq, string type, Liaison.Domain.Parties.PartyCode party, string body, bool afterFiling)
    {
        if (afterFiling)
        {
            File(1, Isr, T0, Aleppo);
        }

        return _board.Apply(Entry(seq, type, party, T0, body));
    }

    private static void AssertRefused(Liaison.Domain.Common.Result<Notice> result, string code)
    {
        Assert.False(result.IsSuccess);
        Assert.Equal(code, result.Error.Code);
    }

    private static string Square(NetTopologySuite.Geometries.Coordinate centre, double half) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{{\"type\":\"Polygon\",\"coordinates\":[[[{centre.X - half},{centre.Y - half}],[{centre.X + half},{centre.Y - half}],[{centre.X + half},{centre.Y + half}],[{centre.X - half},{centre.Y + half}],[{centre.X - half},{centre.Y - half}]]]}}");
}
