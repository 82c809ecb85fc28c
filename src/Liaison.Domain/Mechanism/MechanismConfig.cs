using System.Diagnostics.CodeAnalysis;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Mechanism;

/// <summary>
/// One mechanism, as configured: its parties, tracks, channels, deadlines, zones, commitments, tiers and limits.
/// Made by <see cref="MechanismConfigLoader"/>, which guarantees: <see cref="Id"/> is a lower-case slug; party,
/// track, channel, zone, commitment and tier codes are unique; every code named anywhere exists; there is exactly one
/// party of kind <see cref="PartyKind.Convener"/> and at least two of kind <see cref="PartyKind.Party"/>; and
/// <see cref="Roles"/> has an entry for every kind, each a non-empty subset of <see cref="Liaison.Domain.Parties.Roles.AllowedFor"/>.
/// Immutable and safe to share between threads.
/// </summary>
public sealed record MechanismConfig
{
    /// <summary>The mechanism's id, a lower-case slug such as <c>isr-syr</c>; entries name it in <c>mechanism</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The mechanism's name for people.</summary>
    public required string Name { get; init; }

    /// <summary>The parties, in configuration order.</summary>
    public required IReadOnlyList<PartyConfig> Parties { get; init; }

    /// <summary>The roles users of each kind of party may hold in this mechanism.</summary>
    public required IReadOnlyDictionary<PartyKind, IReadOnlyList<Role>> Roles { get; init; }

    /// <summary>The tracks of cooperation.</summary>
    public required IReadOnlyList<TrackConfig> Tracks { get; init; }

    /// <summary>The hotline channels.</summary>
    public required IReadOnlyList<ChannelConfig> Channels { get; init; }

    /// <summary>Deadlines and cadences.</summary>
    public DeadlineConfig Deadlines { get; init; } = DeadlineConfig.Default;

    /// <summary>The zones and their rules.</summary>
    public IReadOnlyList<ZoneReference> Zones { get; init; } = [];

    /// <summary>The confidence-building commitments.</summary>
    public IReadOnlyList<CommitmentReference> Commitments { get; init; } = [];

    /// <summary>Cooperation tiers and the promotion rule.</summary>
    public TierPolicy TierPolicy { get; init; } = TierPolicy.Default;

    /// <summary>Limits on submitted entries.</summary>
    public LimitsConfig Limits { get; init; } = LimitsConfig.Default;

    /// <summary>Incident categories, actors and the duplicate rule.</summary>
    public IncidentsConfig Incidents { get; init; } = IncidentsConfig.Default;

    /// <summary>The convener.</summary>
    /// <exception cref="InvalidOperationException">The configuration was not made by the loader and has no single convener.</exception>
    public PartyConfig Convener => Parties.Single(p => p.Kind == PartyKind.Convener);

    /// <summary>The party with this code, or null.</summary>
    public PartyConfig? FindParty(PartyCode code) => Parties.FirstOrDefault(p => p.Code == code);

    /// <summary>The parties of one kind, in configuration order.</summary>
    public IEnumerable<PartyConfig> PartiesOfKind(PartyKind kind) => Parties.Where(p => p.Kind == kind);

    /// <summary>The roles users of a party of this kind may hold; empty when the configuration gives none.</summary>
    public IReadOnlyList<Role> RolesFor(PartyKind kind) => Roles.TryGetValue(kind, out var roles) ? roles : [];

    /// <summary>The track with this code, or null.</summary>
    public TrackConfig? FindTrack(string code) => Tracks.FirstOrDefault(t => string.Equals(t.Code, code, StringComparison.Ordinal));

    /// <summary>The channel with this code, or null.</summary>
    public ChannelConfig? FindChannel(string code) => Channels.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.Ordinal));

    /// <summary>The zone with this code, or null.</summary>
    public ZoneReference? FindZone(string code) => Zones.FirstOrDefault(z => string.Equals(z.Code, code, StringComparison.Ordinal));

    /// <summary>The commitment with this code, or null.</summary>
    public CommitmentReference? FindCommitment(string code) => Commitments.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.Ordinal));

    /// <summary>
    /// True when an entry by <paramref name="author"/> may have every party in <paramref name="audience"/> in its
    /// audience (see <see cref="PartyConfig.MayAddress"/>). When false, <paramref name="refused"/> is the first
    /// code refused: an audience party not allowed or not in this mechanism, or the author itself when it is unknown.
    /// An empty audience is allowed.
    /// </summary>
    public bool MayAddress(PartyCode author, IEnumerable<PartyCode> audience, [NotNullWhen(false)] out PartyCode? refused)
    {
        ArgumentNullException.ThrowIfNull(audience);
        var party = FindParty(author);
        if (party is null)
        {
            refused = author;
            return false;
        }

        foreach (var code in audience)
        {
            if (!party.CanAddress(code) || FindParty(code) is null)
            {
                refused = code;
                return false;
            }
        }

        refused = null;
        return true;
    }
}
