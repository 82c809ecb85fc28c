using System.Collections.Immutable;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Hotline;

/// <summary>
/// The hotline's state as a left fold over its entries in sequence order. Pure and deterministic: the same configuration
/// and entries give an equal state anywhere. Total: an entry the admission rules would have refused (naming an unknown
/// message, a party that is not a recipient, a step already recorded) changes nothing, so replaying a viewer's entries
/// never fails. The first recording of each step wins; later duplicates are ignored.
/// </summary>
/// <remarks>
/// Rules the fold applies: a message's recipients are its channel's parties other than the sender's party (all of them
/// when the convener sends); its acknowledgement deadline is the configured one for its precedence and, for a request for
/// explanation, its reply deadline is <see cref="DeadlineConfig.ExplanationReply"/>. A message with <c>inReplyTo</c> by a
/// member of a recipient party of the earlier message is that party's reply and, if the party had not acknowledged the
/// earlier message, its acknowledgement too (a reply proves receipt). A <c>message.ack</c> naming a link test
/// acknowledges the test.
/// </remarks>
public static class HotlineProjection
{
    /// <summary>Folds <paramref name="entries"/> (any order; applied by ascending sequence number) from the empty state.</summary>
    public static HotlineState Fold(MechanismConfig config, IEnumerable<HotlineEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.OrderBy(e => e.Seq).Aggregate(HotlineState.Empty, (state, entry) => Apply(config, state, entry));
    }

    /// <summary>The state after <paramref name="entry"/>, which must come after every entry already folded into <paramref name="state"/>.</summary>
    public static HotlineState Apply(MechanismConfig config, HotlineState state, HotlineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Event switch
        {
            MessageSent sent => ApplySend(config, state, entry, sent),
            MessageAcknowledged ack => ApplyAck(state, entry, ack),
            MessageDelivered delivered => UpdateRecipient(state, delivered.MessageSeq, entry.AuthorParty, r => r.Delivered is null ? r with { Delivered = StampOf(entry) } : r),
            MessageTranslated translated => ApplyTranslate(state, entry, translated),
            ChannelSuspended suspended => SetPolitical(config, state, suspended.Channel, new PoliticalStatus(entry.AuthorParty, true, suspended.Reason, entry.Seq, entry.ServerTime)),
            ChannelResumed resumed => SetPolitical(config, state, resumed.Channel, new PoliticalStatus(entry.AuthorParty, false, resumed.Reason, entry.Seq, entry.ServerTime)),
            LinkTestSent test => ApplyLinkTest(config, state, entry, test),
            LinkTestAnswered answered => UpdateLinkTest(state, answered.LinkTestSeq, entry.AuthorParty, r => r.Answered is null ? r with { Answered = StampOf(entry) } : r),
            MessageEscalated escalated => UpdateRecipient(state, escalated.MessageSeq, escalated.Party, r => escalated.Deadline switch
            {
                DeadlineKind.Acknowledgement => r.Escalated is null ? r with { Escalated = StampOf(entry) } : r,
                DeadlineKind.Reply => r.ReplyEscalated is null ? r with { ReplyEscalated = StampOf(entry) } : r,
                _ => r,
            }),
            MessageMissed missed => UpdateRecipient(state, missed.MessageSeq, missed.Party, r => missed.Deadline switch
            {
                DeadlineKind.Acknowledgement => r.Missed is null ? r with { Missed = StampOf(entry) } : r,
                DeadlineKind.Reply => r.ReplyMissed is null ? r with { ReplyMissed = StampOf(entry) } : r,
                _ => r,
            }),
            _ => throw new ArgumentException($"No projection step for {entry.Event.GetType().Name}.", nameof(entry)),
        };
    }

    private static HotlineState ApplySend(MechanismConfig config, HotlineState state, HotlineEntry entry, MessageSent sent)
    {
        var channelConfig = config.FindChannel(sent.Channel);
        if (channelConfig is null || state.Messages.ContainsKey(entry.Seq))
        {
            return state;
        }

        var channel = state.Channel(sent.Channel);
        var recipients = ImmutableSortedDictionary.CreateRange(
            PartyOrder.Instance,
            ChannelRules.Recipients(channelConfig, entry.AuthorParty).Select(p => KeyValuePair.Create(p, new RecipientState(p, channel.IsSuspended(p)))));
        var message = new HotlineMessage(
            entry.Seq,
            sent.Channel,
            sent.Precedence,
            sent.Template,
            entry.AuthorParty,
            entry.Author,
            entry.Audience,
            entry.ServerTime,
            entry.ClientTime,
            (entry.ServerTime - entry.ClientTime).Duration() > config.Limits.MaxClockSkew,
            sent.Subject,
            sent.Lang,
            sent.InReplyTo,
            config.Deadlines.Acknowledgement.For(sent.Precedence),
            sent.Template == MessageTemplate.RequestForExplanation ? config.Deadlines.ExplanationReply : null)
        {
            Recipients = recipients,
        };
        state = state with { Messages = state.Messages.Add(entry.Seq, message) };

        if (sent.InReplyTo is not { } original || state.FindMessage(original) is not { } earlier)
        {
            return state;
        }

        earlier = earlier with { Replies = earlier.Replies.Add(entry.Seq) };
        if (earlier.Recipients.TryGetValue(entry.AuthorParty, out var recipient))
        {
            if (recipient.Replied is null)
            {
                recipient = recipient with { Replied = StampOf(entry) };
            }

            if (recipient.Acknowledged is null)
            {
                recipient = recipient with { Acknowledged = AcknowledgementOf(earlier, entry, byReply: true) };
            }

            earlier = earlier with { Recipients = earlier.Recipients.SetItem(entry.AuthorParty, recipient) };
        }

        return state with { Messages = state.Messages.SetItem(original, earlier) };
    }

