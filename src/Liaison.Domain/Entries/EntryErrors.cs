using Liaison.Domain.Common;

namespace Liaison.Domain.Entries;

/// <summary>The ways an entry submission is refused; each code is a stable problem type.</summary>
public static class EntryErrors
{
    /// <summary>The submission envelope is not <c>{payload, keyId, sig}</c> with base64 values.</summary>
    public static Error MalformedEnvelope(string why) => new Error.Validation("entry-malformed", why);

    /// <summary>The payload is over the mechanism's size limit.</summary>
    public static Error PayloadTooLarge(int size, int limit) =>
        new Error.TooLarge("payload-too-large", $"The payload is {size} bytes; the limit is {limit}.") { Extensions = new Dictionary<string, object?> { ["size"] = size, ["limit"] = limit } };

    /// <summary>The payload is not a UTF-8 JSON object.</summary>
    public static Error MalformedJson(string why) => new Error.Validation("payload-malformed-json", $"The payload is not a JSON object: {why}");

    /// <summary>A required payload field is missing or wrong.</summary>
    public static Error InvalidField(string field, string why) =>
        new Error.Validation("payload-invalid", $"Payload field '{field}' {why}.") { Extensions = new Dictionary<string, object?> { ["field"] = field } };

    /// <summary>The payload's type is not one this mechanism knows.</summary>
    public static Error UnknownType(string type) =>
        new Error.Validation("unknown-payload-type", $"'{type}' is not a known entry type.") { Extensions = new Dictionary<string, object?> { ["entryType"] = type } };

    /// <summary>The payload names another mechanism.</summary>
    public static Error WrongMechanism(string named, string expected) =>
        new Error.Validation("wrong-mechanism", $"The payload is for mechanism '{named}', this is '{expected}'.");

    /// <summary>No key with this id is enrolled.</summary>
    public static Error UnknownKey(string keyId) =>
        new Error.Forbidden("unknown-key", $"Key {keyId} is not enrolled.") { Extensions = new Dictionary<string, object?> { ["keyId"] = keyId } };

    /// <summary>The key was requested but an administrator has not enrolled it yet.</summary>
    public static Error KeyPending(string keyId) =>
        new Error.Forbidden("key-not-enrolled", $"Key {keyId} is awaiting enrolment by an administrator of your party.") { Extensions = new Dictionary<string, object?> { ["keyId"] = keyId } };

    /// <summary>The key was revoked.</summary>
    public static Error RevokedKey(string keyId, long revokedAtSeq) =>
        new Error.Forbidden("revoked-key", $"Key {keyId} was revoked by entry {revokedAtSeq}.") { Extensions = new Dictionary<string, object?> { ["keyId"] = keyId, ["revokedBy"] = revokedAtSeq } };

    /// <summary>The signature does not verify against the key.</summary>
    public static Error BadSignature(string keyId) =>
        new Error.Validation("bad-signature", $"The signature does not verify with key {keyId}.") { Extensions = new Dictionary<string, object?> { ["keyId"] = keyId } };

    /// <summary>The key, the signed-in user and the payload's author are not the same person.</summary>
    public static Error AuthorMismatch(string why) => new Error.Forbidden("author-mismatch", why);

    /// <summary>The author may not address a party in the audience.</summary>
    public static Error AudienceForbidden(string party, string why) =>
        new Error.Forbidden("audience-forbidden", why) { Extensions = new Dictionary<string, object?> { ["party"] = party } };

    /// <summary>The author's role may not make this kind of entry.</summary>
    public static Error RoleForbidden(string type, string why) =>
        new Error.Forbidden("role-forbidden", why) { Extensions = new Dictionary<string, object?> { ["entryType"] = type } };

    /// <summary>The client's clock is too far from the server's.</summary>
    public static Error ClockSkew(DateTimeOffset clientTime, DateTimeOffset serverTime, TimeSpan allowed) =>
        new Error.Validation("clock-skew", $"clientTime {clientTime:O} is more than {allowed.TotalSeconds:0} s from the server's time {serverTime:O}.")
        {
            Extensions = new Dictionary<string, object?> { ["clientTime"] = clientTime, ["serverTime"] = serverTime, ["allowedSeconds"] = allowed.TotalSeconds },
        };

    /// <summary>The same signed payload was already accepted.</summary>
    public static Error Duplicate(long firstSeq) =>
        new Error.Conflict("duplicate-entry", $"This signed payload was already accepted as entry {firstSeq}.") { Extensions = new Dictionary<string, object?> { ["seq"] = firstSeq } };
}
