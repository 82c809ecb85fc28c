using System.Text.Json;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Entries;

/// <summary>
/// The fields every entry payload carries, parsed from the signed JSON, and the payload's own element
/// for the type's fields. <see cref="ClientTime"/> is the author's clock (UTC offset preserved), never the server's.
/// </summary>
public sealed record EntryHeader(
    string Type,
    string Mechanism,
    string Author,
    IReadOnlyList<PartyCode> Audience,
    DateTimeOffset ClientTime,
    JsonElement Body);
