using Liaison.Domain.Notices;
using Liaison.Domain.Parties;
using static Liaison.Domain.Tests.Notices.NoticeScenario;

namespace Liaison.Domain.Tests.Notices;

/// <summary>
/// The readers' boards: the parties and the convener read the record's board; an observer reads the fold of the notice
/// entries addressed to it, so its conflicts are what its own replay computes. And the audience rules that keep every
/// step of a notice in front of everyone who reads the notice.
/// </summary>
public sealed class NoticeBoardsTests
{
    private static readonly PartyCode Undof = new("UNDOF");
    private static readonly PartyCode[] Parties = [Isr, Syr, Usa];
    private static readonly DateTimeOffset Start = T0.AddDays(2);
    private static readonly DateTimeOffset End = Start.AddHours(4);

    private readonly NoticeBoards _boards = new(DemoZones.Config, DemoZones.Atlas);

    [Fact]
    public void APartyAndTheConvener_ReadTheRecordsBoard_TheObserverItsOwn()
    {
        Assert.Same(_boards.Record, _boards.For(Isr));
        Assert.Same(_boards.Record, _boards.For(Usa));
        Assert.NotSame(_boards.Record, _boards.For(Undof));
    }

    [Fact]
    public void AnOverlapWithANoticeKeptFromTheObserver_IsNotInTheObserversView()
    {
        Accept(1, NoticeEntryTypes.File, Isr, Body("ground-movement", Circle(Aleppo, 1_000), Start, End, "\"troops\":5"), Parties);
        Accept(2, NoticeEntryTypes.File, Syr, Body("ground-movement", Circle(Aleppo, 1_000), Start, End, "\"troops\":5"), Everyone);

        Assert.Equal([1L], Assert.Single(_boards.For(Isr).Notices[2].Conflicts).Notices);
        Assert.Empty(_boards.For(Undof).Notices[2].Conflicts);
        Assert.False(_boards.For(Undof).Notices.ContainsKey(1));
    }

    [Fact]
    public void ABandsCaps_CountOnlyTheNoticesTheObserverReads()
    {
        // 50 + 50 tanks within 10 km of the Area of Separation pass the cap of 75; UNDOF reads only the second 50.
        Accept(1, NoticeEntryTypes.File, Syr, Body("ground-movement", Circle(EastOfSeparation(3), 500), Start, End, "\"tanks\":50"), Parties);
        Accept(2, NoticeEntryTypes.File, Syr, Body("ground-movement", Circle(EastOfSeparation(4), 500), Start, End, "\"tanks\":50"), Everyone);

        Assert.Contains(_boards.For(Syr).Notices[2].Conflicts, c => c.Code == ConflictCode.ZoneLimitExceeded);
        Assert.DoesNotContain(_boards.For(Undof).Notices[2].Conflicts, c => c.Code == ConflictCode.ZoneLimitExceeded);
    }

    [Fact]
    public void TheObserversBoard_IsTheFoldOfTheEntriesAddressedToIt()
    {
        var entries = new List<NoticeEntry>
        {
            Entry(1, NoticeEntryTypes.File, Isr, T0, Body("ground-movement", Circle(EastOfSeparation(3), 800), Start, End, "\"tanks\":40"), Parties),
            Entry(2, NoticeEntryTypes.File, Syr, T0, Body("ground-movement", Circle(EastOfSeparation(3), 800), Start, End, "\"tanks\":40"), Everyone),
            Entry(3, NoticeEntryTypes.File, Isr, T0, Body("ground-movement", Circle(EastOfSeparation(3), 900), Start, End, "\"tanks\":40"), Everyone),
            Entry(4, NoticeEntryTypes.Acknowledge, Syr, T0.AddMinutes(1), "{\"notice\":1}", Parties),
            Entry(5, NoticeEntryTypes.Cancel, Isr, T0.AddMinutes(2), "{\"notice\":1,\"reason\":\"Called off.\"}", Parties),
            Entry(6, NoticeEntryTypes.File, Isr, T0.AddMinutes(3), Body("ground-movement", Circle(EastOfSeparation(3), 700), Start, End, "\"tanks\":30", replaces: 3), Everyone),
            Entry(7, NoticeEntryTypes.Object, Syr, T0.AddMinutes(4), "{\"notice\":6,\"reason\":\"Too close.\"}", Everyone),
        };
        foreach (var entry in entries)
        {
            Assert.True(_boards.Apply(entry).IsSuccess);
        }

        var replayed = new NoticeBoard(DemoZones.Config, DemoZones.Atlas);
        foreach (var entry in entries.Where(e => e.Audience.Contains(Undof)))
        {
            replayed.Apply(entry, checkAuthor: false);
        }

        Assert.Equal([2L, 3L, 6L], _boards.For(Undof).Notices.Keys.Order());
        foreach (var (id, notice) in replayed.Notices)
        {
            var served = _boards.For(Undof).Notices[id];
            Assert.Equal((notice.Version, notice.ReplacedBy, notice.Late, notice.Stands), (served.Version, served.ReplacedBy, served.Late, served.Stands));
            Assert.Equal(notice.Zones, served.Zones);
            Assert.Equal(notice.Responses, served.Responses);
            Assert.Equal(notice.Conflicts.Select(c => (c.Code, c.Detail, string.Join(",", c.Notices))), served.Conflicts.Select(c => (c.Code, c.Detail, string.Join(",", c.Notices))));
        }

        // The parties' view of notice 2 counts ISR's notice 1 (standing then); UNDOF's does not.
        Assert.Contains(1L, _boards.For(Syr).Notices[2].Conflicts.SelectMany(c => c.Notices));
        Assert.DoesNotContain(1L, _boards.For(Undof).Notices[2].Conflicts.SelectMany(c => c.Notices));
    }

