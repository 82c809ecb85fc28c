using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Liaison.Domain.Common;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Entries;

/// <summary>Parses the common fields of a signed payload. Pure: the bytes in, a header or the first problem out.</summary>
public static partial class EntryPayload
{
    /// <summary>Reads <paramref name="payload"/> as UTF-8 JSON and extracts the common header.</summary>
    /// <remarks>The returned header's <see cref="EntryHeader.Body"/> is a clone, independent of the input buffer.</remarks>
    public static Result<EntryHeader> Parse(ReadOnlySpan<byte> payload)
    {
        if (!Utf8.IsValid(payload))
        {
            return EntryErrors.MalformedJson("it is not valid UTF-8.");
        }

        JsonElement root;
        try
        {
            // Duplicate names are refused: a signer and a reader must never see different values for one field.
            var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64, AllowDuplicateProperties = false };
            using var document = JsonDocument.Parse(payload.ToArray(), options);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return EntryErrors.MalformedJson(ex.Message);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return EntryErrors.MalformedJson($"the top level is {root.ValueKind}, not an object.");
        }

        if (!TryString(root, "type", out var type) || !TypePattern().IsMatch(type))
        {
            return EntryErrors.InvalidField("type", "must be a dotted lower-case name such as 'statement.issue'");
        }

        if (!TryString(root, "mechanism", out var mechanism) || mechanism.Length == 0)
        {
            return EntryErrors.InvalidField("mechanism", "must name the mechanism");
        }

        if (!TryString(root, "author", out var author) || author.Length == 0)
        {
            return EntryErrors.InvalidField("author", "must name the author");
        }

        if (!root.TryGetProperty("audience", out var audienceElement) || audienceElement.ValueKind != JsonValueKind.Array || audienceElement.GetArrayLength() == 0)
        {
            return EntryErrors.InvalidField("audience", "must be a non-empty array of party codes");
        }

        var audience = new List<PartyCode>();
        foreach (var item in audienceElement.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !PartyCode.TryParse(item.GetString(), out var code))
            {
                return EntryErrors.InvalidField("audience", "must hold party codes such as 'ISR'");
            }

            if (audience.Contains(code))
            {
                return EntryErrors.InvalidField("audience", $"names {code} twice");
            }

            audience.Add(code);
        }

        if (!TryString(root, "clientTime", out var clientTimeText)
            || !DateTimeOffset.TryParseExact(clientTimeText, ["yyyy-MM-ddTHH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clientTime)
            || !HasExplicitOffset(clientTimeText))
        {
            return EntryErrors.InvalidField("clientTime", "must be an RFC 3339 time with 'Z' or an offset, e.g. 2026-01-06T09:00:00Z");
        }

        return new EntryHeader(type, mechanism, author, audience, clientTime, root);
    }

    private static bool TryString(JsonElement root, string name, out string value)
    {
        if (root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String)
        {
            value = element.GetString()!;
            return true;
        }

        value = string.Empty;
        return false;
    }

    private static bool HasExplicitOffset(string text) =>
        text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    [GeneratedRegex("^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$", RegexOptions.CultureInvariant)]
    private static partial Regex TypePattern();
}
