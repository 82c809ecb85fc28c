using Liaison.Domain.Common;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Zones;

namespace Liaison.Features.Notices;

/// <summary>Reads a configuration's zone files from disk into a <see cref="ZoneAtlas"/>: the server at start-up and <c>liaison config check</c> alike.</summary>
public static class ZoneFiles
{
    /// <summary>The zones of <paramref name="config"/>; fails naming the zone and file when one is missing or invalid.</summary>
    public static Result<ZoneAtlas> Load(MechanismConfig config) =>
        ZoneAtlas.Build(config.Zones, z => z.SourcePath is { } path && File.Exists(path) ? File.ReadAllText(path) : null);
}
