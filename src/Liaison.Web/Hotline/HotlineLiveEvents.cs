using Liaison.Domain.Hotline;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;

namespace Liaison.Web.Hotline;

/// <summary>A live event and the parties whose connections may receive it.</summary>
public sealed record LiveDelivery(HotlineLiveEvent Event, IReadOnlyList<PartyCode> Audience);

/// <summary>
/// Turns a committed hotline entry into the event the hub pushes, reading the hotline's state after the entry. Pure.
/// Need to know: the audience is the entry's own audience, narrowed to the audience of the message or link test it is
/// about, so no party learns a subject it may not read even if an entry were addressed wider than its message.
/// </summary>
public static class HotlineLiveEvents
{
    /// <summary>
    /// The event for <paramref name="entry"/>, or null when <paramref name="state"/> does not hold what it recorded (an
    /// entry the projection ignored, or a state from before the entry).
    /// </summary>
    public static LiveDelivery? From(MechanismConfig config, HotlineState state, HotlineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(entry);
        var type = entry.Event.EntryType;
        return entry.Event switch
        {
            MessageSent => state.FindMessage(entry.Seq) is { } message
                ? NewMessage(entry, message)
                : null,
            MessageAcknowledged ack when state.FindLinkTest(ack.MessageSeq) is { } test =>
                test.Parties.TryGetValue(entry.AuthorParty, out var response) && response.Acknowledged?.Seq == entry.Seq
                    ? AboutTest(entry, test, entry.AuthorParty, response)
                    : null,
            MessageAcknowledged ack => state.FindMessage(ack.MessageSeq) is { } message
                && message.Recipients.TryGetValue(entry.AuthorParty, out var recipient)
                && recipient.Acknowledged is { } acknowledged && acknowledged.Seq == entry.Seq
                    ? About(entry, message, entry.AuthorParty, recipient.Status, message.AcknowledgementDeadline, acknowledged.Late, null)
                    : null,
            MessageDelivered delivered => state.FindMessage(delivered.MessageSeq) is { } message
                && message.Recipients.TryGetValue(entry.AuthorParty, out var recipient)
                && recipient.Delivered?.Seq == entry.Seq
                    ? About(entry, message, entry.AuthorParty, recipient.Status, message.AcknowledgementDeadline, false, null)
                    : null,
            MessageTranslated translated => state.FindMessage(translated.MessageSeq) is { } message
                && message.Translations.Any(t => t.Seq == entry.Seq)
                    ? Translation(entry, message, translated)
                    : null,
            MessageEscalated escalated => state.FindMessage(escalated.MessageSeq) is { } message
                && message.Recipients.TryGetValue(escalated.Party, out var recipient)
                && (escalated.Deadline == DeadlineKind.Acknowledgement ? recipient.Escalated : recipient.ReplyEscalated)?.Seq == entry.Seq
                    ? About(entry, message, escalated.Party, recipient.Status, message.Deadline(escalated.Deadline), false, escalated.Reason)
                    : null,
            MessageMissed missed => state.FindMessage(missed.MessageSeq) is { } message
                && message.Recipients.TryGetValue(missed.Party, out var recipient)
                && (missed.Deadline == DeadlineKind.Acknowledgement ? recipient.Missed : recipient.ReplyMissed)?.Seq == entry.Seq
                    ? About(entry, message, missed.Party, recipient.Status, message.Deadline(missed.Deadline), false, null)
                    : null,
            LinkTestSent => state.FindLinkTest(entry.Seq) is { } test
                ? new LiveDelivery(Event(entry, test.Channel, test.Seq) with { Status = "sent" }, Narrow(entry.Audience, test.Audience))
                : null,
            LinkTestAnswered answered => state.FindLinkTest(answered.LinkTestSeq) is { } test
                && test.Parties.TryGetValue(entry.AuthorParty, out var response)
                && response.Answered?.Seq == entry.Seq
                    ? AboutTest(entry, test, entry.AuthorParty, response)
                    : null,
            ChannelSuspended suspended => Political(config, state, entry, suspended.Channel, suspended.Reason),
            ChannelResumed resumed => Political(config, state, entry, resumed.Channel, resumed.Reason),
            _ => throw new ArgumentException($"No live event for {type}.", nameof(entry)),
        };
    }

    /// <summary>A recipient status as the API and the pages write it.</summary>
    public static string Status(MessageStatus status) => status switch
    {
        MessageStatus.Sent => "sent",
        MessageStatus.Delivered => "delivered",
        MessageStatus.Acknowledged => "acknowledged",
        MessageStatus.Escalated => "escalated",
        MessageStatus.Missed => "missed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a message status."),
    };

    /// <summary>A link-test outcome as the pages write it.</summary>
    public static string Outcome(LinkTestOutcome outcome) => outcome switch
    {
        LinkTestOutcome.NoAnswer => "no-answer",
        LinkTestOutcome.Answered => "answered",
        LinkTestOutcome.Acknowledged => "acknowledged",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a link-test outcome."),
    };

    private static LiveDelivery About(HotlineEntry entry, HotlineMessage message, PartyCode? party, MessageStatus status, DateTimeOffset? deadline, bool late, string? reason) =>
        new(
            Event(entry, message.Channel, message.Seq) with
            {
                Precedence = message.Precedence.Code(),
                Subject = message.Subject,
                Lang = message.Lang,
                Sender = message.Sender.Value,
                Party = party?.Value,
                Status = Status(status),
                Deadline = deadline,
                Late = late,
                Reason = reason,
            },
            Narrow(entry.Audience, message.Audience));

    private static LiveDelivery NewMessage(HotlineEntry entry, HotlineMessage message)
    {
        var delivery = About(entry, message, null, message.Status, message.AcknowledgementDeadline, false, null);
        return delivery with { Event = delivery.Event with { InReplyTo = message.InReplyTo } };
    }

    private static LiveDelivery Translation(HotlineEntry entry, HotlineMessage message, MessageTranslated translated)
    {
        var delivery = About(entry, message, entry.AuthorParty, message.Status, message.AcknowledgementDeadline, false, null);
        return delivery with { Event = delivery.Event with { Subject = translated.Subject, Lang = translated.Lang } };
    }

    private static LiveDelivery AboutTest(HotlineEntry entry, LinkTest test, PartyCode party, LinkTestResponse response) =>
        new(Event(entry, test.Channel, test.Seq) with { Party = party.Value, Status = Outcome(response.Outcome) }, Narrow(entry.Audience, test.Audience));

    private static LiveDelivery? Political(MechanismConfig config, HotlineState state, HotlineEntry entry, string channel, string reason)
    {
        if (config.FindChannel(channel) is not { } channelConfig
            || !state.Channel(channel).Political.TryGetValue(entry.AuthorParty, out var status)
            || status.Seq != entry.Seq)
        {
            return null;
        }

        return new LiveDelivery(
            Event(entry, channel, null) with { Party = entry.AuthorParty.Value, Status = status.Suspended ? "suspended" : "active", Reason = reason },
            Narrow(entry.Audience, [.. channelConfig.Members]));
    }

    private static HotlineLiveEvent Event(HotlineEntry entry, string channel, long? messageSeq) =>
        new(entry.Seq, entry.Event.EntryType, entry.ServerTime, entry.Author, channel, messageSeq, null, null, null, null, null, null, null, null, false, null);

    private static IReadOnlyList<PartyCode> Narrow(IReadOnlyList<PartyCode> entryAudience, IReadOnlyList<PartyCode> aboutAudience) =>
        [.. entryAudience.Where(aboutAudience.Contains).Distinct()];
}
