using Liaison.Domain.Common;
using Liaison.Domain.Hotline;
using Liaison.Domain.Parties;
using Liaison.Features.Mechanism;

namespace Liaison.Features.Hotline;

/// <summary>One recipient party's side of a message: where it stands and when.</summary>
public sealed record RecipientView(string Party, string Status, DateTimeOffset? DeliveredAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, bool Late, DateTimeOffset? EscalatedAt, DateTimeOffset? MissedAt);

/// <summary>A hotline message as an inbox shows it. Its body is in the entry (<c>GET /api/v1/entries/{seq}</c>).</summary>
public sealed record MessageView(long Seq, string Channel, string Precedence, string Template, string Subject, string Lang, string From, string FromParty, IReadOnlyList<string> Audience, DateTimeOffset SentAt, DateTimeOffset ClientTime, bool Forwarded, DateTimeOffset AcknowledgementDeadline, DateTimeOffset? ReplyDeadline, string Status, long? InReplyTo, IReadOnlyList<long> Replies, IReadOnlyList<RecipientView> Recipients);

/// <summary>Reads the hotline for a member: the messages on the channels their party takes part in or observes, and the statistics.</summary>
public sealed class ReadHotline(HotlineBook book, ServedMechanism mechanism)
{
    public async Task<Result<IReadOnlyList<MessageView>>> InboxAsync(Member viewer, string? channel, CancellationToken cancellationToken)
    {
        if (channel is not null && mechanism.Config.FindChannel(channel) is null)
        {
            return new Error.Validation("unknown-channel", $"There is no channel '{channel}'.");
        }

        var state = await book.StateAsync(cancellationToken);
        return state.Messages.Values
            .Where(m => channel is null || m.Channel == channel)
            .Where(m => m.Audience.Contains(viewer.Party))
            .OrderByDescending(m => m.Seq)
            .Select(View)
            .ToList();
    }

    public async Task<ResponsivenessReport> StatisticsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        HotlineStatistics.Compute(await book.StateAsync(cancellationToken), from, to, mechanism.Config.PartiesOfKind(PartyKind.Party).Select(p => p.Code));

    /// <summary>The view of a message, as the inbox shows it (and <c>liaison replay</c> digests it).</summary>
    public static MessageView View(HotlineMessage m) => new(
        m.Seq,
        m.Channel,
        m.Precedence.Code(),
        m.Template.Code(),
        m.Subject,
        m.Lang,
        m.Author,
        m.Sender.Value,
        m.Audience.Select(p => p.Value).ToList(),
        m.SentAt,
        m.ClientTime,
        m.Forwarded,
        m.AcknowledgementDeadline,
        m.ReplyDeadline,
        m.Status.ToString().ToLowerInvariant(),
        m.InReplyTo,
        m.Replies,
        m.Recipients.Values.Select(r => new RecipientView(
            r.Party.Value,
            r.Status.ToString().ToLowerInvariant(),
            r.Delivered?.At,
            r.Acknowledged?.At,
            r.Acknowledged?.Author,
            r.Acknowledged?.Late ?? false,
            r.Escalated?.At,
            r.Missed?.At)).ToList());
}
