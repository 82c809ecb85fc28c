namespace Liaison.Web.Hotline;

/// <summary>
/// What the hub pushes when a hotline entry is committed: enough to update an inbox row, never the body. Sent only to
/// connections of parties in the entry's audience (and the audience of the message it is about).
/// </summary>
/// <param name="Seq">The entry's sequence number.</param>
/// <param name="Type">The entry type, e.g. <c>message.send</c> or <c>hotline.escalate</c>.</param>
/// <param name="At">The entry's server time (UTC).</param>
/// <param name="Author">The entry's author: a user name, or <c>server</c> for escalations, misses and link tests.</param>
/// <param name="Channel">The channel the entry is about.</param>
/// <param name="MessageSeq">The message or link test the entry is about; the entry itself for <c>message.send</c> and <c>linktest.send</c>; null for suspensions and resumptions.</param>
/// <param name="InReplyTo">For a new message, the message it answers (whose acknowledgement by the sender's party it may also be), or null.</param>
/// <param name="Precedence">The message's precedence code (<c>FLASH</c> …), or null when the entry is not about a message.</param>
/// <param name="Subject">The message's subject exactly as written, or null.</param>
/// <param name="Lang">The language tag of <paramref name="Subject"/>, or null.</param>
/// <param name="Sender">The party that sent the message, or null.</param>
/// <param name="Party">The party this step is about: the acknowledging, delivering, answering, suspending or resuming party, or the party an escalation or miss counts against; null for a new message or link test.</param>
/// <param name="Status">Where the message now stands for <paramref name="Party"/> (or overall, for a new message): <c>sent</c>, <c>delivered</c>, <c>acknowledged</c>, <c>escalated</c>, <c>missed</c>; for link tests <c>noanswer</c>, <c>answered</c>, <c>acknowledged</c>; for political entries <c>suspended</c> or <c>active</c>.</param>
/// <param name="Deadline">The deadline the step concerns (UTC): the acknowledgement deadline, or the reply deadline for a reply escalation or miss; null for link tests and political entries.</param>
/// <param name="Late">True for an acknowledgement at or after its deadline.</param>
/// <param name="Reason">The reason of a suspension, resumption or escalation, exactly as written, or null.</param>
public sealed record HotlineLiveEvent(
    long Seq,
    string Type,
    DateTimeOffset At,
    string Author,
    string Channel,
    long? MessageSeq,
    long? InReplyTo,
    string? Precedence,
    string? Subject,
    string? Lang,
    string? Sender,
    string? Party,
    string? Status,
    DateTimeOffset? Deadline,
    bool Late,
    string? Reason);

/// <summary>The methods the hotline hub calls on its clients.</summary>
public interface IHotlineClient
{
    /// <summary>A hotline entry addressed to the client's party was committed.</summary>
    Task HotlineEntry(HotlineLiveEvent entry);
}
