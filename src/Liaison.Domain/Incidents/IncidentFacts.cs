using Liaison.Domain.Parties;

namespace Liaison.Domain.Incidents;

/// <summary>
/// The facts of a report a listing filters on, inline and immutable (a report never changes once recorded): id, time
/// (UTC ticks, end = start for an instant), point, and the reporter and audience as bits over the mechanism's parties
/// in configuration order. Lists of these are scanned instead of looking each incident up, so a filter that keeps few
/// of many costs a pass over contiguous memory.
/// </summary>
public readonly record struct IncidentFacts(long Id, string Category, ulong Reporter, ulong Audience, long StartTicks, long EndTicks, double Lon, double Lat)
{
    /// <summary>Whether the incident's time meets <c>[from, to)</c> (either bound may be absent).</summary>
    public bool Meets(long? fromTicks, long? toTicks) => (fromTicks is not { } from || EndTicks >= from) && (toTicks is not { } to || StartTicks < to);
}

/// <summary>Bits for parties, in the mechanism's configuration order (at most 64 parties).</summary>
public sealed class PartyBits
{
    private readonly Dictionary<PartyCode, ulong> _bits = [];

    /// <summary>Numbers <paramref name="parties"/> in the order given.</summary>
    public PartyBits(IEnumerable<PartyCode> parties)
    {
        foreach (var party in parties)
        {
            if (_bits.Count == 64)
            {
                throw new ArgumentOutOfRangeException(nameof(parties), "A mechanism has at most 64 parties.");
            }

            _bits.TryAdd(party, 1UL << _bits.Count);
        }
    }

    /// <summary>The bit of <paramref name="party"/>, or 0 for a party the mechanism does not have.</summary>
    public ulong Of(PartyCode party) => _bits.GetValueOrDefault(party);

    /// <summary>The bits of every party of <paramref name="parties"/>.</summary>
    public ulong Of(IEnumerable<PartyCode> parties) => parties.Aggregate(0UL, (bits, party) => bits | Of(party));
}
