using System.Text.Json;
using Liaison.Domain.Entries;
using Liaison.Domain.Keys;

namespace Liaison.Domain.Record;

/// <summary>
/// One entry as replay reads it: its position, leaf fields (the server's time among them), and payload when the viewer
/// may read it (else null).
/// </summary>
public sealed record ReplayEntry(long Seq, string Type, string Author, string KeyId, byte[]? Payload, DateTimeOffset ServerTime = default);

/// <summary>
/// Recomputes the record's state from its entries alone, in sequence order: the server key from
/// <c>mechanism.establish</c>, each party's root key from <c>party.root</c>, user keys from <c>key.enroll</c> (in the party
/// of the key that signed the enrolment) and their revocations. Pure and deterministic: whoever replays the same entries
/// gets the same <see cref="RecordState.Digest"/>.
/// </summary>
public static class RecordReplay
{
    /// <param name="mechanism">The mechanism id.</param>
    /// <param name="convener">The convener's party code, the party of the server key.</param>
    /// <param name="entries">Every entry of the record, in any order.</param>
    public static RecordState Replay(string mechanism, string convener, IEnumerable<ReplayEntry> entries) =>
        Replay(mechanism, convener, entries, signed: null);

    /// <summary>
    /// Replays the keys as <see cref="Replay(string, string, IEnumerable{ReplayEntry})"/> does and, for each entry in
    /// sequence order, tells <paramref name="signed"/> the key that signed it as the entries up to and including it
    /// made it (null when no entry the viewer may read published that key).
    /// </summary>
    public static RecordState Replay(string mechanism, string convener, IEnumerable<ReplayEntry> entries, Action<ReplayEntry, KeyProjection?>? signed)
    {
        var keys = new Dictionary<string, KeyProjection>(StringComparer.Ordinal);
        var size = 0L;
        foreach (var entry in entries.OrderBy(e => e.Seq))
        {
            size = Math.Max(size, entry.Seq + 1);
            if (entry.Payload is null)
            {
                signed?.Invoke(entry, keys.GetValueOrDefault(entry.KeyId));
                continue;
            }

            using var document = JsonDocument.Parse(entry.Payload);
            var body = document.RootElement;
            switch (entry.Type)
            {
                case EntryTypes.MechanismEstablish when Text(body, "serverKey") is { } serverKey:
                    keys[entry.KeyId] = new KeyProjection(entry.KeyId, serverKey, entry.Author, KeyOwnerKind.Server, convener, KeyStatus.Enrolled, entry.Seq, null);
                    break;
                case EntryTypes.PartyRoot when Text(body, "publicKey") is { } rootKey:
                    keys[entry.KeyId] = new KeyProjection(entry.KeyId, rootKey, entry.Author, KeyOwnerKind.PartyRoot, entry.Author, KeyStatus.Enrolled, entry.Seq, null);
                    break;
                case EntryTypes.KeyEnroll when Text(body, "keyId") is { } keyId && Text(body, "publicKey") is { } publicKey && Text(body, "subject") is { } subject:
                    var party = keys.TryGetValue(entry.KeyId, out var enroller) ? enroller.Party : string.Empty;
                    keys[keyId] = new KeyProjection(keyId, publicKey, subject, KeyOwnerKind.User, party, KeyStatus.Enrolled, entry.Seq, null);
                    break;
                case EntryTypes.KeyRevoke when Text(body, "keyId") is { } revoked && keys.TryGetValue(revoked, out var target) && target.RevokedBySeq is null:
                    keys[revoked] = target with { Status = KeyStatus.Revoked, RevokedBySeq = entry.Seq };
                    break;
                default:
                    break;
            }

            signed?.Invoke(entry, keys.GetValueOrDefault(entry.KeyId));
        }

        return new RecordState(mechanism, size, keys.Values.ToList());
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
