using Liaison.Domain.Entries;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Keys;

/// <summary>Whose a key is: a user's, a party's root key, or the mechanism server's own key.</summary>
public enum KeyOwnerKind
{
    /// <summary>A person's signing key, enrolled by an administrator of their party.</summary>
    User,

    /// <summary>A party's root key: it anchors the party's enrolment chain and is kept offline.</summary>
    PartyRoot,

    /// <summary>The mechanism server's key, for entries the server makes itself.</summary>
    Server,
}

/// <summary>Where a key is in its life.</summary>
public enum KeyStatus
{
    /// <summary>Requested by its holder, not yet enrolled: it signs nothing.</summary>
    Pending,

    /// <summary>Enrolled by an entry: signatures by it are accepted.</summary>
    Enrolled,

    /// <summary>Revoked by an entry: signatures by it are refused from then on.</summary>
    Revoked,
}

/// <summary>
/// A key as the joint record knows it. <see cref="Owner"/> is a user name for user keys and the party code
/// for root keys. <see cref="EnrolledBySeq"/> and <see cref="RevokedBySeq"/> are the entries that did it.
/// </summary>
public sealed record KeyState(
    KeyId Id,
    string Owner,
    KeyOwnerKind OwnerKind,
    PartyCode Party,
    KeyStatus Status,
    long? EnrolledBySeq,
    long? RevokedBySeq);