    private static HotlineState ApplyAck(HotlineState state, HotlineEntry entry, MessageAcknowledged ack)
    {
        if (state.FindLinkTest(ack.MessageSeq) is not null)
        {
            return UpdateLinkTest(state, ack.MessageSeq, entry.AuthorParty, r => r.Acknowledged is null ? r with { Acknowledged = StampOf(entry) } : r);
        }

        if (state.FindMessage(ack.MessageSeq) is not { } message)
        {
            return state;
        }

        return UpdateRecipient(state, ack.MessageSeq, entry.AuthorParty, r => r.Acknowledged is null ? r with { Acknowledged = AcknowledgementOf(message, entry, byReply: false) } : r);
    }

    private static HotlineState ApplyTranslate(HotlineState state, HotlineEntry entry, MessageTranslated translated)
    {
        if (state.FindMessage(translated.MessageSeq) is not { } message || !message.Audience.Contains(entry.AuthorParty))
        {
            return state;
        }

        var translation = new Translation(entry.Seq, entry.AuthorParty, entry.Author, entry.ServerTime, translated.Lang, translated.Subject);
        return state with { Messages = state.Messages.SetItem(message.Seq, message with { Translations = message.Translations.Add(translation) }) };
    }

    private static HotlineState ApplyLinkTest(MechanismConfig config, HotlineState state, HotlineEntry entry, LinkTestSent sent)
    {
        if (config.FindChannel(sent.Channel) is not { } channelConfig || state.LinkTests.ContainsKey(entry.Seq))
        {
            return state;
        }

        var test = new LinkTest(entry.Seq, sent.Channel, entry.ServerTime, entry.Audience)
        {
            Parties = ImmutableSortedDictionary.CreateRange(PartyOrder.Instance, channelConfig.Parties.Select(p => KeyValuePair.Create(p, new LinkTestResponse(p)))),
        };
        var channel = state.Channel(sent.Channel) with { LastLinkTestSeq = entry.Seq };
        return state with { LinkTests = state.LinkTests.Add(entry.Seq, test), Channels = state.Channels.SetItem(sent.Channel, channel) };
    }

    private static HotlineState SetPolitical(MechanismConfig config, HotlineState state, string code, PoliticalStatus status)
    {
        var channel = state.Channel(code);
        if (config.FindChannel(code) is not { } channelConfig || !channelConfig.IsParty(status.Party) || channel.IsSuspended(status.Party) == status.Suspended)
        {
            return state;
        }

        channel = channel with { Political = channel.Political.SetItem(status.Party, status) };
        return state with { Channels = state.Channels.SetItem(code, channel) };
    }

    private static HotlineState UpdateRecipient(HotlineState state, long seq, PartyCode party, Func<RecipientState, RecipientState> update)
    {
        if (state.FindMessage(seq) is not { } message || !message.Recipients.TryGetValue(party, out var recipient))
        {
            return state;
        }

        var updated = update(recipient);
        return ReferenceEquals(updated, recipient)
            ? state
            : state with { Messages = state.Messages.SetItem(seq, message with { Recipients = message.Recipients.SetItem(party, updated) }) };
    }

    private static HotlineState UpdateLinkTest(HotlineState state, long seq, PartyCode party, Func<LinkTestResponse, LinkTestResponse> update)
    {
        if (state.FindLinkTest(seq) is not { } test || !test.Parties.TryGetValue(party, out var response))
        {
            return state;
        }

        var updated = update(response);
        return ReferenceEquals(updated, response)
            ? state
            : state with { LinkTests = state.LinkTests.SetItem(seq, test with { Parties = test.Parties.SetItem(party, updated) }) };
    }

    private static Stamp StampOf(HotlineEntry entry) => new(entry.Seq, entry.ServerTime, entry.Author);

    private static Acknowledgement AcknowledgementOf(HotlineMessage message, HotlineEntry entry, bool byReply) =>
        new(entry.Seq, entry.ServerTime, entry.Author, entry.ServerTime - message.SentAt, entry.ServerTime >= message.AcknowledgementDeadline, byReply);
}
