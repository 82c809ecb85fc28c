using Liaison.Domain.Entries;
using Liaison.Domain.Hotline;
using Liaison.Domain.Parties;
using Liaison.Features.Entries;
using Liaison.Features.Hotline;
using Liaison.Features.Mechanism;
using Liaison.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages.Hotline;

/// <summary>
/// A message and its thread: the message it answers, its replies, and every translation of each, with each text exactly
/// as its author wrote and signed it. Shown only to members of a party in the message's audience.
/// </summary>
public sealed class MessageModel(ReadHotline hotline, HotlineBook book, ListEntries entries, ServedMechanism mechanism, TimeProvider time) : PageModel
{
    private HotlineState _state = HotlineState.Empty;

    public Member Member { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    public ThreadItem Message { get; private set; } = null!;

    /// <summary>The message this one answers, when the viewer may read it.</summary>
    public MessageView? Original { get; private set; }

    public IReadOnlyList<ThreadItem> Replies { get; private set; } = [];

    public bool MayAcknowledge => Member.Roles.Overlaps(HotlineEntryTypes.AcknowledgerRoles);

    /// <summary>
    /// True when the user may reply on the message's channel: they hold a sending role and their party is one of the
    /// channel's parties or the convener (<see cref="ChannelRules.CheckSpeaker"/>); observers only read.
    /// </summary>
    public bool MayReply { get; private set; }

    /// <summary>Who a reply is addressed to: every member of the message's channel, its parties and its observers.</summary>
    public IReadOnlyList<string> ReplyAudience { get; private set; } = [];

    /// <summary>Message <paramref name="seq"/> as the hotline's state holds it (for its replies), or null.</summary>
    public HotlineMessage? Record(long seq) => _state.FindMessage(seq);

    public async Task<IActionResult> OnGetAsync(long seq, CancellationToken cancellationToken)
    {
        if (User.ToMember() is not { } member)
        {
            return Forbid();
        }

        Member = member;
        Now = time.GetUtcNow();
        var inbox = await hotline.InboxAsync(member, null, cancellationToken);
        var readable = inbox.IsSuccess ? inbox.Value.ToDictionary(m => m.Seq) : [];
        if (!readable.TryGetValue(seq, out var view))
        {
            // A message that does not exist and one not addressed to the party look the same: need to know.
            return NotFound();
        }

        var state = _state = await book.StateAsync(cancellationToken);
        Message = await ItemAsync(view, state, cancellationToken);
        Original = view.InReplyTo is { } original ? readable.GetValueOrDefault(original) : null;
        var replies = new List<ThreadItem>();
        foreach (var reply in view.Replies)
        {
            if (readable.TryGetValue(reply, out var replyView))
            {
                replies.Add(await ItemAsync(replyView, state, cancellationToken));
            }
        }

        Replies = replies;
        var channel = mechanism.Config.FindChannel(view.Channel);
        ReplyAudience = channel is null ? [] : [.. channel.Members.Select(p => p.Value)];
        MayReply = channel is not null && member.Roles.Overlaps(HotlineEntryTypes.SenderRoles)
            && (channel.IsParty(member.Party) || mechanism.Config.FindParty(member.Party)?.Kind == PartyKind.Convener);
        return Page();
    }

    private async Task<ThreadItem> ItemAsync(MessageView view, HotlineState state, CancellationToken cancellationToken)
    {
        var sent = await ReadAsync(view.Seq, cancellationToken) is MessageSent message ? message : null;
        var translations = new List<TranslationItem>();
        foreach (var translation in state.FindMessage(view.Seq)?.Translations ?? [])
        {
            var text = await ReadAsync(translation.Seq, cancellationToken) as MessageTranslated;
            translations.Add(new TranslationItem(translation.Seq, translation.Party.Value, translation.Author, translation.At, translation.Lang, translation.Subject, text?.Body));
        }

        return new ThreadItem(view, sent?.Body, sent?.Coded, sent?.Attachments ?? [], translations);
    }

    /// <summary>The parsed fields of entry <paramref name="seq"/>, or null when the viewer's party may not read its payload.</summary>
    private async Task<HotlineEvent?> ReadAsync(long seq, CancellationToken cancellationToken)
    {
        var entry = await entries.GetAsync(seq, Member, cancellationToken);
        if (!entry.IsSuccess || entry.Value.Payload is not { } payload)
        {
            return null;
        }

        var parsed = EntryPayload.Parse(Convert.FromBase64String(payload)).Then(header => HotlineEvents.Parse(header.Type, header.Body));
        return parsed.IsSuccess ? parsed.Value : null;
    }
}

/// <summary>A message of a thread: its inbox view, its body and coded fields as signed, its attachments and its translations.</summary>
public sealed record ThreadItem(MessageView View, string? Body, TemplateFields? Coded, IReadOnlyList<Attachment> Attachments, IReadOnlyList<TranslationItem> Translations);

/// <summary>A translation of a message, by a member of <see cref="Party"/>.</summary>
public sealed record TranslationItem(long Seq, string Party, string Author, DateTimeOffset At, string Lang, string Subject, string? Body);
