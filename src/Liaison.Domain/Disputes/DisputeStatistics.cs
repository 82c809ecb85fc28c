using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Disputes;

/// <summary>
/// One side's dispute figures over a period: disputes it opened and those opened against it; as respondent, the
/// replies owed (one per rung reached whose deadline passed or was met), made in time, made late, and the deadlines it
/// missed (server escalations); escalations it requested; and the findings on disputes against it, by outcome.
/// <see cref="MedianReplySeconds"/> is the median time from a rung's start to the first reply there, or null.
/// </summary>
public sealed record DisputeSideFigures(
    string Party,
    int Opened,
    int Against,
    int RepliesOwed,
    int RepliedInTime,
    int RepliedLate,
    int MissedDeadlines,
    int EscalationsRequested,
    long? MedianReplySeconds,
    int Substantiated,
    int Unsubstantiated,
    int Inconclusive,
    int Major);

/// <summary>Dispute figures kept the same way for each side; pure.</summary>
public static class DisputeStatistics
{
    /// <summary>
    /// The figures of every party of kind party, in configuration order, for the disputes opened in
    /// <c>[from, to)</c> (either bound optional) that <paramref name="reader"/> may read, as at <paramref name="now"/>.
    /// </summary>
    public static IReadOnlyList<DisputeSideFigures> For(MechanismConfig config, DisputeState state, PartyCode reader, DateTimeOffset now, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(state);
        var disputes = state.Disputes.Values
            .Where(d => d.Audience.Contains(reader) && (from is null || d.OpenedAt >= from) && (to is null || d.OpenedAt < to))
            .ToList();
        var figures = new List<DisputeSideFigures>();
        foreach (var party in config.PartiesOfKind(Parties.PartyKind.Party))
        {
            var code = party.Code;
            var against = disputes.Where(d => d.Respondent == code).ToList();
            var stages = against.SelectMany(d => d.Stages).ToList();
            var owed = stages.Count(s => s.ReplySeq is not null || now >= s.ReplyDue);
            var times = stages.Where(s => s.RepliedAt is not null).Select(s => (long)(s.RepliedAt!.Value - s.Since).TotalSeconds).Order().ToList();
            var findings = against.Where(d => d.Finding is not null).Select(d => d.Finding!).ToList();
            figures.Add(new DisputeSideFigures(
                code.Value,
                disputes.Count(d => d.Claimant == code),
                against.Count,
                owed,
                stages.Count(s => s.ReplySeq is not null && s.LateBy is null),
                stages.Count(s => s.LateBy is not null),
                against.Sum(d => d.Escalations.Count(e => e.Missed)),
                disputes.Sum(d => d.Escalations.Count(e => e.Party == code)),
                times.Count == 0 ? null : times[times.Count / 2],
                findings.Count(f => f.Outcome == DisputeOutcome.Substantiated),
                findings.Count(f => f.Outcome == DisputeOutcome.Unsubstantiated),
                findings.Count(f => f.Outcome == DisputeOutcome.Inconclusive),
                findings.Count(f => f.Outcome == DisputeOutcome.Substantiated && f.Major)));
        }

        return figures;
    }
}
