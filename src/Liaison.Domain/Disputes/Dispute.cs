using Liaison.Domain.Hotline;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Disputes;

/// <summary>Where a dispute stands at an instant. Codes: <see cref="DisputeStatuses.Code"/>.</summary>
public enum DisputeStatus
{
    /// <summary>The respondent owes a reply at the current level and its deadline has not passed.</summary>
    AwaitingReply,

    /// <summary>The respondent owes a reply at the current level and its deadline has passed.</summary>
    Overdue,

    /// <summary>The respondent replied at the current level; a side may escalate or the convener decide.</summary>
    Replied,

    /// <summary>The convener recorded a finding; nothing more happens.</summary>
    Decided,
}

/// <summary>Status codes as written in the API.</summary>
public static class DisputeStatuses
{
    /// <summary>The code, e.g. <c>awaiting-reply</c>.</summary>
    public static string Code(this DisputeStatus status) => status switch
    {
        DisputeStatus.AwaitingReply => "awaiting-reply",
        DisputeStatus.Overdue => "overdue",
        DisputeStatus.Replied => "replied",
        DisputeStatus.Decided => "decided",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a dispute status."),
    };
}

/// <summary>
/// One rung the dispute reached: since when, the respondent's reply deadline there (<see cref="Since"/> plus the
/// configured <c>disputeReply</c>), and the first reply at it, late by <see cref="LateBy"/> when after the deadline.
/// </summary>
public sealed record DisputeStage(DisputeLevel Level, DateTimeOffset Since, DateTimeOffset ReplyDue, long? EscalationSeq, long? ReplySeq, DateTimeOffset? RepliedAt, TimeSpan? LateBy);

/// <summary>A reply by the respondent, at the level the dispute was at; <see cref="LateBy"/> is set on the first reply at a level when after its deadline.</summary>
public sealed record DisputeReply(long Seq, string Author, DateTimeOffset At, DisputeLevel Level, string Text, string Lang, IReadOnlyList<Attachment> Evidence, TimeSpan? LateBy);

/// <summary>A move up the ladder: by a side on request (<see cref="Party"/> set), or by the server at a missed reply deadline (<see cref="Missed"/>).</summary>
public sealed record DisputeEscalation(long Seq, PartyCode? Party, string Author, DateTimeOffset At, DisputeLevel From, DisputeLevel To, string? Reason, bool Missed);

/// <summary>The convener's finding, at the level the dispute was at.</summary>
public sealed record DisputeFinding(long Seq, string Author, DateTimeOffset At, DisputeLevel Level, DisputeOutcome Outcome, string Reasons, string Remedy, bool Major, string Lang);

/// <summary>
/// A dispute: opened by <see cref="Claimant"/> against <see cref="Respondent"/>, its ladder (<see cref="Stages"/>, one per
/// rung reached, the last the current one), replies, escalations and the finding. Its id is the sequence number of
/// the <c>dispute.open</c> entry. Immutable: every change makes a new value.
/// </summary>
public sealed record Dispute(
    long Id,
    PartyCode Claimant,
    string Author,
    PartyCode Respondent,
    DisputeBreach Breach,
    IReadOnlyList<long> Incidents,
    IReadOnlyList<Attachment> Evidence,
    string Claim,
    string Lang,
    IReadOnlyList<PartyCode> Audience,
    DateTimeOffset OpenedAt)
{
    /// <summary>The rungs reached, in order; never empty.</summary>
    public IReadOnlyList<DisputeStage> Stages { get; init; } = [];

    /// <summary>The respondent's replies, in order.</summary>
    public IReadOnlyList<DisputeReply> Replies { get; init; } = [];

    /// <summary>The escalations, in order.</summary>
    public IReadOnlyList<DisputeEscalation> Escalations { get; init; } = [];

    /// <summary>The convener's finding, once recorded.</summary>
    public DisputeFinding? Finding { get; init; }

    /// <summary>The current rung.</summary>
    public DisputeStage Current => Stages[^1];

    /// <summary>The current level.</summary>
    public DisputeLevel Level => Current.Level;

    /// <summary>True when the respondent owes a reply at the current level (no reply there yet, no finding).</summary>
    public bool AwaitingReply => Finding is null && Current.ReplySeq is null;

    /// <summary>The status at <paramref name="now"/>.</summary>
    public DisputeStatus StatusAt(DateTimeOffset now) =>
        Finding is not null ? DisputeStatus.Decided
        : !AwaitingReply ? DisputeStatus.Replied
        : now >= Current.ReplyDue ? DisputeStatus.Overdue
        : DisputeStatus.AwaitingReply;

    /// <summary>True when either side of the dispute is <paramref name="party"/>.</summary>
    public bool IsSide(PartyCode party) => party == Claimant || party == Respondent;
}
