using System.Collections.Immutable;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Hotline;

/// <summary>
/// How one party answered messages addressed to it: <see cref="Count"/> recipient rows (one per message the party owed an
/// acknowledgement), how many it acknowledged (at any time the state knows of) and how many in time, the nearest-rank
/// median and 90th percentile of the time to acknowledge over the acknowledged ones (null when none), and how many
/// escalated and were missed. Times to acknowledge run from the message's server time to the acknowledgement's.
/// </summary>
public sealed record AcknowledgementFigures(int Count, int Acknowledged, int AcknowledgedInTime, TimeSpan? MedianToAcknowledge, TimeSpan? P90ToAcknowledge, int Escalations, int Misses);

/// <summary>How one party answered requests for explanation addressed to it: requests, replies (in time), escalations and misses of the reply deadline.</summary>
public sealed record ExplanationFigures(int Requests, int Replied, int RepliedInTime, int Escalations, int Misses);

/// <summary>
/// One party's end of the link tests of its channels: tests <see cref="Sent"/>, <see cref="Delivered"/> (its client
/// answered, or a person acknowledged, which proves delivery too) and <see cref="Acknowledged"/> by a person.
/// Sent minus delivered is the technical failures; delivered minus acknowledged the tests nobody answered.
/// </summary>
public sealed record LinkTestFigures(int Sent, int Delivered, int Acknowledged);

/// <summary>One party's responsiveness over a period, computed the same way for every party.</summary>
public sealed record PartyResponsiveness(
    PartyCode Party,
    ImmutableSortedDictionary<Precedence, AcknowledgementFigures> ByPrecedence,
    AcknowledgementFigures Total,
    ExplanationFigures Explanations,
    LinkTestFigures LinkTests);

/// <summary>Every reported party's responsiveness over <c>[From, To)</c>, parties by ordinal code.</summary>
public sealed record ResponsivenessReport(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<PartyResponsiveness> Parties);

/// <summary>
/// Responsiveness statistics as a pure function of the state and a period, the same computation for each side. A message
/// or link test belongs to the period when its server time is in <c>[from, to)</c>; what the state holds about it is
/// counted whenever it happened (an acknowledgement after <c>to</c> counts), so a closed period's figures settle once its
/// last deadlines have passed and been recorded.
/// </summary>
/// <remarks>
/// Percentiles use the nearest-rank method, with no interpolation, so each is a time that was actually observed: sort the
/// n times ascending and take the one at 1-based rank ⌈p × n / 100⌉. The median is p = 50: for an even n, the lower of
/// the two middle times (e.g. of 1, 2, 3, 4 minutes the median is 2 and the 90th percentile 4).
/// </remarks>
public static class HotlineStatistics
{
    /// <summary>
    /// Computes the figures for <paramref name="parties"/> or, when null, every party that is a recipient of some message
    /// or link test anywhere in the state. Every reported party has a row for every precedence, zeros included.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public static ResponsivenessReport Compute(HotlineState state, DateTimeOffset from, DateTimeOffset to, IEnumerable<PartyCode>? parties = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (to < from)
        {
            throw new ArgumentException($"The period ends ({to:O}) before it starts ({from:O}).", nameof(to));
        }

        var reported = (parties ?? state.Messages.Values.SelectMany(m => m.Recipients.Keys).Concat(state.LinkTests.Values.SelectMany(t => t.Parties.Keys)))
            .Distinct()
            .Order(PartyOrder.Instance)
            .ToList();
        var messages = state.Messages.Values.Where(m => m.SentAt >= from && m.SentAt < to).ToList();
        var tests = state.LinkTests.Values.Where(t => t.SentAt >= from && t.SentAt < to).ToList();

        var rows = reported.Select(party =>
        {
            var owed = messages
                .Where(m => m.Recipients.ContainsKey(party))
                .Select(m => (Message: m, Recipient: m.Recipients[party]))
                .ToList();
            var byPrecedence = ImmutableSortedDictionary.CreateRange(
                Precedences.All.Select(p => KeyValuePair.Create(p, Acknowledgements(owed.Where(o => o.Message.Precedence == p).Select(o => o.Recipient)))));
            return new PartyResponsiveness(
                party,
                byPrecedence,
                Acknowledgements(owed.Select(o => o.Recipient)),
                Explanations(owed.Where(o => o.Message.ReplyWithin is not null).ToList()),
                LinkTests(tests.Where(t => t.Parties.ContainsKey(party)).Select(t => t.Parties[party])));
        });
        return new ResponsivenessReport(from, to, [.. rows]);
    }

    /// <summary>
    /// The nearest-rank <paramref name="percent"/>th percentile of <paramref name="values"/> (any order), or null when there
    /// are none: the value at 1-based rank ⌈percent × n / 100⌉ of the sorted values.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is not in 1..100.</exception>
    public static TimeSpan? Percentile(IEnumerable<TimeSpan> values, int percent)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = ((percent * (long)sorted.Count) + 99) / 100;
        return sorted[(int)rank - 1];
    }

    private static AcknowledgementFigures Acknowledgements(IEnumerable<RecipientState> recipients)
    {
        var list = recipients.ToList();
        var acknowledged = list.Where(r => r.Acknowledged is not null).Select(r => r.Acknowledged!).ToList();
        var times = acknowledged.Select(a => a.Elapsed).ToList();
        return new AcknowledgementFigures(
            list.Count,
            acknowledged.Count,
            acknowledged.Count(a => !a.Late),
            Percentile(times, 50),
            Percentile(times, 90),
            list.Count(r => r.Escalated is not null),
            list.Count(r => r.Missed is not null));
    }

    private static ExplanationFigures Explanations(List<(HotlineMessage Message, RecipientState Recipient)> requests) => new(
        requests.Count,
        requests.Count(r => r.Recipient.Replied is not null),
        requests.Count(r => r.Recipient.Replied is { } replied && replied.At < r.Message.ReplyDeadline),
        requests.Count(r => r.Recipient.ReplyEscalated is not null),
        requests.Count(r => r.Recipient.ReplyMissed is not null));

    private static LinkTestFigures LinkTests(IEnumerable<LinkTestResponse> responses)
    {
        var list = responses.ToList();
        return new LinkTestFigures(list.Count, list.Count(r => r.Outcome != LinkTestOutcome.NoAnswer), list.Count(r => r.Acknowledged is not null));
    }
}
