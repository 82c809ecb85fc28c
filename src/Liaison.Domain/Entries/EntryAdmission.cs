using Liaison.Domain.Common;
using Liaison.Domain.Keys;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Entries;

/// <summary>
/// The rules an entry submitted by a signed-in user must pass before it is sequenced, as pure functions.
/// The signature itself is checked between <see cref="CheckKey"/> and <see cref="CheckPayload"/> by the caller,
/// which holds the cryptography; nothing here reads a clock or a database.
/// </summary>
public static class EntryAdmission
{
    /// <summary>The signing key must be enrolled, not revoked, and belong to the signed-in user.</summary>
    public static Result<KeyState> CheckKey(string keyId, KeyState? key, Member user)
    {
        if (key is null)
        {
            return EntryErrors.UnknownKey(keyId);
        }

        switch (key.Status)
        {
            case KeyStatus.Pending:
                return EntryErrors.KeyPending(keyId);
            case KeyStatus.Revoked:
                return EntryErrors.RevokedKey(keyId, key.RevokedBySeq ?? -1);
            case KeyStatus.Enrolled:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(key), key.Status, "Not a key status.");
        }

        if (key.OwnerKind != KeyOwnerKind.User || key.Owner != user.UserName)
        {
            return EntryErrors.AuthorMismatch($"Key {keyId} belongs to '{key.Owner}', not to the signed-in user '{user.UserName}'.");
        }

        return key;
    }

    /// <summary>
    /// The payload must be for this mechanism, by the signed-in user, of a known type their role may author,
    /// addressed to parties their party may address (its own among them), with a client time close to
    /// <paramref name="now"/>, and with valid fields for its type.
    /// </summary>
    public static Result<EntryHeader> CheckPayload(EntryHeader header, Member user, MechanismConfig mechanism, DateTimeOffset now)
    {
        if (header.Mechanism != mechanism.Id)
        {
            return EntryErrors.WrongMechanism(header.Mechanism, mechanism.Id);
        }

        if (header.Author != user.UserName)
        {
            return EntryErrors.AuthorMismatch($"The payload's author is '{header.Author}' but the signed-in user is '{user.UserName}'.");
        }

        if (!EntryTypes.TryGet(header.Type, out var type))
        {
            return EntryErrors.UnknownType(header.Type);
        }

        if (!type.IsUserAuthored)
        {
            return EntryErrors.RoleForbidden(header.Type, $"'{header.Type}' entries are made by the mechanism itself, not submitted.");
        }

        if (!type.AuthorRoles.Overlaps(user.Roles))
        {
            var allowed = string.Join(", ", type.AuthorRoles.Select(r => r.Code()).Order(StringComparer.Ordinal));
            return EntryErrors.RoleForbidden(header.Type, $"'{header.Type}' may be made by {allowed}; '{user.UserName}' holds none of these roles.");
        }

        var audience = CheckAudience(header.Audience, user.Party, mechanism);
        if (!audience.IsSuccess)
        {
            return audience.Error;
        }

        if (type.AddressedToAll && mechanism.Parties.FirstOrDefault(p => !header.Audience.Contains(p.Code)) is { } missing)
        {
            return EntryErrors.AudienceForbidden(missing.Code.Value, $"'{header.Type}' entries are addressed to every party, so that each can check every signature; {missing.Code} is missing.");
        }

        var skew = (header.ClientTime - now).Duration();
        if (skew > mechanism.Limits.MaxClockSkew && !IsTimelyForwarded(header, now, mechanism.Limits))
        {
            return EntryErrors.ClockSkew(header.ClientTime, now, mechanism.Limits.MaxClockSkew);
        }

        var body = type.ValidateBody(header.Body);
        return body.IsSuccess ? header : body.Error;
    }

    /// <summary>
    /// A store-and-forward entry, signed while the server could not be reached: it says <c>"forwarded": true</c> and
    /// arrives within <see cref="LimitsConfig.MaxForwardDelay"/> of its client time, which is in the past. The record
    /// keeps both times, so the delay stays visible.
    /// </summary>
    public static bool IsTimelyForwarded(EntryHeader header, DateTimeOffset now, LimitsConfig limits) =>
        header.Body.TryGetProperty("forwarded", out var forwarded)
        && forwarded.ValueKind == System.Text.Json.JsonValueKind.True
        && header.ClientTime <= now
        && now - header.ClientTime <= limits.MaxForwardDelay;

    /// <summary>Every party in the audience must exist and be one the author's party may address; the author's own party must be in it.</summary>
    public static Result<Unit> CheckAudience(IReadOnlyList<PartyCode> audience, PartyCode authorParty, MechanismConfig mechanism)
    {
        var author = mechanism.FindParty(authorParty)
            ?? throw new InvalidOperationException($"The author's party {authorParty} is not in the mechanism; users are only created for configured parties.");

        foreach (var code in audience)
        {
            if (mechanism.FindParty(code) is null)
            {
                return EntryErrors.AudienceForbidden(code.Value, $"{code} is not a party to this mechanism.");
            }

            if (code != authorParty && !author.MayAddress.Contains(code))
            {
                return EntryErrors.AudienceForbidden(code.Value, $"{authorParty} may not address {code} in this mechanism.");
            }
        }

        if (!audience.Contains(authorParty))
        {
            return EntryErrors.AudienceForbidden(authorParty.Value, $"The audience must include the author's own party, {authorParty}.");
        }

        return Unit.Value;
    }
}
