using System.Text.Json.Nodes;
using Liaison.Domain.Geo;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Zones;

namespace Liaison.Features.Notices;

/// <summary>
/// The mechanism's zones, and notices with them, as RFC 7946 FeatureCollections: each zone a feature with its code as
/// id, its kind, rules, source file and attribution (sources disagree on the Golan: every line says where it comes from).
/// </summary>
public static class ZoneCollection
{
    /// <summary>The zones as a FeatureCollection.</summary>
    public static JsonObject Zones(ZoneAtlas atlas) => Collection(atlas.Zones.Select(Feature));

    /// <summary>Notices (properties: the view without its area) and the zones, as one FeatureCollection.</summary>
    public static JsonObject Export(IEnumerable<NoticeView> notices, ZoneAtlas atlas) =>
        Collection(notices.Select(Feature).Concat(atlas.Zones.Select(Feature)));

    /// <summary>A zone as a Feature.</summary>
    public static JsonObject Feature(Zone zone)
    {
        var rules = zone.Rules;
        return new JsonObject
        {
            ["type"] = "Feature",
            ["id"] = zone.Code,
            ["geometry"] = GeoJsonWriter.ToNode(zone.Geometry),
            ["properties"] = new JsonObject
            {
                ["featureType"] = "zone",
                ["code"] = zone.Code,
                ["name"] = zone.Reference.Name,
                ["kind"] = zone.Kind.Code(),
                ["rules"] = new JsonObject
                {
                    ["maxTroops"] = rules.MaxTroops,
                    ["maxTanks"] = rules.MaxTanks,
                    ["maxArtillery"] = rules.MaxArtillery,
                    ["bannedAssetClasses"] = new JsonArray([.. rules.BannedAssetClasses.Select(c => (JsonNode)c)]),
                    ["depthBandKm"] = rules.DepthBandKm is { } band ? new JsonObject { ["from"] = band.FromKm, ["to"] = band.ToKm } : null,
                },
                ["source"] = zone.Reference.Source,
                ["attribution"] = zone.Reference.Attribution,
            },
        };
    }

    private static JsonObject Feature(NoticeView notice)
    {
        var properties = System.Text.Json.JsonSerializer.SerializeToNode(notice with { Area = new JsonObject() }, System.Text.Json.JsonSerializerOptions.Web)!.AsObject();
        properties.Remove("area");
        properties["featureType"] = "notice";
        return new JsonObject
        {
            ["type"] = "Feature",
            ["id"] = notice.Id,
            ["geometry"] = notice.Area.DeepClone(),
            ["properties"] = properties,
        };
    }

    private static JsonObject Collection(IEnumerable<JsonObject> features) =>
        new() { ["type"] = "FeatureCollection", ["features"] = new JsonArray([.. features]) };
}
