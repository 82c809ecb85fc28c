using System.Text.Json.Nodes;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Disputes;

/// <summary>
/// An entry the server should make now: a <c>dispute.escalate</c> at a missed reply deadline, addressed to the
/// dispute's audience. <see cref="DueAt"/> is the instant it fell due.
/// </summary>
public sealed record DisputeDue(DateTimeOffset DueAt, long Dispute, DisputeLevel To, IReadOnlyList<PartyCode> Audience)
{
    /// <summary>The entry type to make.</summary>
    public string Type => DisputeEntryTypes.Escalate;

    /// <summary>The type's own fields.</summary>
    public JsonObject Fields() => new()
    {
        ["dispute"] = Dispute,
        ["to"] = To.Code(),
        ["reason"] = $"The respondent did not reply by the deadline at the {(To - 1).Code()} level.",
    };
}

/// <summary>
/// The dispute deadline engine, a pure function of the state and an instant. At <c>now = deadline</c> a dispute whose
/// respondent has not replied at the working or senior level is escalated one rung; one tick earlier nothing is due.
/// At the convener level a missed deadline escalates nothing further (the dispute shows as overdue until the finding).
/// Idempotent: once the escalation is folded in, the dispute is on a new rung with a new deadline.
/// </summary>
public static class DisputeDeadlines
{
    /// <summary>The escalations due at <paramref name="now"/>, by due instant then dispute id.</summary>
    public static IReadOnlyList<DisputeDue> Due(DisputeState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return [.. state.Disputes.Values
            .Where(d => d.AwaitingReply && now >= d.Current.ReplyDue && d.Level.Next() is not null)
            .Select(d => new DisputeDue(d.Current.ReplyDue, d.Id, d.Level.Next()!.Value, d.Audience))
            .OrderBy(d => d.DueAt).ThenBy(d => d.Dispute)];
    }
}
