using System.Collections.Immutable;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Hotline;

/// <summary>
/// The hotline as the record says it is after some prefix of its entries: every message, every link test, and each
/// channel's political status. Made only by <see cref="HotlineProjection"/>; immutable, safe to share between threads, and
/// every collection is ordered (messages and link tests by sequence number, channels and parties by ordinal code), so
/// iterating it is deterministic.
/// </summary>
public sealed record HotlineState
{
    /// <summary>The state before any hotline entry.</summary>
    public static HotlineState Empty { get; } = new();

    /// <summary>Messages by their entry's sequence number.</summary>
    public ImmutableSortedDictionary<long, HotlineMessage> Messages { get; init; } = ImmutableSortedDictionary<long, HotlineMessage>.Empty;

    /// <summary>Link tests by their entry's sequence number.</summary>
    public ImmutableSortedDictionary<long, LinkTest> LinkTests { get; init; } = ImmutableSortedDictionary<long, LinkTest>.Empty;

    /// <summary>Channels that some entry has touched, by code; <see cref="Channel"/> answers for the others too.</summary>
    public ImmutableSortedDictionary<string, HotlineChannel> Channels { get; init; } = ImmutableSortedDictionary.Create<string, HotlineChannel>(StringComparer.Ordinal);

    /// <summary>The message sent by entry <paramref name="seq"/>, or null.</summary>
    public HotlineMessage? FindMessage(long seq) => Messages.GetValueOrDefault(seq);

    /// <summary>The link test sent by entry <paramref name="seq"/>, or null.</summary>
    public LinkTest? FindLinkTest(long seq) => LinkTests.GetValueOrDefault(seq);

    /// <summary>The state of channel <paramref name="code"/>; a channel no entry touched has every party active and no link test.</summary>
    public HotlineChannel Channel(string code) => Channels.GetValueOrDefault(code) ?? new HotlineChannel(code);
}

/// <summary>
/// One step of a message's life: the entry that recorded it (<see cref="Seq"/>), its server time (<see cref="At"/>, UTC)
/// and its author's user name (the server's name for entries the server makes).
/// </summary>
public sealed record Stamp(long Seq, DateTimeOffset At, string Author);

/// <summary>
/// A recipient party's acknowledgement: a <c>message.ack</c>, or a reply by the party when <see cref="ByReply"/>.
/// <see cref="Elapsed"/> is its server time minus the message's; <see cref="Late"/> when it came at or after the deadline
/// (the deadline instant itself is late: a message is acknowledged in time in <c>[sent, deadline)</c>).
/// </summary>
public sealed record Acknowledgement(long Seq, DateTimeOffset At, string Author, TimeSpan Elapsed, bool Late, bool ByReply);

/// <summary>Where a message stands for one recipient party, or (see <see cref="HotlineMessage.Status"/>) overall.</summary>
public enum MessageStatus
{
    /// <summary>Sent; no client of the party has confirmed receiving it.</summary>
    Sent,

    /// <summary>A client of the party confirmed receiving it; nobody acknowledged it yet.</summary>
    Delivered,

    /// <summary>Acknowledged, in time or late.</summary>
    Acknowledged,

    /// <summary>Not acknowledged, and escalated at its deadline.</summary>
    Escalated,

    /// <summary>Not acknowledged, and missed at twice its deadline.</summary>
    Missed,
}

/// <summary>
/// A party a message is addressed to and owes an acknowledgement: a party of the message's channel other than the
/// sender's. <see cref="SuspendedWhenSent"/> is true when the party had suspended its participation in the channel when
/// the message was sent (the deadlines run all the same: the line stays open). The reply fields are used only for
/// requests for explanation; <see cref="Replied"/> is the party's first message in reply.
/// </summary>
public sealed record RecipientState(PartyCode Party, bool SuspendedWhenSent)
{
    /// <summary>The party's first delivery confirmation.</summary>
    public Stamp? Delivered { get; init; }

    /// <summary>The party's acknowledgement.</summary>
    public Acknowledgement? Acknowledged { get; init; }

