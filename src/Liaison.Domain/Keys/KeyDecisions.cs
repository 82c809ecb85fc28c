using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Keys;

/// <summary>A key enrolment the record accepts: from now on signatures by <see cref="Id"/> count as <see cref="Subject"/>'s.</summary>
public sealed record KeyEnrolled(KeyId Id, string Subject, PartyCode Party, byte[] PublicKey);

/// <summary>A key revocation the record accepts.</summary>
public sealed record KeyRevoked(KeyId Id, string Reason);

/// <summary>The rules of key enrolment and revocation, as pure functions of the entry, its signer and the current keys.</summary>
public static class KeyDecisions
{
    /// <summary>
    /// An administrator (or the root key) of a party enrols a key for one of that party's users. The key may
    /// have been requested by its holder (pending) or be new to the record; a key already enrolled or revoked,
    /// or requested by someone else, is refused.
    /// </summary>
    public static Result<KeyEnrolled> Enroll(EntryHeader entry, Signer signer, Member? subject, KeyState? existing)
    {
        var subjectName = entry.Body.GetProperty("subject").GetString()!;
        var publicKey = PayloadFields.RequiredBase64(entry.Body, "publicKey", 32);
        if (!publicKey.IsSuccess)
        {
            return publicKey.Error;
        }

        var keyId = KeyId.For(publicKey.Value);
        if (subject is null)
        {
            return new Error.NotFound("unknown-user", $"There is no user '{subjectName}'.");
        }

        if (!signer.AdministersKeysOf(subject.Party))
        {
            return new Error.Forbidden("enrolment-forbidden", $"'{signer.Name}' may not enrol keys for '{subject.UserName}' of {subject.Party}: only that party's administrators may.");
        }

        return existing switch
        {
            null => new KeyEnrolled(keyId, subject.UserName, subject.Party, publicKey.Value),
            { Status: KeyStatus.Pending } when existing.Owner == subject.UserName => new KeyEnrolled(keyId, subject.UserName, subject.Party, publicKey.Value),
            { Status: KeyStatus.Pending } => new Error.Conflict("key-claimed", $"Key {keyId} was requested by '{existing.Owner}', not '{subject.UserName}'."),
            { Status: KeyStatus.Enrolled } => new Error.Conflict("key-already-enrolled", $"Key {keyId} is already enrolled for '{existing.Owner}' by entry {existing.EnrolledBySeq}."),
            { Status: KeyStatus.Revoked } => new Error.Conflict("key-revoked", $"Key {keyId} was revoked by entry {existing.RevokedBySeq} and cannot be enrolled again."),
            _ => throw new ArgumentOutOfRangeException(nameof(existing), existing.Status, "Not a key status."),
        };
    }

    /// <summary>
    /// A key's holder, or an administrator (or the root key) of its party, revokes it. Root and server keys are
    /// not revoked by entries; a key already revoked stays revoked by its first revocation.
    /// </summary>
    public static Result<KeyRevoked> Revoke(EntryHeader entry, Signer signer, KeyState? target)
    {
        var keyIdText = entry.Body.GetProperty("keyId").GetString()!;
        var reason = entry.Body.GetProperty("reason").GetString()!;
        if (target is null)
        {
            return new Error.NotFound("key-not-found", $"Key {keyIdText} is not known to the record.");
        }

        if (target.OwnerKind != KeyOwnerKind.User)
        {
            return new Error.Forbidden("revocation-forbidden", $"Key {keyIdText} is a {target.OwnerKind} key; only user keys are revoked by entries.");
        }

        var isHolder = signer.Kind == KeyOwnerKind.User && signer.Name == target.Owner;
        if (!isHolder && !signer.AdministersKeysOf(target.Party))
        {
            return new Error.Forbidden("revocation-forbidden", $"'{signer.Name}' may not revoke key {keyIdText} of '{target.Owner}': only its holder or an administrator of {target.Party} may.");
        }

        if (target.Status == KeyStatus.Revoked)
        {
            return new Error.Conflict("key-already-revoked", $"Key {keyIdText} was already revoked by entry {target.RevokedBySeq}.");
        }

        return new KeyRevoked(target.Id, reason);
    }
}
