using Liaison.Domain.Hotline;
using Liaison.Domain.Parties;
using static Liaison.Domain.Tests.Hotline.HotlineTestData;

namespace Liaison.Domain.Tests.Hotline;

/// <summary>
/// Responsiveness figures on a hand-computed day, [T0, T0 + 1 day). Percentiles are nearest rank: of n sorted times,
/// the one at 1-based rank ⌈p·n/100⌉, so the median of an even count is the lower middle time.
/// </summary>
public sealed class HotlineStatisticsTests
{
    private static readonly DateTimeOffset From = T0;

    private static readonly DateTimeOffset To = T0.AddDays(1);

    /// <summary>
    /// SYR receives five FLASH messages from ISR, acknowledged after 1, 3, 4 and 8 minutes (the last late, after its
    /// escalation) and not at all (escalated, then missed); and a PRIORITY request for explanation acknowledged after 10
    /// minutes whose reply comes after 50 hours (reply escalated at 48 h). ISR receives one ROUTINE message from SYR,
    /// acknowledged after 2 hours. Outside the period: a FLASH one tick before it and one at its end. Two link tests:
    /// the first answered by both and acknowledged by ISR, the second answered by ISR only.
    /// </summary>
    private static HotlineState Day(PartyCode sender, PartyCode recipient)
    {
        HotlineEntry From(long seq, DateTimeOffset at, HotlineEvent e) => Entry(seq, sender, at, e);
        HotlineEntry By(long seq, DateTimeOffset at, HotlineEvent e) => Entry(seq, recipient, at, e);
        HotlineEntry Server(long seq, DateTimeOffset at, HotlineEvent e) => ServerEntry(seq, at, e);
        var h = (double hours) => T0.AddHours(hours);
        return Fold(
            From(1, T0.AddTicks(-1), Message()),
            From(10, h(0), Message()),
            By(11, h(0).AddMinutes(1), new MessageAcknowledged(10)),
            From(12, h(1), Message()),
            By(13, h(1).AddMinutes(3), new MessageAcknowledged(12)),
            From(14, h(2), Message()),
            By(15, h(2).AddMinutes(4), new MessageAcknowledged(14)),
            From(16, h(3), Message()),
            Server(17, h(3).AddMinutes(5), new MessageEscalated(16, recipient, DeadlineKind.Acknowledgement, "late")),
            By(18, h(3).AddMinutes(8), new MessageAcknowledged(16)),
            From(19, h(4), Message()),
            Server(20, h(4).AddMinutes(5), new MessageEscalated(19, recipient, DeadlineKind.Acknowledgement, "late")),
            Server(21, h(4).AddMinutes(10), new MessageMissed(19, recipient, DeadlineKind.Acknowledgement)),
            By(22, h(5), Message(Precedence.Routine)),
            From(23, h(7), new MessageAcknowledged(22)),
            From(24, h(6), Message(Precedence.Priority, MessageTemplate.RequestForExplanation)),
            By(25, h(6).AddMinutes(10), new MessageAcknowledged(24)),
            Server(26, h(0.5), new LinkTestSent(Security)),
            Entry(27, sender, h(0.5), new LinkTestAnswered(26)),
            Entry(28, recipient, h(0.5), new LinkTestAnswered(26)),
            Entry(29, sender, h(0.6), new MessageAcknowledged(26)),
            Server(30, h(1.5), new LinkTestSent(Security)),
            Entry(31, sender, h(1.5), new LinkTestAnswered(30)),
            Server(32, h(54), new MessageEscalated(24, recipient, DeadlineKind.Reply, "no reply")),
            By(33, h(56), Message(Precedence.Priority, MessageTemplate.Reply, inReplyTo: 24)),
            From(34, To, Message()));
    }

