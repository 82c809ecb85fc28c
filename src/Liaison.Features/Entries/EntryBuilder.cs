using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Domain.Entries;
using Liaison.Ledger.Crypto;

namespace Liaison.Features.Entries;

/// <summary>A payload and its signature, ready to submit as <c>{payload, keyId, sig}</c>.</summary>
public sealed record SignedEntry(byte[] Payload, string KeyId, byte[] Signature)
{
    /// <summary>The submission envelope.</summary>
    public SubmitEntryRequest ToRequest() => new(Convert.ToBase64String(Payload), KeyId, Convert.ToBase64String(Signature));
}

/// <summary>Builds entry payloads (the common header, then the type's fields) and signs them, for the CLI, bootstrap and tests.</summary>
public static class EntryBuilder
{
    // Text in any script is written as UTF-8, not \u escapes, so the signed bytes hold it exactly as written.
    private static readonly JsonSerializerOptions PayloadJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The payload bytes: a JSON object with <c>type</c>, <c>mechanism</c>, <c>author</c>, <c>audience</c> and
    /// <c>clientTime</c> (UTC, milliseconds) followed by <paramref name="fields"/>, which must not repeat those names.
    /// </summary>
    public static byte[] Payload(string type, string mechanism, string author, IEnumerable<string> audience, DateTimeOffset clientTime, JsonObject? fields = null)
    {
        var payload = new JsonObject
        {
            ["type"] = type,
            ["mechanism"] = mechanism,
            ["author"] = author,
            ["audience"] = new JsonArray(audience.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
            ["clientTime"] = FormatTime(clientTime),
        };
        foreach (var (name, value) in fields ?? [])
        {
            if (payload.ContainsKey(name))
            {
                throw new ArgumentException($"'{name}' is a header field and cannot be set among the type's fields.", nameof(fields));
            }

            payload[name] = value?.DeepClone();
        }

        return JsonSerializer.SerializeToUtf8Bytes(payload, PayloadJson);
    }

    /// <summary>Signs payload bytes as they are.</summary>
    public static SignedEntry Sign(byte[] payload, Ed25519PrivateKey key) =>
        new(payload, KeyId.For(key.PublicKey.Bytes).Value, key.Sign(EntrySigning.SignedMessage(payload)));

    /// <summary>RFC 3339 in UTC with milliseconds, as entries carry times.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
