using System.Xml;
using Liaison.Domain.Disputes;
using Liaison.Domain.Hotline;
using Liaison.Domain.Mechanism;

namespace Liaison.Features.Disputes;

/// <summary>
/// A dispute as the API, the pages and the CLI show it: its sides, what was breached, its claim and evidence, where it
/// stands (<see cref="Status"/>, <see cref="Level"/>), the whole ladder with each rung's reply deadline and lateness,
/// the pending deadline with countdown data (<see cref="Deadline"/>), replies, escalations and the finding.
/// </summary>
public sealed record DisputeView(
    long Id,
    string Claimant,
    string Author,
    string Respondent,
    BreachView Breach,
    IReadOnlyList<long> Incidents,
    IReadOnlyList<EvidenceView> Evidence,
    string Claim,
    string Lang,
    DateTimeOffset OpenedAt,
    string Status,
    string Level,
    IReadOnlyList<LadderRungView> Ladder,
    DeadlineView? Deadline,
    IReadOnlyList<ReplyView> Replies,
    IReadOnlyList<EscalationView> Escalations,
    FindingView? Finding,
    IReadOnlyList<string> Audience)
{
    /// <summary>The view of <paramref name="dispute"/> at <paramref name="now"/>.</summary>
    public static DisputeView From(Dispute dispute, MechanismConfig config, DateTimeOffset now)
    {
        var commitment = dispute.Breach.Commitment is { } code ? config.FindCommitment(code) : null;
        var ladder = Enum.GetValues<DisputeLevel>().Select(level =>
        {
            var stage = dispute.Stages.FirstOrDefault(s => s.Level == level);
            return new LadderRungView(level.Code(), stage is not null, stage == dispute.Current, stage?.Since, stage?.ReplyDue, stage?.EscalationSeq, stage?.ReplySeq, stage?.RepliedAt,
                stage?.LateBy is { } late ? LateView.Of(late) : null);
        }).ToList();
        DeadlineView? deadline = null;
        if (dispute.AwaitingReply)
        {
            var due = dispute.Current.ReplyDue;
            deadline = new DeadlineView("reply", dispute.Respondent.Value, dispute.Level.Code(), due, (long)Math.Floor((due - now).TotalSeconds), now >= due, dispute.Level.Next()?.Code());
        }

        return new DisputeView(
            dispute.Id,
            dispute.Claimant.Value,
            dispute.Author,
            dispute.Respondent.Value,
            new BreachView(dispute.Breach.Commitment, commitment?.Title, commitment?.Party.Value, dispute.Breach.Reference),
            dispute.Incidents,
            [.. dispute.Evidence.Select(EvidenceView.Of)],
            dispute.Claim,
            dispute.Lang,
            dispute.OpenedAt,
            dispute.StatusAt(now).Code(),
            dispute.Level.Code(),
            ladder,
            deadline,
            [.. dispute.Replies.Select(r => new ReplyView(r.Seq, r.Author, r.At, r.Level.Code(), r.Text, r.Lang, [.. r.Evidence.Select(EvidenceView.Of)], r.LateBy is { } l ? LateView.Of(l) : null))],
            [.. dispute.Escalations.Select(e => new EscalationView(e.Seq, e.Party?.Value, e.Author, e.At, e.From.Code(), e.To.Code(), e.Reason, e.Missed))],
            dispute.Finding is { } f ? new FindingView(f.Seq, f.Author, f.At, f.Level.Code(), f.Outcome.Code(), f.Reasons, f.Remedy, f.Major, f.Lang) : null,
            [.. dispute.Audience.Select(p => p.Value)]);
    }
}

/// <summary>What was breached: a configured commitment (code, title, whose) or a free reference.</summary>
public sealed record BreachView(string? Commitment, string? Title, string? Party, string? Ref);

/// <summary>A file given as evidence; its bytes are at <see cref="Url"/> for whoever may read the entry.</summary>
public sealed record EvidenceView(string Sha256, string Name, string MediaType, long Size, string Url)
{
    /// <summary>The view of an attachment.</summary>
    public static EvidenceView Of(Attachment a) => new(a.Sha256, a.Name, a.MediaType, a.Size, $"/api/v1/attachments/{a.Sha256}");
}

/// <summary>
/// One rung of the ladder (every rung is listed, <see cref="Reached"/> or not): since when, its reply deadline, the
/// escalation that opened it, the first reply there and its lateness; <see cref="Current"/> marks where the dispute is.
/// </summary>
public sealed record LadderRungView(string Level, bool Reached, bool Current, DateTimeOffset? Since, DateTimeOffset? ReplyDue, long? EscalationSeq, long? ReplySeq, DateTimeOffset? RepliedAt, LateView? Late);

/// <summary>
/// The pending deadline: who owes what at which level, when it falls due, seconds left at the time of the answer
/// (negative once overdue), and the level the server escalates to when it passes (null at the convener).
/// </summary>
public sealed record DeadlineView(string Kind, string Party, string Level, DateTimeOffset Due, long SecondsLeft, bool Overdue, string? EscalatesTo);

/// <summary>How late something was: an ISO 8601 duration and seconds.</summary>
public sealed record LateView(string By, long Seconds)
{
    /// <summary>The view of a shortfall.</summary>
    public static LateView Of(TimeSpan late) => new(XmlConvert.ToString(late), (long)late.TotalSeconds);
}

/// <summary>A reply by the respondent, with the level it was made at and its lateness.</summary>
public sealed record ReplyView(long Seq, string Author, DateTimeOffset At, string Level, string Text, string Lang, IReadOnlyList<EvidenceView> Evidence, LateView? Late);

/// <summary>A move up the ladder: <see cref="Party"/> asked for it, or the server made it at a missed deadline (<see cref="Missed"/>).</summary>
public sealed record EscalationView(long Seq, string? Party, string Author, DateTimeOffset At, string From, string To, string? Reason, bool Missed);

/// <summary>The convener's finding.</summary>
public sealed record FindingView(long Seq, string Author, DateTimeOffset At, string Level, string Outcome, string Reasons, string Remedy, bool Major, string Lang);