    [Fact]
    public void Compute_HandComputedDay_GivesTheRecipientsFlashFigures()
    {
        var report = HotlineStatistics.Compute(Day(Isr, Syr), From, To);

        var syr = report.Parties.Single(p => p.Party == Syr);
        Assert.Equal(
            new AcknowledgementFigures(Count: 5, Acknowledged: 4, AcknowledgedInTime: 3, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(8), Escalations: 2, Misses: 1),
            syr.ByPrecedence[Precedence.Flash]);
        Assert.Equal(
            new AcknowledgementFigures(Count: 1, Acknowledged: 1, AcknowledgedInTime: 1, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10), Escalations: 0, Misses: 0),
            syr.ByPrecedence[Precedence.Priority]);
        Assert.Equal(new AcknowledgementFigures(0, 0, 0, null, null, 0, 0), syr.ByPrecedence[Precedence.Immediate]);
    }

    [Fact]
    public void Compute_HandComputedDay_TotalsEveryPrecedence()
    {
        var report = HotlineStatistics.Compute(Day(Isr, Syr), From, To);

        var syr = report.Parties.Single(p => p.Party == Syr);
        Assert.Equal(
            new AcknowledgementFigures(Count: 6, Acknowledged: 5, AcknowledgedInTime: 4, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(10), Escalations: 2, Misses: 1),
            syr.Total);
    }

    [Fact]
    public void Compute_HandComputedDay_GivesExplanationsAndLinkTests()
    {
        var report = HotlineStatistics.Compute(Day(Isr, Syr), From, To);

        var isr = report.Parties.Single(p => p.Party == Isr);
        var syr = report.Parties.Single(p => p.Party == Syr);
        Assert.Equal(new ExplanationFigures(Requests: 1, Replied: 1, RepliedInTime: 0, Escalations: 1, Misses: 0), syr.Explanations);
        Assert.Equal(new ExplanationFigures(0, 0, 0, 0, 0), isr.Explanations);
        Assert.Equal(new LinkTestFigures(Sent: 2, Delivered: 2, Acknowledged: 1), isr.LinkTests);
        Assert.Equal(new LinkTestFigures(Sent: 2, Delivered: 1, Acknowledged: 0), syr.LinkTests);
    }

    [Fact]
    public void Compute_HandComputedDay_GivesTheSendersOwnFiguresAsRecipient()
    {
        var report = HotlineStatistics.Compute(Day(Isr, Syr), From, To);

        var isr = report.Parties.Single(p => p.Party == Isr);
        Assert.Equal([Isr, Syr], report.Parties.Select(p => p.Party));
        Assert.Equal(Precedences.All, isr.ByPrecedence.Keys);
        Assert.Equal(
            new AcknowledgementFigures(Count: 1, Acknowledged: 1, AcknowledgedInTime: 1, TimeSpan.FromHours(2), TimeSpan.FromHours(2), Escalations: 0, Misses: 0),
            isr.ByPrecedence[Precedence.Routine]);
        Assert.Equal(isr.ByPrecedence[Precedence.Routine], isr.Total);
    }

    [Fact]
    public void Compute_MirroredDay_GivesEachSideTheOthersFigures()
    {
        var original = HotlineStatistics.Compute(Day(Isr, Syr), From, To);
        var mirrored = HotlineStatistics.Compute(Day(Syr, Isr), From, To);

        Assert.Equal(original.Parties.Single(p => p.Party == Syr) with { Party = Isr }, mirrored.Parties.Single(p => p.Party == Isr), new FiguresComparer());
        Assert.Equal(original.Parties.Single(p => p.Party == Isr) with { Party = Syr }, mirrored.Parties.Single(p => p.Party == Syr), new FiguresComparer());
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-1, false)]
    public void Compute_MessageAtThePeriodsStart_IsIncludedAndOneTickBeforeIsNot(long ticks, bool included)
    {
        var state = Fold(Entry(10, Isr, T0.AddTicks(ticks), Message()));

        var report = HotlineStatistics.Compute(state, From, To);

        Assert.Equal(included ? 1 : 0, report.Parties.Single().Total.Count);
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    public void Compute_MessageAtThePeriodsEnd_IsExcluded(long ticks, bool included)
    {
        var state = Fold(Entry(10, Isr, To.AddTicks(ticks), Message()));

        var report = HotlineStatistics.Compute(state, From, To);

        Assert.Equal(included ? 1 : 0, report.Parties.Single().Total.Count);
    }

    [Fact]
    public void Compute_NamedPartiesOnAnEmptyState_GiveZeroRowsForEachSide()
    {
        var report = HotlineStatistics.Compute(HotlineState.Empty, From, To, [Syr, Isr]);

        Assert.Equal([Isr, Syr], report.Parties.Select(p => p.Party));
        Assert.All(report.Parties, p =>
        {
            Assert.Equal(4, p.ByPrecedence.Count);
            Assert.Equal(new AcknowledgementFigures(0, 0, 0, null, null, 0, 0), p.Total);
            Assert.Equal(new LinkTestFigures(0, 0, 0), p.LinkTests);
        });
    }

    [Fact]
    public void Compute_PeriodEndingBeforeItStarts_Throws()
    {
        Assert.Throws<ArgumentException>(() => HotlineStatistics.Compute(HotlineState.Empty, To, From));
    }

    [Theory]
    [InlineData("1,2,3,4", 50, 2)]
    [InlineData("1,2,3,4", 90, 4)]
    [InlineData("4,3,2,1", 50, 2)]
    [InlineData("5", 50, 5)]
    [InlineData("5", 90, 5)]
    [InlineData("3,1,2", 50, 2)]
    [InlineData("3,1,2", 90, 3)]
    [InlineData("1,2,3,4,5,6,7,8,9,10", 50, 5)]
    [InlineData("1,2,3,4,5,6,7,8,9,10", 90, 9)]
    [InlineData("1,2,3,4,5,6,7,8,9,10,11", 90, 10)]
    [InlineData("1,2,3,4,5,6,7,8,9,10", 100, 10)]
    [InlineData("1,2,3,4,5,6,7,8,9,10", 1, 1)]
    public void Percentile_NearestRank_IsAnObservedValue(string minutes, int percent, int expected)
    {
        var values = minutes.Split(',').Select(m => TimeSpan.FromMinutes(int.Parse(m, System.Globalization.CultureInfo.InvariantCulture)));

        var result = HotlineStatistics.Percentile(values, percent);

        Assert.Equal(TimeSpan.FromMinutes(expected), result);
    }

    [Fact]
    public void Percentile_NoValues_IsNull()
    {
        Assert.Null(HotlineStatistics.Percentile([], 50));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Percentile_OutOfRange_Throws(int percent)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HotlineStatistics.Percentile([TimeSpan.Zero], percent));
    }

    /// <summary>Compares rows by their figures (the immutable dictionary compares by reference).</summary>
    private sealed class FiguresComparer : IEqualityComparer<PartyResponsiveness>
    {
        public bool Equals(PartyResponsiveness? x, PartyResponsiveness? y) =>
            x is not null && y is not null && x.Party == y.Party && x.ByPrecedence.SequenceEqual(y.ByPrecedence) && x.Total == y.Total
            && x.Explanations == y.Explanations && x.LinkTests == y.LinkTests;

        public int GetHashCode(PartyResponsiveness obj) => obj.Party.GetHashCode();
    }
}
