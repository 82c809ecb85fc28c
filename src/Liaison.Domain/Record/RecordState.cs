using System.Security.Cryptography;
using System.Text.Json;
using Liaison.Domain.Keys;

namespace Liaison.Domain.Record;

/// <summary>A key as the record's projection holds it. Pending requests are not entries and never appear here.</summary>
public sealed record KeyProjection(string KeyId, string PublicKey, string Owner, KeyOwnerKind OwnerKind, string Party, KeyStatus Status, long? EnrolledBySeq, long? RevokedBySeq);

/// <summary>
/// The state a viewer derives from the entries it may read: the record's size and every signing key. Its
/// <see cref="Digest"/> is SHA-256 over a canonical JSON form (keys ordered by id, fixed property order), so two
/// computations of the same state, anywhere, give the same hex string.
/// </summary>
public sealed record RecordState(string Mechanism, long Size, IReadOnlyList<KeyProjection> Keys)
{
    /// <summary>Lower-case hex SHA-256 of the canonical form.</summary>
    public string Digest()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("mechanism", Mechanism);
            json.WriteNumber("size", Size);
            json.WriteStartArray("keys");
            foreach (var key in Keys.OrderBy(k => k.KeyId, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("keyId", key.KeyId);
                json.WriteString("publicKey", key.PublicKey);
                json.WriteString("owner", key.Owner);
                json.WriteString("ownerKind", key.OwnerKind.ToString());
                json.WriteString("party", key.Party);
                json.WriteString("status", key.Status.ToString());
                WriteNumberOrNull(json, "enrolledBySeq", key.EnrolledBySeq);
                WriteNumberOrNull(json, "revokedBySeq", key.RevokedBySeq);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
