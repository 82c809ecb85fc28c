using System.Text.Json;
using Liaison.Domain.Entries;

namespace Liaison.Features.Entries;

/// <summary>One line saying what an entry says, for lists in the UI and the CLI; text stays exactly as written, in any script.</summary>
public static class EntrySummary
{
    /// <summary>The summary and the payload's language tag, if it has one.</summary>
    public static (string Text, string? Lang) Describe(EntryView entry)
    {
        if (entry.Payload is null)
        {
            return ("(not addressed to your party)", null);
        }

        using var payload = JsonDocument.Parse(Convert.FromBase64String(entry.Payload));
        var root = payload.RootElement;
        var text = entry.Type switch
        {
            EntryTypes.StatementIssue => $"{Field(root, "subject")} — {Field(root, "body")}",
            EntryTypes.KeyEnroll => $"enrols key {Field(root, "keyId")} for {Field(root, "subject")}",
            EntryTypes.KeyRevoke => $"revokes key {Field(root, "keyId")}: {Field(root, "reason")}",
            EntryTypes.PartyRoot => $"publishes the root key of {entry.Author}",
            EntryTypes.MechanismEstablish => $"establishes {Field(root, "name")} (configuration SHA-256 {Field(root, "configSha256")})",
            _ => Field(root, "subject") ?? entry.Type,
        };
        return (text, Field(root, "lang"));
    }

    private static string? Field(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
