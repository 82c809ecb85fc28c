using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Hotline;

/// <summary>
/// The hotline's rules for a user's entry, as pure functions of the configuration, the current <see cref="HotlineState"/>
/// and the entry (author's party, audience, parsed fields). They run after <see cref="EntryAdmission.CheckPayload"/>,
/// which has already checked the author's role against the type, the audience against the author's party's
/// <c>mayAddress</c>, the client time and the fields. None of them reads a clock: lateness is the projection's business,
/// from the server time, and a late step is recorded, never refused ("record, don't block").
/// </summary>
public static class HotlineDecisions
{
    /// <summary>Parses the fields of a hotline entry and applies the rule of its type.</summary>
    /// <exception cref="ArgumentException"><paramref name="header"/> is not of a hotline type.</exception>
    public static Result<HotlineEvent> Decide(MechanismConfig config, HotlineState state, EntryHeader header, PartyCode authorParty)
    {
        ArgumentNullException.ThrowIfNull(header);
        var parsed = HotlineEvents.Parse(header.Type, header.Body);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        var audience = header.Audience;
        return parsed.Value switch
        {
            MessageSent sent => Up(Send(config, state, authorParty, audience, sent)),
            MessageAcknowledged ack => Up(Acknowledge(state, authorParty, audience, ack)),
            MessageDelivered delivered => Up(Deliver(state, authorParty, audience, delivered)),
            MessageTranslated translated => Up(Translate(state, authorParty, audience, translated)),
            ChannelSuspended suspended => Up(Suspend(config, state, authorParty, audience, suspended)),
            ChannelResumed resumed => Up(Resume(config, state, authorParty, audience, resumed)),
            LinkTestAnswered answered => Up(AnswerLinkTest(state, authorParty, audience, answered)),
            _ => HotlineErrors.ServerMade(header.Type),
        };
    }

    /// <summary>
    /// A message: the channel rule (<see cref="ChannelRules.CheckSpeaker"/>), then, with <c>inReplyTo</c>, the earlier
    /// message must exist (<c>message-not-found</c>) and be on the same channel (<c>reply-wrong-channel</c>). A suspended
    /// party may still send, and a message to a suspended party is still sent.
    /// </summary>
    public static Result<MessageSent> Send(MechanismConfig config, HotlineState state, PartyCode author, IReadOnlyList<PartyCode> audience, MessageSent message)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(message);
        var channel = ChannelRules.CheckSpeaker(config, message.Channel, author, audience);
        if (!channel.IsSuccess)
        {
            return channel.Error;
        }

        if (message.InReplyTo is { } inReplyTo)
        {
            if (state.FindMessage(inReplyTo) is not { } earlier)
            {
                return HotlineErrors.MessageNotFound(inReplyTo);
            }

            if (!string.Equals(earlier.Channel, message.Channel, StringComparison.Ordinal))
            {
                return HotlineErrors.ReplyOnOtherChannel(inReplyTo, earlier.Channel, message.Channel);
            }
        }

