using System.Security.Cryptography;
using System.Text.Json;
using Liaison.Domain.Common;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Zones;

namespace Liaison.Features.Notices;

/// <summary>
/// Reads a configuration's zone files from disk into a <see cref="ZoneAtlas"/>: the server at start-up and <c>liaison config check</c> alike.
/// The zones decide notices' conflicts, so the <c>mechanism.establish</c> entry records each file's SHA-256 beside the
/// configuration's (<see cref="RecordedField"/>), and the server and <c>liaison replay</c> refuse zone files that differ.
/// </summary>
public static class ZoneFiles
{
    /// <summary>The establish entry's field: the SHA-256 of each zone file, by its source path as the configuration writes it.</summary>
    public const string RecordedField = "zoneFilesSha256";

    /// <summary>The zones of <paramref name="config"/>; fails naming the zone and file when one is missing or invalid.</summary>
    public static Result<ZoneAtlas> Load(MechanismConfig config) =>
        ZoneAtlas.Build(config.Zones, z => z.SourcePath is { } path && File.Exists(path) ? File.ReadAllText(path) : null);

    /// <summary>The SHA-256 (lower-case hex) of each zone file of <paramref name="config"/>, by source, in ordinal order; empty for a missing file.</summary>
    public static SortedDictionary<string, string> Digests(MechanismConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var digests = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var zone in config.Zones)
        {
            digests[zone.Source] = zone.SourcePath is { } path && File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) : string.Empty;
        }

        return digests;
    }

    /// <summary>
    /// Checks the zone files of <paramref name="config"/> against the digests the establish entry's body records; a body
    /// without them (a record established before they were recorded) passes.
    /// </summary>
    public static Result<Unit> CheckRecorded(MechanismConfig config, JsonElement establishBody)
    {
        if (establishBody.ValueKind != JsonValueKind.Object || !establishBody.TryGetProperty(RecordedField, out var recorded) || recorded.ValueKind != JsonValueKind.Object)
        {
            return Unit.Value;
        }

        var actual = Digests(config);
        foreach (var (source, sha256) in actual)
        {
            var expected = recorded.TryGetProperty(source, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (expected != sha256)
            {
                return new Error.Conflict("zones-changed", expected is null
                    ? $"Zone file {source} was not part of the configuration the mechanism was established with."
                    : $"Zone file {source} is not the one the mechanism was established with (SHA-256 {(sha256.Length == 0 ? "none: the file is missing" : sha256)}, recorded {expected}).");
            }
        }

        foreach (var source in recorded.EnumerateObject().Select(p => p.Name).Where(s => !actual.ContainsKey(s)))
        {
            return new Error.Conflict("zones-changed", $"Zone file {source}, recorded when the mechanism was established, is not in the configuration.");
        }

        return Unit.Value;
    }
}