    /// <summary>The escalation of the acknowledgement deadline.</summary>
    public Stamp? Escalated { get; init; }

    /// <summary>The miss of the acknowledgement deadline.</summary>
    public Stamp? Missed { get; init; }

    /// <summary>The party's first reply.</summary>
    public Stamp? Replied { get; init; }

    /// <summary>The escalation of the reply deadline.</summary>
    public Stamp? ReplyEscalated { get; init; }

    /// <summary>The miss of the reply deadline.</summary>
    public Stamp? ReplyMissed { get; init; }

    /// <summary>Acknowledged if acknowledged (even late); else missed, escalated, delivered or sent, whichever is recorded first in that list.</summary>
    public MessageStatus Status =>
        Acknowledged is not null ? MessageStatus.Acknowledged
        : Missed is not null ? MessageStatus.Missed
        : Escalated is not null ? MessageStatus.Escalated
        : Delivered is not null ? MessageStatus.Delivered
        : MessageStatus.Sent;
}

/// <summary>A translation of a message, by a member of <see cref="Party"/>.</summary>
public sealed record Translation(long Seq, PartyCode Party, string Author, DateTimeOffset At, string Lang, string Subject);

/// <summary>
/// A message as the record holds it. Times are server times unless named otherwise. Its deadlines run from
/// <see cref="SentAt"/>, the moment the server recorded it, even when it was written offline earlier
/// (<see cref="ClientTime"/>; <see cref="Forwarded"/> when the two are further apart than the mechanism's clock skew):
/// recipients cannot answer what has not reached the record. The acknowledgement deadline is
/// <c>SentAt + AcknowledgeWithin</c>, missed at <c>SentAt + 2 × AcknowledgeWithin</c>; likewise the reply deadline of
/// a request for explanation with <see cref="ReplyWithin"/> (null for other templates).
/// </summary>
public sealed record HotlineMessage(
    long Seq,
    string Channel,
    Precedence Precedence,
    MessageTemplate Template,
    PartyCode Sender,
    string Author,
    IReadOnlyList<PartyCode> Audience,
    DateTimeOffset SentAt,
    DateTimeOffset ClientTime,
    bool Forwarded,
    string Subject,
    string Lang,
    long? InReplyTo,
    TimeSpan AcknowledgeWithin,
    TimeSpan? ReplyWithin)
{
    /// <summary>The parties that owe an acknowledgement, by ordinal code.</summary>
    public ImmutableSortedDictionary<PartyCode, RecipientState> Recipients { get; init; } = ImmutableSortedDictionary.Create<PartyCode, RecipientState>(PartyOrder.Instance);

    /// <summary>Sequence numbers of the messages sent in reply to this one, in order.</summary>
    public ImmutableList<long> Replies { get; init; } = [];

    /// <summary>Translations, in order.</summary>
    public ImmutableList<Translation> Translations { get; init; } = [];

    /// <summary>The first instant at which an acknowledgement is late and the message escalates.</summary>
    public DateTimeOffset AcknowledgementDeadline => SentAt + AcknowledgeWithin;

    /// <summary>The reply deadline of a request for explanation, or null.</summary>
    public DateTimeOffset? ReplyDeadline => SentAt + ReplyWithin;

    /// <summary>The first instant at which the deadline of <paramref name="kind"/> has passed, or null when the message has none.</summary>
    public DateTimeOffset? Deadline(DeadlineKind kind) => kind == DeadlineKind.Acknowledgement ? AcknowledgementDeadline : ReplyDeadline;

    /// <summary>The first instant at which the deadline of <paramref name="kind"/> is missed (twice the deadline), or null when the message has none.</summary>
    public DateTimeOffset? MissedAt(DeadlineKind kind) =>
        kind == DeadlineKind.Acknowledgement ? SentAt + (AcknowledgeWithin * 2) : SentAt + (ReplyWithin * 2);

    /// <summary>The delay between writing and recording, server time minus client time (negative when the client's clock is ahead).</summary>
    public TimeSpan Delay => SentAt - ClientTime;

    /// <summary>
    /// Acknowledged when every recipient acknowledged; otherwise the most pressing status among those that have not:
    /// missed, then escalated, then sent (not even delivered), then delivered.
    /// </summary>
    public MessageStatus Status
    {
        get
        {
            var open = Recipients.Values.Select(r => r.Status).Where(s => s != MessageStatus.Acknowledged).ToList();
            if (open.Count == 0)
            {
                return MessageStatus.Acknowledged;
            }

            foreach (var status in (ReadOnlySpan<MessageStatus>)[MessageStatus.Missed, MessageStatus.Escalated, MessageStatus.Sent])
            {
                if (open.Contains(status))
                {
                    return status;
                }
            }

            return MessageStatus.Delivered;
        }
    }
}

