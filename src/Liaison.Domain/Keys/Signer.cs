using Liaison.Domain.Parties;

namespace Liaison.Domain.Keys;

/// <summary>Who signed an entry, as the key rules need it: a user with roles, a party's root key, or the server.</summary>
public sealed record Signer(string Name, KeyOwnerKind Kind, PartyCode Party, IReadOnlySet<Role> Roles)
{
    /// <summary>A signed-in user.</summary>
    public static Signer ForMember(Member member) => new(member.UserName, KeyOwnerKind.User, member.Party, member.Roles);

    /// <summary>A party's root key.</summary>
    public static Signer ForRoot(PartyCode party) => new(party.Value, KeyOwnerKind.PartyRoot, party, new HashSet<Role>());

    /// <summary>True when this signer may manage the keys of <paramref name="party"/>: its root key or one of its administrators.</summary>
    public bool AdministersKeysOf(PartyCode party) =>
        Party == party && (Kind == KeyOwnerKind.PartyRoot || (Kind == KeyOwnerKind.User && Roles.Contains(Role.Administrator)));
}
