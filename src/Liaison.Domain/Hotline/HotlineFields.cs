using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Hotline;

/// <summary>
/// Reads hotline fields from a JSON object; every missing or wrong field becomes a <c>payload-invalid</c> error naming it
/// by its path (<c>window.start</c>, <c>attachments[1].size</c>).
/// </summary>
internal static partial class HotlineFields
{
    public static Result<string> Text(JsonElement container, string name, int maxLength, string? path = null)
    {
        path ??= name;
        if (!container.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String)
        {
            return EntryErrors.InvalidField(path, "is required and must be a string");
        }

        var value = element.GetString()!;
        if (string.IsNullOrWhiteSpace(value))
        {
            return EntryErrors.InvalidField(path, "must not be blank");
        }

        return value.Length > maxLength ? EntryErrors.InvalidField(path, $"must be at most {maxLength} characters") : value;
    }

    public static Result<string> Slug(JsonElement container, string name, string? path = null)
    {
        path ??= name;
        var text = Text(container, name, 64, path);
        if (!text.IsSuccess)
        {
            return text.Error;
        }

        return SlugPattern().IsMatch(text.Value) ? text.Value : EntryErrors.InvalidField(path, "must be a lower-case code such as 'live-fire'");
    }

    public static Result<string> Lang(JsonElement container, string name)
    {
        var text = Text(container, name, 35);
        if (!text.IsSuccess)
        {
            return text.Error;
        }

        return LanguageTag().IsMatch(text.Value) ? text.Value : EntryErrors.InvalidField(name, "must be a BCP 47 language tag such as 'ar', 'he' or 'en'");
    }

    public static Result<long> Seq(JsonElement container, string name)
    {
        if (!container.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var seq) || seq < 0)
        {
            return EntryErrors.InvalidField(name, "is required and must be an entry's sequence number (an integer, 0 or more)");
        }

        return seq;
    }

    public static Result<long?> OptionalSeq(JsonElement container, string name)
    {
        if (!container.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return (long?)null;
        }

        var seq = Seq(container, name);
        return seq.IsSuccess ? (long?)seq.Value : seq.Error;
    }

    public static Result<PartyCode> Party(JsonElement container, string name)
    {
        if (!container.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String || !PartyCode.TryParse(element.GetString(), out var code))
        {
            return EntryErrors.InvalidField(name, "is required and must be a party code such as 'ISR'");
        }

        return code;
    }

    public static Result<DateTimeOffset> Time(JsonElement container, string name, string path)
    {
        if (!container.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String)
        {
            return EntryErrors.InvalidField(path, "is required and must be an RFC 3339 time such as 2026-01-06T09:00:00Z");
        }

        var text = element.GetString()!;
        var hasOffset = text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (!hasOffset || !DateTimeOffset.TryParseExact(text, ["yyyy-MM-ddTHH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return EntryErrors.InvalidField(path, "must be an RFC 3339 time with 'Z' or an offset, e.g. 2026-01-06T09:00:00Z");
        }

        return time;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();
}
