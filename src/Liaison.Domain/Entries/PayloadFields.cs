using System.Text.Json;
using Liaison.Domain.Common;

namespace Liaison.Domain.Entries;

/// <summary>Reads a type's own fields from a payload, turning each missing or wrong field into a <c>payload-invalid</c> error.</summary>
public static class PayloadFields
{
    /// <summary>A required, non-blank string of at most <paramref name="maxLength"/> characters.</summary>
    public static Result<string> RequiredString(JsonElement body, string name, int maxLength = 10_000)
    {
        if (!body.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String)
        {
            return EntryErrors.InvalidField(name, "is required and must be a string");
        }

        var value = element.GetString()!;
        if (string.IsNullOrWhiteSpace(value))
        {
            return EntryErrors.InvalidField(name, "must not be blank");
        }

        if (value.Length > maxLength)
        {
            return EntryErrors.InvalidField(name, $"must be at most {maxLength} characters");
        }

        return value;
    }

    /// <summary>A required string holding base64 of exactly <paramref name="length"/> bytes.</summary>
    public static Result<byte[]> RequiredBase64(JsonElement body, string name, int length)
    {
        var text = RequiredString(body, name, 1_000);
        if (!text.IsSuccess)
        {
            return text.Error;
        }

        var buffer = new byte[length + 3];
        if (!Convert.TryFromBase64String(text.Value, buffer, out var written) || written != length)
        {
            return EntryErrors.InvalidField(name, $"must be base64 of {length} bytes");
        }

        return buffer[..length];
    }
}
