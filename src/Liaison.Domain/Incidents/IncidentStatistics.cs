using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Incidents;

/// <summary>
/// One side's incident figures for a period: reports it made by category; reports concerning it; its acknowledgements
/// (in time and late) and the time they took (median and 90th percentile, nearest rank); escalations on incidents
/// concerning it; the outcomes of findings on the reports it made and on those concerning it.
/// </summary>
public sealed record IncidentSideStatistics(
    PartyCode Party,
    int Reported,
    IReadOnlyDictionary<string, int> ReportedByCategory,
    int Concerning,
    int Acknowledged,
    int AcknowledgedLate,
    TimeSpan? AcknowledgeMedian,
    TimeSpan? AcknowledgeP90,
    int Escalations,
    IReadOnlyDictionary<string, int> FindingsOnItsReports,
    IReadOnlyDictionary<string, int> FindingsConcerningIt);

/// <summary>The figures of every party for the incidents reported in <c>(From, To]</c>, the same figures for each side.</summary>
public sealed record IncidentStatistics(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<IncidentSideStatistics> Sides)
{
    /// <summary>
    /// Computes the statistics of <paramref name="incidents"/> reported in <c>(from, to]</c> (server time; a period ending
    /// now includes what was reported now) for every
    /// configured party (parties first, then the convener and observers, in configuration order). Pure.
    /// </summary>
    public static IncidentStatistics Compute(IEnumerable<Incident> incidents, MechanismConfig config, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(config);
        var inPeriod = incidents.Where(i => i.ReportedAt > from && i.ReportedAt <= to).ToList();
        var sides = new List<IncidentSideStatistics>();
        foreach (var party in config.Parties.OrderBy(p => p.Kind == PartyKind.Party ? 0 : 1).Select(p => p.Code))
        {
            var reported = inPeriod.Where(i => i.Party == party).ToList();
            var concerning = inPeriod.Where(i => i.Concerns.Contains(party)).ToList();
            var acknowledgements = concerning.SelectMany(i => i.Acknowledgements.Where(a => a.Party == party).Select(a => (Took: a.At - i.ReportedAt, a.Late))).ToList();
            var took = acknowledgements.Select(a => a.Took).Order().ToList();
            sides.Add(new IncidentSideStatistics(
                party,
                reported.Count,
                reported.GroupBy(i => i.Report.Category, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
                concerning.Count,
                acknowledgements.Count,
                acknowledgements.Count(a => a.Late is not null),
                Percentile(took, 0.5),
                Percentile(took, 0.9),
                concerning.Sum(i => i.Steps.Count(s => s.Kind == IncidentStepKind.Escalated)),
                Outcomes(reported),
                Outcomes(concerning)));
        }

        return new IncidentStatistics(from, to, sides);
    }

    /// <summary>The nearest-rank percentile <paramref name="p"/> (0 &lt; p ≤ 1) of sorted values; null when there are none.</summary>
    public static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    private static Dictionary<string, int> Outcomes(IEnumerable<Incident> incidents) =>
        Enum.GetValues<FindingOutcome>().ToDictionary(o => o.Code(), o => incidents.Count(i => i.FindingStep?.Outcome == o), StringComparer.Ordinal);
}