    [Theory]
    [InlineData(NoticeEntryTypes.Acknowledge, "{\"notice\":1}", "An acknowledgement of notice 1")]
    [InlineData(NoticeEntryTypes.Object, "{\"notice\":1,\"reason\":\"No.\"}", "An objection to notice 1")]
    public void AnAnswerAddressedToFewerThanTheNotice_IsRefused(string type, string body, string start)
    {
        Accept(1, NoticeEntryTypes.File, Isr, Body("ground-movement", Circle(Aleppo, 1_000), Start, End, "\"troops\":5"), Everyone);

        var refused = _boards.Apply(Entry(2, type, Syr, T0, body, Parties));

        Assert.Equal("notice-audience", refused.Error.Code);
        Assert.StartsWith(start, refused.Error.Detail, StringComparison.Ordinal);
        Assert.EndsWith("add UNDOF to the audience.", refused.Error.Detail, StringComparison.Ordinal);
        Assert.Empty(_boards.Record.Notices[1].Responses);
    }

    [Fact]
    public void ACancellationAddressedToFewerThanTheNotice_IsRefused_AndTheNoticeStands()
    {
        Accept(1, NoticeEntryTypes.File, Isr, Body("ground-movement", Circle(Aleppo, 1_000), Start, End, "\"troops\":5"), Everyone);

        var refused = _boards.Apply(Entry(2, NoticeEntryTypes.Cancel, Isr, T0, "{\"notice\":1,\"reason\":\"Called off.\"}", Parties));

        Assert.Equal("notice-audience", refused.Error.Code);
        Assert.True(_boards.Record.Notices[1].Stands);
        Assert.True(_boards.For(Undof).Notices[1].Stands);
    }

    [Fact]
    public void AnAnswerToMoreThanTheNotice_IsAccepted_AndTheObserverWhoCannotReadTheNoticeSkipsIt()
    {
        Accept(1, NoticeEntryTypes.File, Isr, Body("ground-movement", Circle(Aleppo, 1_000), Start, End, "\"troops\":5"), Parties);
        Accept(2, NoticeEntryTypes.Acknowledge, Syr, "{\"notice\":1}", Everyone);

        Assert.Single(_boards.Record.Notices[1].Responses);
        Assert.Empty(_boards.For(Undof).Notices);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AnAmendmentToAnotherAudience_IsRefused_NamingTheNoticesAudience(bool wider)
    {
        Accept(1, NoticeEntryTypes.File, Isr, Body("ground-movement", Circle(Aleppo, 1_000), Start, End, "\"troops\":5"), wider ? Parties : Everyone);

        var amendment = Body("ground-movement", Circle(Aleppo, 1_000), Start, End.AddHours(1), "\"troops\":5", replaces: 1);
        var refused = _boards.Apply(Entry(2, NoticeEntryTypes.File, Isr, T0, amendment, wider ? Everyone : Parties));

        Assert.Equal("notice-audience", refused.Error.Code);
        Assert.Contains(wider ? "notice 1 went to ISR, SYR, USA." : "notice 1 went to ISR, SYR, USA, UNDOF.", refused.Error.Detail, StringComparison.Ordinal);
        Assert.True(_boards.Record.Notices[1].Stands);
        Assert.False(_boards.Record.Notices.ContainsKey(2));
    }

    [Fact]
    public void AnAmendmentToTheSameAudienceInAnotherOrder_IsAccepted()
    {
        Accept(1, NoticeEntryTypes.File, Isr, Body("ground-movement", Circle(Aleppo, 1_000), Start, End, "\"troops\":5"), Everyone);
        Accept(2, NoticeEntryTypes.File, Isr, Body("ground-movement", Circle(Aleppo, 1_000), Start, End.AddHours(1), "\"troops\":5", replaces: 1), [.. Everyone.Reverse()]);

        Assert.Equal(2, _boards.For(Undof).Notices[2].Version);
        Assert.Equal(2L, _boards.For(Undof).Notices[1].ReplacedBy);
    }

    private void Accept(long seq, string type, PartyCode party, string body, IReadOnlyList<PartyCode> audience)
    {
        var applied = _boards.Apply(Entry(seq, type, party, T0, body, audience));
        Assert.True(applied.IsSuccess, applied.IsSuccess ? null : applied.Error.Detail);
    }
}
