using Liaison.Domain.Mechanism;
using Liaison.Domain.Tests.Mechanism;
using Liaison.Domain.Zones;

namespace Liaison.Domain.Tests.Notices;

/// <summary>The demo configuration and its zones, read once from the repository's config folder.</summary>
internal static class DemoZones
{
    private static readonly Lazy<(MechanismConfig Config, ZoneAtlas Atlas)> Loaded = new(() =>
    {
        var config = MechanismConfigLoader.Load(ConfigFixtures.DemoPath);
        Assert.True(config.IsSuccess, config.IsSuccess ? null : config.Error.Detail);
        var atlas = ZoneAtlas.Build(config.Value.Zones, z => File.ReadAllText(z.SourcePath!));
        Assert.True(atlas.IsSuccess, atlas.IsSuccess ? null : atlas.Error.Detail);
        return (config.Value, atlas.Value);
    });

    public static MechanismConfig Config => Loaded.Value.Config;

    public static ZoneAtlas Atlas => Loaded.Value.Atlas;
}
