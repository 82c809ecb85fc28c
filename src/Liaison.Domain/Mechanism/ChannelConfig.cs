using Liaison.Domain.Parties;

namespace Liaison.Domain.Mechanism;

/// <summary>
/// A hotline channel on one track. <see cref="Parties"/> (at least two, distinct) talk on it;
/// <see cref="Observers"/> may read it. No code is in both lists, and the convener is always in one of them.
/// </summary>
public sealed record ChannelConfig(string Code, string Track, IReadOnlyList<PartyCode> Parties, IReadOnlyList<PartyCode> Observers)
{
    /// <summary>The parties, then the observers: everyone whose members may read the channel.</summary>
    public IEnumerable<PartyCode> Members => Parties.Concat(Observers);

    /// <summary>True when <paramref name="party"/> is one of the channel's talking parties.</summary>
    public bool IsParty(PartyCode party) => Parties.Contains(party);

    /// <summary>True when members of <paramref name="party"/> may read the channel (as a party or as an observer).</summary>
    public bool MayRead(PartyCode party) => Parties.Contains(party) || Observers.Contains(party);
}
