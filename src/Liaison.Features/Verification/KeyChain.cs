using System.Text.Json;
using Liaison.Domain.Entries;
using Liaison.Features.Entries;
using Liaison.Ledger.Crypto;

namespace Liaison.Features.Verification;

/// <summary>
/// The signing keys an audit has seen enrolled, built by feeding it entries in record order: the self-signed anchors
/// (<c>mechanism.establish</c>, each <c>party.root</c>), then each <c>key.enroll</c> signed by a party's root or member
/// key, and each <c>key.revoke</c>. <see cref="Check"/> verifies an entry's signature against the key the record enrolled
/// for its author, not revoked before it, then applies the entry's effect on the keys. Used by <c>liaison verify</c>
/// (<see cref="RecordAudit"/>) and by the offline check of a reconstruction bundle. Not thread-safe.
/// </summary>
public sealed class KeyChain
{
    private readonly Dictionary<string, ChainKey> _keys = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="keyId"/> was enrolled (so far) for <paramref name="author"/>.</summary>
    public bool IsEnrolledFor(string keyId, string author) => _keys.TryGetValue(keyId, out var key) && key.Owner == author;

    /// <summary>
    /// Checks <paramref name="entry"/>'s signature over <paramref name="payload"/> (its exact bytes) and its key's chain;
    /// null when it checks out, else what is wrong. Entries must come in record order.
    /// </summary>
    public string? Check(EntryView entry, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var document = JsonDocument.Parse(payload);
        var body = document.RootElement;
        var signature = Convert.FromBase64String(entry.Sig);
        var message = EntrySigning.SignedMessage(payload);

        // Self-certifying anchors: the server key and each party's root key sign their own publication.
        if (entry.Type is EntryTypes.MechanismEstablish or EntryTypes.PartyRoot)
        {
            var field = entry.Type == EntryTypes.MechanismEstablish ? "serverKey" : "publicKey";
            if (!Ed25519PublicKey.TryParseBase64(String(body, field), out var anchor) || KeyId.For(anchor!.Bytes).Value != entry.KeyId || !anchor.Verify(message, signature))
            {
                return $"the self-signed {entry.Type} does not verify with the key it publishes";
            }

            _keys[entry.KeyId] = new ChainKey(anchor, entry.Author, entry.Type == EntryTypes.PartyRoot ? entry.Author : "", null);
            return null;
        }

        if (!_keys.TryGetValue(entry.KeyId, out var key))
        {
            return $"key {entry.KeyId} has no enrolment in the record before this entry";
        }

        if (key.RevokedBySeq is { } revoked)
        {
            return $"key {entry.KeyId} was revoked by entry {revoked}, before this entry";
        }

        if (key.Owner != entry.Author)
        {
            return $"signed with the key of '{key.Owner}' but names '{entry.Author}' as author";
        }

        if (!key.PublicKey.Verify(message, signature))
        {
            return $"the signature does not verify with key {entry.KeyId}";
        }

        switch (entry.Type)
        {
            case EntryTypes.KeyEnroll:
                if (!Ed25519PublicKey.TryParseBase64(String(body, "publicKey"), out var enrolled) || String(body, "subject") is not { } subjectName)
                {
                    return "the enrolment names no valid key or subject";
                }

                if (key.Party.Length == 0)
                {
                    return "an enrolment must be signed by a party's root key or one of its members";
                }

                _keys[KeyId.For(enrolled!.Bytes).Value] = new ChainKey(enrolled, subjectName, key.Party, null);
                break;
            case EntryTypes.KeyRevoke:
                if (String(body, "keyId") is { } target && _keys.TryGetValue(target, out var revokedKey) && revokedKey.RevokedBySeq is null)
                {
                    _keys[target] = revokedKey with { RevokedBySeq = entry.Seq };
                }

                break;
            default:
                break;
        }

        return null;
    }

    private static string? String(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed record ChainKey(Ed25519PublicKey PublicKey, string Owner, string Party, long? RevokedBySeq);
}
