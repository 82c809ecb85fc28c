using Liaison.Domain.Hotline;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;
using Liaison.Features.Hotline;
using Liaison.Features.Mechanism;
using Liaison.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages.Hotline;

/// <summary>
/// The hotline inbox, one channel at a time: the channels the user's party takes part in or observes, each message with
/// every recipient party's status and a countdown to its deadline, and the channel's political status and last link test.
/// Acknowledging is an entry signed in the browser (wwwroot/js/signing.js) with the user's own enrolled key; the page only reads.
/// </summary>
public sealed class IndexModel(ServedMechanism mechanism, ReadHotline hotline, HotlineBook book, TimeProvider time) : PageModel
{
    private HotlineState _state = HotlineState.Empty;

    public Member Member { get; private set; } = null!;

    /// <summary>The server's time when the page was made: the page's countdowns start from it.</summary>
    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<ChannelTab> Channels { get; private set; } = [];

    /// <summary>The channel shown, or null when the party reads no channel.</summary>
    public ChannelTab? Selected { get; private set; }

    /// <summary>The selected channel's messages addressed to the user's party, newest first.</summary>
    public IReadOnlyList<MessageView> Messages { get; private set; } = [];

    /// <summary>True when the user holds a role that acknowledges messages addressed to their party.</summary>
    public bool MayAcknowledge => Member.Roles.Overlaps(HotlineEntryTypes.AcknowledgerRoles);

    /// <summary>Message <paramref name="seq"/> as the hotline's state holds it (for its replies), or null.</summary>
    public HotlineMessage? Record(long seq) => _state.FindMessage(seq);

    public async Task<IActionResult> OnGetAsync(string? channel, CancellationToken cancellationToken)
    {
        if (User.ToMember() is not { } member)
        {
            return Forbid();
        }

        Member = member;
        Now = time.GetUtcNow();
        var state = _state = await book.StateAsync(cancellationToken);
        Channels = mechanism.Config.Channels.Where(c => c.MayRead(member.Party)).Select(c => ChannelTab.From(mechanism.Config, c, state, member.Party)).ToList();
        if (Channels.Count == 0)
        {
            return Page();
        }

        Selected = channel is null ? Channels[0] : Channels.FirstOrDefault(c => string.Equals(c.Code, channel, StringComparison.Ordinal));
        if (Selected is null)
        {
            // An unknown channel and one the party may not read look the same: need to know.
            return NotFound();
        }

        var inbox = await hotline.InboxAsync(member, Selected.Code, cancellationToken);
        Messages = inbox.IsSuccess ? inbox.Value : [];
        return Page();
    }
}

/// <summary>
/// A channel as its tab and status panel show it: who talks on it and who observes, whether the viewer's party talks or
/// observes, each talking party's political status, and its latest link test.
/// </summary>
public sealed record ChannelTab(string Code, string TrackName, bool ViewerTakesPart, IReadOnlyList<PartyCode> Parties, IReadOnlyList<PartyCode> Observers, IReadOnlyList<PartyStanding> Political, LinkTestView? LastLinkTest, int Open)
{
    public static ChannelTab From(MechanismConfig config, ChannelConfig channel, HotlineState state, PartyCode viewer)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(state);
        var hotlineChannel = state.Channel(channel.Code);
        var political = channel.Parties
            .Select(p => hotlineChannel.Political.TryGetValue(p, out var status)
                ? new PartyStanding(p.Value, status.Suspended, status.Reason, status.At)
                : new PartyStanding(p.Value, false, null, null))
            .ToList();
        var test = hotlineChannel.LastLinkTestSeq is { } seq && state.FindLinkTest(seq) is { } found
            ? new LinkTestView(found.Seq, found.SentAt, found.Parties.Values.Select(r => new LinkTestPartyView(r.Party.Value, r.Outcome)).ToList())
            : null;
        var open = state.Messages.Values.Count(m => m.Channel == channel.Code && m.Audience.Contains(viewer) && m.Status != MessageStatus.Acknowledged);
        return new ChannelTab(channel.Code, config.FindTrack(channel.Track)?.Name ?? channel.Track, channel.IsParty(viewer), channel.Parties, channel.Observers, political, test, open);
    }
}

/// <summary>A party's political status on a channel: active unless its latest political entry suspended it.</summary>
public sealed record PartyStanding(string Party, bool Suspended, string? Reason, DateTimeOffset? Since);

/// <summary>A link test and each party's answer to it.</summary>
public sealed record LinkTestView(long Seq, DateTimeOffset SentAt, IReadOnlyList<LinkTestPartyView> Parties);

/// <summary>One party's end of a link test.</summary>
public sealed record LinkTestPartyView(string Party, LinkTestOutcome Outcome)
{
    /// <summary>What the outcome tells: a technical outage is no answer; a political non-answer is answered, not acknowledged.</summary>
    public string Meaning => Outcome switch
    {
        LinkTestOutcome.NoAnswer => "no answer: no client of the party received it",
        LinkTestOutcome.Answered => "received by a client, not acknowledged by anyone",
        LinkTestOutcome.Acknowledged => "acknowledged",
        _ => throw new InvalidOperationException($"Unknown link-test outcome {Outcome}."),
    };
}
