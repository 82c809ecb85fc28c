using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Domain.Record;

/// <summary>
/// The canonical bytes of a JSON value, so that two computations of the same value give the same SHA-256: object members
/// sorted by name (ordinal) at every depth, array order kept, no whitespace, strings and numbers as
/// <see cref="Utf8JsonWriter"/> writes them (non-ASCII escaped as <c>\uXXXX</c>, numbers in their shortest round-trip form).
/// </summary>
public static class CanonicalJson
{
    /// <summary>The canonical UTF-8 bytes of <paramref name="node"/>.</summary>
    public static byte[] Encode(JsonNode? node)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json, node);
        }

        return buffer.ToArray();
    }

    /// <summary>Lower-case hex SHA-256 of the canonical bytes of <paramref name="node"/>.</summary>
    public static string Sha256(JsonNode? node) => Convert.ToHexStringLower(SHA256.HashData(Encode(node)));

    private static void Write(Utf8JsonWriter json, JsonNode? node)
    {
        switch (node)
        {
            case null:
                json.WriteNullValue();
                break;
            case JsonObject members:
                json.WriteStartObject();
                foreach (var (name, value) in members.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    json.WritePropertyName(name);
                    Write(json, value);
                }

                json.WriteEndObject();
                break;
            case JsonArray items:
                json.WriteStartArray();
                foreach (var item in items)
                {
                    Write(json, item);
                }

                json.WriteEndArray();
                break;
            default:
                node.WriteTo(json);
                break;
        }
    }
}
