using Liaison.Domain.Common;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Hotline;

/// <summary>The ways a hotline entry is refused by <see cref="ChannelRules"/> and <see cref="HotlineDecisions"/>; each code is a stable problem type.</summary>
public static class HotlineErrors
{
    /// <summary>The channel is not one of the mechanism's (HTTP 400).</summary>
    public static Error UnknownChannel(string channel) =>
        new Error.Validation("unknown-channel", $"'{channel}' is not a channel of this mechanism.") { Extensions = new Dictionary<string, object?> { ["channel"] = channel } };

    /// <summary>The author's party neither talks on the channel nor is the convener (HTTP 403).</summary>
    public static Error NotOnChannel(string channel, PartyCode party) =>
        new Error.Forbidden("not-on-channel", $"{party} does not talk on channel '{channel}'; only its parties and the convener do.")
        {
            Extensions = new Dictionary<string, object?> { ["channel"] = channel, ["party"] = party.Value },
        };

    /// <summary>The audience is not exactly the channel's members (HTTP 400); lists what is missing and what is extra.</summary>
    public static Error AudienceMismatch(string channel, IReadOnlyList<PartyCode> expected, IReadOnlyList<PartyCode> missing, IReadOnlyList<PartyCode> extra) =>
        new Error.Validation(
            "audience-mismatch",
            $"An entry on channel '{channel}' is addressed to exactly {string.Join(", ", expected)}"
                + (missing.Count > 0 ? $"; missing {string.Join(", ", missing)}" : string.Empty)
                + (extra.Count > 0 ? $"; not on the channel {string.Join(", ", extra)}" : string.Empty) + ".")
        {
            Extensions = new Dictionary<string, object?>
            {
                ["channel"] = channel,
                ["expected"] = expected.Select(p => p.Value).ToArray(),
                ["missing"] = missing.Select(p => p.Value).ToArray(),
                ["extra"] = extra.Select(p => p.Value).ToArray(),
            },
        };

    /// <summary>The sequence number names no message, nor a link test where one may be acknowledged (HTTP 404).</summary>
    public static Error MessageNotFound(long seq) =>
        new Error.NotFound("message-not-found", $"Entry {seq} is not a hotline message you can see.") { Extensions = new Dictionary<string, object?> { ["seq"] = seq } };

    /// <summary>The sequence number names no link test (HTTP 404).</summary>
    public static Error LinkTestNotFound(long seq) =>
        new Error.NotFound("link-test-not-found", $"Entry {seq} is not a link test.") { Extensions = new Dictionary<string, object?> { ["seq"] = seq } };

    /// <summary>The author's party is not one the message or link test is addressed to (HTTP 403).</summary>
    public static Error NotARecipient(long seq, PartyCode party) =>
        new Error.Forbidden("not-a-recipient", $"Entry {seq} is not addressed to {party}, so {party} does not acknowledge, confirm or answer it.")
        {
            Extensions = new Dictionary<string, object?> { ["seq"] = seq, ["party"] = party.Value },
        };

    /// <summary>The author's party does not read the message it wants to translate (HTTP 403).</summary>
    public static Error NotAReader(long seq, PartyCode party) =>
        new Error.Forbidden("not-a-reader", $"{party} is not in the audience of message {seq}.") { Extensions = new Dictionary<string, object?> { ["seq"] = seq, ["party"] = party.Value } };

    /// <summary>The party already acknowledged this message or link test (HTTP 409).</summary>
    public static Error AlreadyAcknowledged(long seq, PartyCode party, long bySeq) =>
        new Error.Conflict("already-acknowledged", $"{party} already acknowledged entry {seq}, by entry {bySeq}.")
        {
            Extensions = new Dictionary<string, object?> { ["seq"] = seq, ["party"] = party.Value, ["bySeq"] = bySeq },
        };

    /// <summary>A client of the party already confirmed delivery of this message (HTTP 409).</summary>
    public static Error AlreadyDelivered(long seq, PartyCode party, long bySeq) =>
        new Error.Conflict("already-delivered", $"Delivery of message {seq} to {party} was already recorded by entry {bySeq}.")
        {
            Extensions = new Dictionary<string, object?> { ["seq"] = seq, ["party"] = party.Value, ["bySeq"] = bySeq },
        };

    /// <summary>A client of the party already answered this link test (HTTP 409).</summary>
    public static Error AlreadyAnswered(long seq, PartyCode party, long bySeq) =>
        new Error.Conflict("already-answered", $"{party} already answered link test {seq}, by entry {bySeq}.")
        {
            Extensions = new Dictionary<string, object?> { ["seq"] = seq, ["party"] = party.Value, ["bySeq"] = bySeq },
        };

    /// <summary>A reply names a message on another channel (HTTP 400).</summary>
    public static Error ReplyOnOtherChannel(long inReplyTo, string messageChannel, string replyChannel) =>
        new Error.Validation("reply-wrong-channel", $"Message {inReplyTo} is on channel '{messageChannel}'; a reply to it goes there, not to '{replyChannel}'.")
        {
            Extensions = new Dictionary<string, object?> { ["inReplyTo"] = inReplyTo, ["channel"] = messageChannel },
        };

    /// <summary>A translation is in the message's own language (HTTP 400).</summary>
    public static Error SameLanguage(long seq, string lang) =>
        new Error.Validation("translation-same-language", $"Message {seq} is already in '{lang}'; a translation is into another language.")
        {
            Extensions = new Dictionary<string, object?> { ["seq"] = seq, ["lang"] = lang },
        };

    /// <summary>The party's participation in the channel is already suspended (HTTP 409).</summary>
    public static Error AlreadySuspended(string channel, PartyCode party, long bySeq) =>
        new Error.Conflict("already-suspended", $"{party} already suspended its participation in '{channel}' by entry {bySeq}.")
        {
            Extensions = new Dictionary<string, object?> { ["channel"] = channel, ["party"] = party.Value, ["bySeq"] = bySeq },
        };

    /// <summary>The party's participation in the channel is not suspended, so there is nothing to resume (HTTP 409).</summary>
    public static Error NotSuspended(string channel, PartyCode party) =>
        new Error.Conflict("not-suspended", $"{party} has not suspended its participation in '{channel}'.")
        {
            Extensions = new Dictionary<string, object?> { ["channel"] = channel, ["party"] = party.Value },
        };

    /// <summary>A server-made type was offered to the user-entry rules (HTTP 403).</summary>
    public static Error ServerMade(string type) =>
        new Error.Forbidden("role-forbidden", $"'{type}' entries are made by the mechanism itself, not submitted.") { Extensions = new Dictionary<string, object?> { ["entryType"] = type } };
}
