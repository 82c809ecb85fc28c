using Liaison.Domain.Common;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Hotline;

/// <summary>
/// Who talks on a channel and who every entry on it is addressed to, as pure functions of the configuration.
/// The rule: an entry on a channel is addressed to exactly the channel's members (its parties and its observers, in any
/// order) so that whoever may read the channel reads all of it and nobody else does; the author's party must be one of
/// the channel's parties or the convener, who may speak on every channel. Observers read and never author.
/// </summary>
public static class ChannelRules
{
    /// <summary>The channel named <paramref name="channel"/>, or <c>unknown-channel</c>.</summary>
    public static Result<ChannelConfig> Find(MechanismConfig config, string channel)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.FindChannel(channel) is { } found ? found : HotlineErrors.UnknownChannel(channel);
    }

    /// <summary>
    /// Checks an entry that speaks on a channel (a message): the channel exists (<c>unknown-channel</c>), the author's party
    /// is one of its parties or the convener (<c>not-on-channel</c>), and <paramref name="audience"/> is exactly its members
    /// (<c>audience-mismatch</c>), in that order.
    /// </summary>
    public static Result<ChannelConfig> CheckSpeaker(MechanismConfig config, string channel, PartyCode authorParty, IReadOnlyList<PartyCode> audience)
    {
        var found = Find(config, channel);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        if (!found.Value.IsParty(authorParty) && config.FindParty(authorParty)?.Kind != PartyKind.Convener)
        {
            return HotlineErrors.NotOnChannel(channel, authorParty);
        }

        var members = CheckAudience(channel, [.. found.Value.Members], audience);
        return members.IsSuccess ? found.Value : members.Error;
    }

    /// <summary>
    /// Checks a party's entry about its own participation in a channel (suspend, resume): the channel exists, the author's
    /// party is one of its parties (the convener is not: it has no participation to suspend), and the audience is its members.
    /// </summary>
    public static Result<ChannelConfig> CheckParticipant(MechanismConfig config, string channel, PartyCode authorParty, IReadOnlyList<PartyCode> audience)
    {
        var found = Find(config, channel);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        if (!found.Value.IsParty(authorParty))
        {
            return HotlineErrors.NotOnChannel(channel, authorParty);
        }

        var members = CheckAudience(channel, [.. found.Value.Members], audience);
        return members.IsSuccess ? found.Value : members.Error;
    }

    /// <summary><paramref name="audience"/> must hold every code of <paramref name="expected"/> and no other (<c>audience-mismatch</c>); order does not matter.</summary>
    public static Result<Unit> CheckAudience(string channel, IReadOnlyList<PartyCode> expected, IReadOnlyList<PartyCode> audience)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(audience);
        var missing = expected.Where(p => !audience.Contains(p)).ToList();
        var extra = audience.Where(p => !expected.Contains(p)).Distinct().ToList();
        return missing.Count == 0 && extra.Count == 0 ? Unit.Value : HotlineErrors.AudienceMismatch(channel, expected, missing, extra);
    }

    /// <summary>
    /// The parties that owe an acknowledgement of a message by <paramref name="sender"/> on <paramref name="channel"/>: the
    /// channel's parties other than the sender's, in configuration order. Observers (and the convener, when it observes)
    /// never owe one.
    /// </summary>
    public static IReadOnlyList<PartyCode> Recipients(ChannelConfig channel, PartyCode sender)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return [.. channel.Parties.Where(p => p != sender)];
    }
}
