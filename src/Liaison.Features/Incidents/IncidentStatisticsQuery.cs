using System.Xml;
using Liaison.Domain.Common;
using Liaison.Domain.Incidents;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;
using Liaison.Features.Mechanism;

namespace Liaison.Features.Incidents;

/// <summary>
/// One side's incident figures (see <see cref="IncidentSideStatistics"/>); durations as ISO 8601 and in seconds, null
/// when there was nothing to measure.
/// </summary>
public sealed record IncidentSideView(
    string Party,
    int Reported,
    IReadOnlyDictionary<string, int> ReportedByCategory,
    int Concerning,
    int Acknowledged,
    int AcknowledgedLate,
    string? AcknowledgeMedian,
    long? AcknowledgeMedianSeconds,
    string? AcknowledgeP90,
    long? AcknowledgeP90Seconds,
    int Escalations,
    IReadOnlyDictionary<string, int> FindingsOnItsReports,
    IReadOnlyDictionary<string, int> FindingsConcerningIt);

/// <summary>The incident statistics of a period, the same figures for every side.</summary>
public sealed record IncidentStatisticsView(DateTimeOffset From, DateTimeOffset To, string Period, IReadOnlyList<IncidentSideView> Sides);

/// <summary>
/// Computes the incident statistics over the incidents the reader's party may read: of the period ending now, or of the
/// period <c>from</c>–<c>to</c> when either is given (a missing <c>to</c> is now, a missing <c>from</c> is <c>to</c> less
/// the period), the same period the hotline's and the disputes' statistics take.
/// </summary>
public sealed class IncidentStatisticsQuery(IncidentBook book, EstablishedMechanism mechanism, TimeProvider time)
{
    /// <summary>The period when none is asked for: 30 days.</summary>
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(30);

    public async Task<Result<IncidentStatisticsView>> HandleAsync(string? period, PartyCode reader, CancellationToken cancellationToken, DateTimeOffset? since = null, DateTimeOffset? until = null)
    {
        var length = DefaultPeriod;
        if (period is not null && (!IsoDuration.TryParse(period, out length) || length <= TimeSpan.Zero))
        {
            return new Error.Validation("query-invalid", "period is a positive ISO 8601 duration such as P30D or PT24H.");
        }

        var to = until ?? time.GetUtcNow();
        var from = since ?? to - length;
        if (from >= to)
        {
            return new Error.Validation("query-invalid", "from must be before to.");
        }

        length = to - from;
        var config = mechanism.Config;
        return await book.ReadAsync<Result<IncidentStatisticsView>>((register, durable) =>
        {
            var visible = register.Incidents.Values.Where(i => i.Id <= durable && i.Audience.Contains(reader)).Select(i => i.UpTo(durable));
            var stats = IncidentStatistics.Compute(visible, config, from, to);
            return new IncidentStatisticsView(stats.From, stats.To, XmlConvert.ToString(length), [.. stats.Sides.Select(View)]);
        }, cancellationToken);
    }

    private static IncidentSideView View(IncidentSideStatistics side) => new(
        side.Party.Value,
        side.Reported,
        side.ReportedByCategory,
        side.Concerning,
        side.Acknowledged,
        side.AcknowledgedLate,
        side.AcknowledgeMedian is { } median ? XmlConvert.ToString(median) : null,
        side.AcknowledgeMedian is { } m ? (long)m.TotalSeconds : null,
        side.AcknowledgeP90 is { } p90 ? XmlConvert.ToString(p90) : null,
        side.AcknowledgeP90 is { } p ? (long)p.TotalSeconds : null,
        side.Escalations,
        side.FindingsOnItsReports,
        side.FindingsConcerningIt);
}
