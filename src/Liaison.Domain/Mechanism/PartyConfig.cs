using Liaison.Domain.Parties;

namespace Liaison.Domain.Mechanism;

/// <summary>
/// A party of the mechanism as configured. <see cref="MayAddress"/> lists the parties whose members an entry
/// by this party may have in its audience; the party's own code is always allowed whether listed or not.
/// <see cref="Languages"/> are BCP 47 language tags (<c>he</c>, <c>ar</c>, <c>en</c>), preferred first.
/// The loader guarantees every code named here is a party of the same configuration.
/// </summary>
public sealed record PartyConfig(PartyCode Code, string Name, PartyKind Kind, IReadOnlyList<PartyCode> MayAddress, IReadOnlyList<string> Languages)
{
    /// <summary>True when an entry by this party may have members of <paramref name="other"/> in its audience.</summary>
    public bool CanAddress(PartyCode other) => other == Code || MayAddress.Contains(other);
}
