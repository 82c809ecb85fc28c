using System.Text.Json.Nodes;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Hotline;

/// <summary>
/// An entry the server should make now: a <c>hotline.escalate</c>, <c>hotline.miss</c> or <c>linktest.send</c>
/// (<see cref="Event"/>), addressed to <see cref="Audience"/> (the message's, or the channel's members), about
/// <see cref="Channel"/>. <see cref="DueAt"/> is the instant it fell due, at or before the <c>now</c> it was computed for;
/// the entry's own server time is whenever the server records it.
/// </summary>
public sealed record DueEntry(DateTimeOffset DueAt, string Channel, IReadOnlyList<PartyCode> Audience, HotlineEvent Event)
{
    /// <summary>The entry type to make.</summary>
    public string Type => Event.EntryType;

    /// <summary>The type's own fields, to add to the payload's common ones (<c>type</c>, <c>mechanism</c>, <c>author</c>, <c>audience</c>, <c>clientTime</c>).</summary>
    /// <exception cref="InvalidOperationException"><see cref="Event"/> is not a server-made event.</exception>
    public JsonObject Fields() => Event switch
    {
        MessageEscalated e => new JsonObject { ["messageSeq"] = e.MessageSeq, ["party"] = e.Party.Value, ["deadline"] = e.Deadline.Code(), ["reason"] = e.Reason },
        MessageMissed m => new JsonObject { ["messageSeq"] = m.MessageSeq, ["party"] = m.Party.Value, ["deadline"] = m.Deadline.Code() },
        LinkTestSent t => new JsonObject { ["channel"] = t.Channel },
        _ => throw new InvalidOperationException($"{Event.EntryType} is not made by the server."),
    };
}

/// <summary>
/// The deadline engine and the link-test schedule, as pure functions of the state and an instant. A deadline falls due at
/// its instant exactly: at <c>now = deadline</c> a message not acknowledged escalates, at <c>now = SentAt + 2 × window</c>
/// it is missed; one tick earlier nothing is due. Idempotent: nothing the state already holds is proposed, so calling
/// again before the proposed entries are folded in proposes them again, and after, proposes nothing.
/// </summary>
public static class HotlineDeadlines
{
    /// <summary>
    /// The escalations and misses due at <paramref name="now"/>, for every recipient of every message that has not met a
    /// deadline: acknowledgement for every message, reply for requests for explanation. A late acknowledgement (or reply)
    /// before a step is due stops it; one after does not undo it. When the server was down past both, both are proposed,
    /// escalation first. Ordered by due instant, then message, then deadline kind (acknowledgement first), then escalation
    /// before miss, then party code.
    /// </summary>
    public static IReadOnlyList<DueEntry> Due(HotlineState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var due = new List<Proposal>();
        foreach (var message in state.Messages.Values)
        {
            foreach (var recipient in message.Recipients.Values)
            {
                if (recipient.Acknowledged is null)
                {
                    Propose(message, recipient.Party, DeadlineKind.Acknowledgement, recipient.Escalated, recipient.Missed, now, due);
                }

                if (message.ReplyWithin is not null && recipient.Replied is null)
                {
                    Propose(message, recipient.Party, DeadlineKind.Reply, recipient.ReplyEscalated, recipient.ReplyMissed, now, due);
                }
            }
        }

        return
        [
            .. due.OrderBy(d => d.Entry.DueAt)
                .ThenBy(d => d.MessageSeq)
                .ThenBy(d => d.Kind)
                .ThenBy(d => d.Step)
                .ThenBy(d => d.Party.Value, StringComparer.Ordinal)
                .Select(d => d.Entry),
        ];
    }

    /// <summary>
    /// The link tests due at <paramref name="now"/>: one for each configured channel never tested, or whose latest test was
    /// sent at least <see cref="DeadlineConfig.LinkTestInterval"/> before <paramref name="now"/>. A channel never tested is
    /// due at <paramref name="now"/>. Addressed to the channel's members; ordered by due instant, then channel code.
    /// </summary>
    public static IReadOnlyList<DueEntry> DueLinkTests(MechanismConfig config, HotlineState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(state);
        var due = new List<DueEntry>();
        foreach (var channel in config.Channels)
        {
            var last = state.Channel(channel.Code).LastLinkTestSeq is { } seq ? state.FindLinkTest(seq) : null;
            var dueAt = last is null ? now : last.SentAt + config.Deadlines.LinkTestInterval;
            if (now >= dueAt)
            {
                due.Add(new DueEntry(dueAt, channel.Code, [.. channel.Members], new LinkTestSent(channel.Code)));
            }
        }

        return [.. due.OrderBy(d => d.DueAt).ThenBy(d => d.Channel, StringComparer.Ordinal)];
    }

    private static void Propose(
        HotlineMessage message,
        PartyCode party,
        DeadlineKind kind,
        Stamp? escalated,
        Stamp? missed,
        DateTimeOffset now,
        List<Proposal> due)
    {
        var deadline = message.Deadline(kind)!.Value;
        var missedAt = message.MissedAt(kind)!.Value;
        if (escalated is null && now >= deadline)
        {
            var escalation = new MessageEscalated(message.Seq, party, kind, Reason(message, party, kind));
            due.Add(new Proposal(new DueEntry(deadline, message.Channel, message.Audience, escalation), message.Seq, kind, 0, party));
        }

        if (missed is null && now >= missedAt)
        {
            due.Add(new Proposal(new DueEntry(missedAt, message.Channel, message.Audience, new MessageMissed(message.Seq, party, kind)), message.Seq, kind, 1, party));
        }
    }

    private static string Reason(HotlineMessage message, PartyCode party, DeadlineKind kind) => kind switch
    {
        DeadlineKind.Acknowledgement =>
            $"{party} did not acknowledge {message.Precedence.Code()} message {message.Seq} on '{message.Channel}' within {IsoDuration.Format(message.AcknowledgeWithin)}.",
        DeadlineKind.Reply =>
            $"{party} did not reply to request for explanation {message.Seq} on '{message.Channel}' within {IsoDuration.Format(message.ReplyWithin!.Value)}.",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a deadline kind."),
    };

    /// <summary>A proposed entry with its sort keys; <see cref="Step"/> is 0 for an escalation, 1 for a miss.</summary>
    private sealed record Proposal(DueEntry Entry, long MessageSeq, DeadlineKind Kind, int Step, PartyCode Party);
}