        return message;
    }

    /// <summary>
    /// An acknowledgement of a message or a link test: it must exist (<c>message-not-found</c>); the author's party must
    /// be one it is addressed to, a recipient of the message or a party of the tested channel (<c>not-a-recipient</c>),
    /// which never includes the sender's own party or observers; the party must not have acknowledged it already, by an
    /// acknowledgement or a reply (<c>already-acknowledged</c>); and the audience must be the message's (<c>audience-mismatch</c>).
    /// </summary>
    public static Result<MessageAcknowledged> Acknowledge(HotlineState state, PartyCode author, IReadOnlyList<PartyCode> audience, MessageAcknowledged ack)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(ack);
        var seq = ack.MessageSeq;
        if (state.FindLinkTest(seq) is { } test)
        {
            if (!test.Parties.TryGetValue(author, out var response))
            {
                return HotlineErrors.NotARecipient(seq, author);
            }

            if (response.Acknowledged is { } earlier)
            {
                return HotlineErrors.AlreadyAcknowledged(seq, author, earlier.Seq);
            }

            var testAudience = ChannelRules.CheckAudience(test.Channel, test.Audience, audience);
            return testAudience.IsSuccess ? ack : testAudience.Error;
        }

        var found = FindRecipient(state, seq, author);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var (message, recipient) = found.Value;
        if (recipient.Acknowledged is { } acknowledged)
        {
            return HotlineErrors.AlreadyAcknowledged(seq, author, acknowledged.Seq);
        }

        var members = ChannelRules.CheckAudience(message.Channel, message.Audience, audience);
        return members.IsSuccess ? ack : members.Error;
    }

    /// <summary>
    /// A client's delivery confirmation: the message must exist (<c>message-not-found</c>; link tests are answered with
    /// <c>linktest.answer</c>), be addressed to the author's party (<c>not-a-recipient</c>), not be confirmed by that party
    /// already (<c>already-delivered</c>), and the audience must be the message's.
    /// </summary>
    public static Result<MessageDelivered> Deliver(HotlineState state, PartyCode author, IReadOnlyList<PartyCode> audience, MessageDelivered delivered)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(delivered);
        var seq = delivered.MessageSeq;
        var found = FindRecipient(state, seq, author);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var (message, recipient) = found.Value;
        if (recipient.Delivered is { } earlier)
        {
            return HotlineErrors.AlreadyDelivered(seq, author, earlier.Seq);
        }

        var members = ChannelRules.CheckAudience(message.Channel, message.Audience, audience);
        return members.IsSuccess ? delivered : members.Error;
    }

    /// <summary>
    /// A translation: the message must exist (<c>message-not-found</c>), the author's party must read it (be in its
    /// audience, <c>not-a-reader</c>), the audience must be the message's, and the language must differ from the
    /// original's, compared without regard to case as BCP 47 says (<c>translation-same-language</c>).
    /// </summary>
    public static Result<MessageTranslated> Translate(HotlineState state, PartyCode author, IReadOnlyList<PartyCode> audience, MessageTranslated translated)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(translated);
        var seq = translated.MessageSeq;
        if (state.FindMessage(seq) is not { } message)
        {
            return HotlineErrors.MessageNotFound(seq);
        }

        if (!message.Audience.Contains(author))
        {
            return HotlineErrors.NotAReader(seq, author);
        }

        var members = ChannelRules.CheckAudience(message.Channel, message.Audience, audience);
        if (!members.IsSuccess)
        {
            return members.Error;
        }

        return string.Equals(message.Lang, translated.Lang, StringComparison.OrdinalIgnoreCase) ? HotlineErrors.SameLanguage(seq, message.Lang) : translated;
    }

    /// <summary>
    /// A party suspends its participation in a channel: <see cref="ChannelRules.CheckParticipant"/>, and the party must not
    /// be suspended already (<c>already-suspended</c>).
    /// </summary>
    public static Result<ChannelSuspended> Suspend(MechanismConfig config, HotlineState state, PartyCode author, IReadOnlyList<PartyCode> audience, ChannelSuspended suspended)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(suspended);
        var channel = ChannelRules.CheckParticipant(config, suspended.Channel, author, audience);
        if (!channel.IsSuccess)
        {
            return channel.Error;
        }

        return state.Channel(suspended.Channel).Political.TryGetValue(author, out var status) && status.Suspended
            ? HotlineErrors.AlreadySuspended(suspended.Channel, author, status.Seq)
            : suspended;
    }

    /// <summary>
    /// A party resumes its participation in a channel: <see cref="ChannelRules.CheckParticipant"/>, and the party must be
    /// suspended (<c>not-suspended</c>).
    /// </summary>
    public static Result<ChannelResumed> Resume(MechanismConfig config, HotlineState state, PartyCode author, IReadOnlyList<PartyCode> audience, ChannelResumed resumed)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(resumed);
        var channel = ChannelRules.CheckParticipant(config, resumed.Channel, author, audience);
        if (!channel.IsSuccess)
        {
            return channel.Error;
        }

        return state.Channel(resumed.Channel).IsSuspended(author) ? resumed : HotlineErrors.NotSuspended(resumed.Channel, author);
    }

    /// <summary>
    /// A client's answer to a link test: the test must exist (<c>link-test-not-found</c>), the author's party must be a
    /// party of the tested channel (<c>not-a-recipient</c>), not have answered already (<c>already-answered</c>), and the
    /// audience must be the test's.
    /// </summary>
    public static Result<LinkTestAnswered> AnswerLinkTest(HotlineState state, PartyCode author, IReadOnlyList<PartyCode> audience, LinkTestAnswered answered)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(answered);
        var seq = answered.LinkTestSeq;
        if (state.FindLinkTest(seq) is not { } test)
        {
            return HotlineErrors.LinkTestNotFound(seq);
        }

        if (!test.Parties.TryGetValue(author, out var response))
        {
            return HotlineErrors.NotARecipient(seq, author);
        }

        if (response.Answered is { } earlier)
        {
            return HotlineErrors.AlreadyAnswered(seq, author, earlier.Seq);
        }

        var members = ChannelRules.CheckAudience(test.Channel, test.Audience, audience);
        return members.IsSuccess ? answered : members.Error;
    }

    private static Result<HotlineEvent> Up<T>(Result<T> result)
        where T : HotlineEvent => result.IsSuccess ? result.Value : result.Error;

    /// <summary>The message <paramref name="seq"/> and the author's party's side of it: <c>message-not-found</c> or <c>not-a-recipient</c> otherwise.</summary>
    private static Result<(HotlineMessage Message, RecipientState Recipient)> FindRecipient(HotlineState state, long seq, PartyCode author)
    {
        if (state.FindMessage(seq) is not { } message)
        {
            return HotlineErrors.MessageNotFound(seq);
        }

        return message.Recipients.TryGetValue(author, out var recipient)
            ? (message, recipient)
            : HotlineErrors.NotARecipient(seq, author);
    }
}
