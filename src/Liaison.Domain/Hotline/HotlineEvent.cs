using Liaison.Domain.Parties;

namespace Liaison.Domain.Hotline;

/// <summary>
/// The type's own fields of a hotline entry, parsed (<see cref="HotlineEvents.Parse"/>): what the entry records. The
/// hierarchy is closed, one record per hotline entry type. Sequence numbers (<c>messageSeq</c>, <c>linkTestSeq</c>,
/// <c>inReplyTo</c>) are non-negative entry positions in the record.
/// </summary>
public abstract record HotlineEvent
{
    private protected HotlineEvent()
    {
    }

    /// <summary>The entry type this event is the body of, e.g. <c>message.send</c>.</summary>
    public abstract string EntryType { get; }
}

/// <summary>
/// <c>message.send</c>: a message on <see cref="Channel"/>. <see cref="Subject"/> (at most 300 characters) and
/// <see cref="Body"/> (at most 100 000) are stored exactly as written, in the language <see cref="Lang"/> (BCP 47), right to
/// left or not. <see cref="InReplyTo"/> is required for the <c>reply</c> template and allowed for every other.
/// </summary>
public sealed record MessageSent(
    string Channel,
    Precedence Precedence,
    TemplateFields Coded,
    string Subject,
    string Body,
    string Lang,
    long? InReplyTo,
    IReadOnlyList<Attachment> Attachments) : HotlineEvent
{
    /// <inheritdoc />
    public override string EntryType => HotlineEntryTypes.MessageSend;

    /// <summary>The message's template, that of <see cref="Coded"/>.</summary>
    public MessageTemplate Template => Coded.Template;
}

/// <summary><c>message.ack</c>: a person of a recipient party acknowledges message (or link test) <see cref="MessageSeq"/>.</summary>
public sealed record MessageAcknowledged(long MessageSeq) : HotlineEvent
{
    /// <inheritdoc />
    public override string EntryType => HotlineEntryTypes.MessageAck;
}

/// <summary><c>message.delivered</c>: a client of a recipient party confirms it received message <see cref="MessageSeq"/>; not an acknowledgement.</summary>
public sealed record MessageDelivered(long MessageSeq) : HotlineEvent
{
    /// <inheritdoc />
    public override string EntryType => HotlineEntryTypes.MessageDelivered;
}

/// <summary><c>message.translate</c>: a translation of message <see cref="MessageSeq"/> into <see cref="Lang"/>, which differs from the original's.</summary>
public sealed record MessageTranslated(long MessageSeq, string Lang, string Subject, string Body) : HotlineEvent
{
    /// <inheritdoc />
    public override string EntryType => HotlineEntryTypes.MessageTranslate;
}

/// <summary><c>channel.suspend</c>: the author's party suspends its participation in <see cref="Channel"/>, for <see cref="Reason"/> (at most 2 000 characters). The line stays open.</summary>
public sealed record ChannelSuspended(string Channel, string Reason) : HotlineEvent
{
    /// <inheritdoc />
    public override string EntryType => HotlineEntryTypes.ChannelSuspend;
}

/// <summary><c>channel.resume</c>: the author's party resumes its participation in <see cref="Channel"/>, for <see cref="Reason"/> (at most 2 000 characters).</summary>
public sealed record ChannelResumed(string Channel, string Reason) : HotlineEvent
{
    /// <inheritdoc />
    public override string EntryType => HotlineEntryTypes.ChannelResume;
}

/// <summary><c>linktest.answer</c>: a client of a channel party answers link test <see cref="LinkTestSeq"/> automatically: the line works.</summary>
public sealed record LinkTestAnswered(long LinkTestSeq) : HotlineEvent
{
    /// <inheritdoc />
    public override string EntryType => HotlineEntryTypes.LinkTestAnswer;
}

/// <summary>
/// <c>hotline.escalate</c>, made by the server: <see cref="Party"/> did not meet the <see cref="Deadline"/> of message
/// <see cref="MessageSeq"/>; its duty officers and the convener are alerted. <see cref="Reason"/> says so in words.
/// </summary>
public sealed record MessageEscalated(long MessageSeq, PartyCode Party, DeadlineKind Deadline, string Reason) : HotlineEvent
{
    /// <inheritdoc />
    public override string EntryType => HotlineEntryTypes.HotlineEscalate;
}

/// <summary><c>hotline.miss</c>, made by the server: twice the <see cref="Deadline"/> of message <see cref="MessageSeq"/> passed without <see cref="Party"/> meeting it.</summary>
public sealed record MessageMissed(long MessageSeq, PartyCode Party, DeadlineKind Deadline) : HotlineEvent
{
    /// <inheritdoc />
    public override string EntryType => HotlineEntryTypes.HotlineMiss;
}

/// <summary><c>linktest.send</c>, made by the server: a test of <see cref="Channel"/>, which every channel party's client answers.</summary>
public sealed record LinkTestSent(string Channel) : HotlineEvent
{
    /// <inheritdoc />
    public override string EntryType => HotlineEntryTypes.LinkTestSend;
}