/// <summary>What a link test tells about one party's end of the line.</summary>
public enum LinkTestOutcome
{
    /// <summary>No client of the party answered: the line may be down (a technical outage, once the next test also fails).</summary>
    NoAnswer,

    /// <summary>A client answered but nobody acknowledged: the line works and nobody is at it, or nobody chooses to answer.</summary>
    Answered,

    /// <summary>A person acknowledged the test.</summary>
    Acknowledged,
}

/// <summary>One party's end of a link test: its client's automatic answer and a person's acknowledgement.</summary>
public sealed record LinkTestResponse(PartyCode Party)
{
    /// <summary>The party client's first answer (delivery).</summary>
    public Stamp? Answered { get; init; }

    /// <summary>A person's acknowledgement (a <c>message.ack</c> naming the test).</summary>
    public Stamp? Acknowledged { get; init; }

    /// <summary>Acknowledged if acknowledged, else answered if answered, else no answer.</summary>
    public LinkTestOutcome Outcome =>
        Acknowledged is not null ? LinkTestOutcome.Acknowledged : Answered is not null ? LinkTestOutcome.Answered : LinkTestOutcome.NoAnswer;
}

/// <summary>A link test of <see cref="Channel"/>, sent by the server at <see cref="SentAt"/>; every party of the channel answers it.</summary>
public sealed record LinkTest(long Seq, string Channel, DateTimeOffset SentAt, IReadOnlyList<PartyCode> Audience)
{
    /// <summary>The channel's parties and their answers, by ordinal code.</summary>
    public ImmutableSortedDictionary<PartyCode, LinkTestResponse> Parties { get; init; } = ImmutableSortedDictionary.Create<PartyCode, LinkTestResponse>(PartyOrder.Instance);
}

/// <summary>A party's political status on a channel, set by the entry <see cref="Seq"/> at <see cref="At"/>, with its reason.</summary>
public sealed record PoliticalStatus(PartyCode Party, bool Suspended, string Reason, long Seq, DateTimeOffset At);

/// <summary>
/// A channel's state apart from its messages: each party's political status (a party with no entry in
/// <see cref="Political"/> has never suspended and is active) and its latest link test. Political status says nothing
/// about the line's operational state: a suspended party's line stays open and its deadlines still run.
/// </summary>
public sealed record HotlineChannel(string Code)
{
    /// <summary>The latest suspension or resumption of each party that made one, by ordinal code.</summary>
    public ImmutableSortedDictionary<PartyCode, PoliticalStatus> Political { get; init; } = ImmutableSortedDictionary.Create<PartyCode, PoliticalStatus>(PartyOrder.Instance);

    /// <summary>The sequence number of the channel's latest link test, or null.</summary>
    public long? LastLinkTestSeq { get; init; }

    /// <summary>True when <paramref name="party"/>'s latest political entry on this channel is a suspension.</summary>
    public bool IsSuspended(PartyCode party) => Political.TryGetValue(party, out var status) && status.Suspended;
}

/// <summary>Orders party codes by ordinal text, for deterministic iteration.</summary>
public sealed class PartyOrder : IComparer<PartyCode>
{
    private PartyOrder()
    {
    }

    /// <summary>The only instance.</summary>
    public static PartyOrder Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(PartyCode x, PartyCode y) => string.CompareOrdinal(x.Value, y.Value);
}
