using System.Globalization;
using System.Text.Json;
using Liaison.Domain.Common;
using NetTopologySuite.Geometries;

namespace Liaison.Domain.Geo;

/// <summary>
/// A feature read from GeoJSON: its geometry (null when the document says <c>null</c>) and its properties (an object,
/// or null), kept as written so the source of every geometry stays with it.
/// </summary>
public sealed record GeoFeature(Geometry? Geometry, JsonElement? Properties, string? Id);

/// <summary>
/// Reads GeoJSON (RFC 7946) strictly into NetTopologySuite geometries, in longitude/latitude (WGS 84). Pure.
/// What it refuses, each with the JSON path of the first fault: a member of the wrong type or case (<c>"type"</c> is
/// case-sensitive), a missing <c>coordinates</c>, <c>geometries</c>, <c>features</c>, <c>geometry</c> or
/// <c>properties</c> member, coordinates nested too shallow or too deep, a position that is not 2 or 3 numbers, a
/// longitude outside [-180, 180] or a latitude outside [-90, 90], a line of fewer than 2 positions, a linear ring of
/// fewer than 4 positions or not closed, a <c>bbox</c> that is not 4 or 6 numbers, a null member of
/// <c>features</c> or <c>geometries</c>, and a <c>crs</c> member naming anything but WGS 84 longitude/latitude
/// (RFC 7946 removed <c>crs</c>; a document that needs one is not in the coordinates Liaison reads).
/// What it accepts as written: a third coordinate (elevation, dropped: areas are 2-D and altitude is a field of its
/// own), any number of decimals, rings in either orientation (see <see cref="NoticeArea"/> for normalisation),
/// empty coordinate arrays (empty geometries; whoever needs an area refuses them), and members it does not know.
/// </summary>
public static class GeoJsonReader
{
    /// <summary>The factory every geometry is made with: floating precision, SRID 4326.</summary>
    public static GeometryFactory Factory { get; } = new(new PrecisionModel(), 4326);

    /// <summary>Reads a GeoJSON geometry object.</summary>
    public static Result<Geometry> ReadGeometry(JsonElement element, string path = "$")
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return GeoErrors.Structure(path, "a geometry is a JSON object");
        }

        var crs = CheckCrs(element, path);
        if (crs is not null)
        {
            return crs;
        }

        var type = TypeOf(element, path);
        if (!type.IsSuccess)
        {
            return type.Error;
        }

        var bbox = CheckBbox(element, path);
        if (bbox is not null)
        {
            return bbox;
        }

        if (type.Value == "GeometryCollection")
        {
            if (!element.TryGetProperty("geometries", out var geometries) || geometries.ValueKind != JsonValueKind.Array)
            {
                return GeoErrors.Structure(path, "a GeometryCollection has a 'geometries' array");
            }

            var parts = new List<Geometry>();
            var index = 0;
            foreach (var item in geometries.EnumerateArray())
            {
                var part = ReadGeometry(item, $"{path}.geometries[{index}]");
                if (!part.IsSuccess)
                {
                    return part.Error;
                }

                parts.Add(part.Value);
                index++;
            }

            return Factory.CreateGeometryCollection([.. parts]);
        }

        if (!element.TryGetProperty("coordinates", out var coordinates))
        {
            return type.Value is "Point" or "MultiPoint" or "LineString" or "MultiLineString" or "Polygon" or "MultiPolygon"
                ? GeoErrors.Structure(path, $"a {type.Value} has a 'coordinates' member")
                : GeoErrors.Structure($"{path}.type", $"'{type.Value}' is not a GeoJSON geometry type (they are Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon and GeometryCollection, case-sensitive)");
        }

        var at = $"{path}.coordinates";
        return type.Value switch
        {
            "Point" => Position(coordinates, at).Map(c => (Geometry)Factory.CreatePoint(c)),
            "MultiPoint" => Positions(coordinates, at, 0).Map(cs => (Geometry)Factory.CreateMultiPointFromCoords(cs)),
            "LineString" => Line(coordinates, at).Map(cs => (Geometry)Factory.CreateLineString(cs)),
            "MultiLineString" => Many(coordinates, at, Line).Map(lines => (Geometry)Factory.CreateMultiLineString([.. lines.Select(Factory.CreateLineString)])),
            "Polygon" => Polygon(coordinates, at).Map(p => (Geometry)p),
            "MultiPolygon" => Many(coordinates, at, Polygon).Map(ps => (Geometry)Factory.CreateMultiPolygon([.. ps])),
            _ => GeoErrors.Structure($"{path}.type", $"'{type.Value}' is not a GeoJSON geometry type (they are Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon and GeometryCollection, case-sensitive)"),
        };
    }

    /// <summary>Reads any GeoJSON object (a geometry, a Feature or a FeatureCollection) as a list of features.</summary>
    public static Result<IReadOnlyList<GeoFeature>> ReadFeatures(JsonElement element, string path = "$")
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return GeoErrors.Structure(path, "a GeoJSON object is a JSON object");
        }

        var type = TypeOf(element, path);
        if (!type.IsSuccess)
        {
            return type.Error;
        }

        switch (type.Value)
        {
            case "FeatureCollection":
                {
                    var crs = CheckCrs(element, path) ?? CheckBbox(element, path);
                    if (crs is not null)
                    {
                        return crs;
                    }

                    if (!element.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
                    {
                        return GeoErrors.Structure(path, "a FeatureCollection has a 'features' array");
                    }

                    var list = new List<GeoFeature>();
                    var index = 0;
                    foreach (var item in features.EnumerateArray())
                    {
                        var at = $"{path}.features[{index}]";
                        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("type", out var itemType)
                            || itemType.ValueKind != JsonValueKind.String || itemType.GetString() != "Feature")
                        {
                            return GeoErrors.Structure(at, "each member of 'features' is a Feature object");
                        }

                        var feature = ReadFeature(item, at);
                        if (!feature.IsSuccess)
                        {
                            return feature.Error;
                        }

                        list.Add(feature.Value);
                        index++;
                    }

                    return list;
                }

            case "Feature":
                return ReadFeature(element, path).Map(f => (IReadOnlyList<GeoFeature>)[f]);
            default:
                return ReadGeometry(element, path).Map(g => (IReadOnlyList<GeoFeature>)[new GeoFeature(g, null, null)]);
        }
    }

    /// <summary>Parses GeoJSON text (see <see cref="ReadFeatures(JsonElement, string)"/>).</summary>
    public static Result<IReadOnlyList<GeoFeature>> ReadFeatures(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return ReadFeatures(document.RootElement.Clone());
        }
        catch (JsonException exception)
        {
            return GeoErrors.Structure("$", $"not JSON ({exception.Message})");
        }
    }

    private static Result<GeoFeature> ReadFeature(JsonElement element, string path)
    {
        var invalid = CheckCrs(element, path) ?? CheckBbox(element, path);
        if (invalid is not null)
        {
            return invalid;
        }

        if (!element.TryGetProperty("properties", out var properties))
        {
            return GeoErrors.Structure(path, "a Feature has a 'properties' member (an object or null)");
        }

        if (properties.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            return GeoErrors.Structure($"{path}.properties", "is an object or null");
        }

        if (!element.TryGetProperty("geometry", out var geometryElement))
        {
            return GeoErrors.Structure(path, "a Feature has a 'geometry' member (a geometry object or null)");
        }

        Geometry? geometry = null;
        if (geometryElement.ValueKind != JsonValueKind.Null)
        {
            var read = ReadGeometry(geometryElement, $"{path}.geometry");
            if (!read.IsSuccess)
            {
                return read.Error;
            }

            geometry = read.Value;
        }

        string? id = null;
        if (element.TryGetProperty("id", out var idElement))
        {
            id = idElement.ValueKind switch
            {
                JsonValueKind.String => idElement.GetString(),
                JsonValueKind.Number => idElement.GetRawText(),
                _ => null,
            };
        }

        return new GeoFeature(geometry, properties.ValueKind == JsonValueKind.Object ? properties.Clone() : null, id);
    }

    private static Result<string> TypeOf(JsonElement element, string path)
    {
        if (!element.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return GeoErrors.Structure(path, "a GeoJSON object has a 'type' string");
        }

        var name = type.GetString()!;
        return name is "Point" or "MultiPoint" or "LineString" or "MultiLineString" or "Polygon" or "MultiPolygon" or "GeometryCollection" or "Feature" or "FeatureCollection"
            ? name
            : GeoErrors.Structure($"{path}.type", $"'{name}' is not a GeoJSON type (types are case-sensitive, e.g. 'FeatureCollection')");
    }

    private static Error? CheckCrs(JsonElement element, string path)
    {
        if (!element.TryGetProperty("crs", out var crs) || crs.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var name = crs.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            && properties.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.String
            ? nameElement.GetString()
            : null;
        return name is "urn:ogc:def:crs:OGC:1.3:CRS84" or "urn:ogc:def:crs:OGC::CRS84" or "urn:ogc:def:crs:EPSG::4326" or "EPSG:4326"
            ? null
            : GeoErrors.Structure($"{path}.crs", $"coordinates must be WGS 84 longitude/latitude (RFC 7946 has no 'crs'); this document names '{name ?? crs.GetRawText()}': reproject it first");
    }

    private static Error? CheckBbox(JsonElement element, string path)
    {
        if (!element.TryGetProperty("bbox", out var bbox))
        {
            return null;
        }

        if (bbox.ValueKind != JsonValueKind.Array || bbox.GetArrayLength() is not (4 or 6)
            || bbox.EnumerateArray().Any(n => n.ValueKind != JsonValueKind.Number))
        {
            return GeoErrors.Structure($"{path}.bbox", "a bbox is an array of 4 or 6 numbers");
        }

        return null;
    }

    private static Result<Coordinate> Position(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            return GeoErrors.Structure(path, "a position is an array of numbers [longitude, latitude]");
        }

        var length = element.GetArrayLength();
        if (length is < 2 or > 3)
        {
            return length == 0 || element[0].ValueKind != JsonValueKind.Array
                ? GeoErrors.Structure(path, $"a position is 2 or 3 numbers, not {length}")
                : GeoErrors.Structure(path, "coordinates are nested one level too deep");
        }

        foreach (var n in element.EnumerateArray())
        {
            if (n.ValueKind != JsonValueKind.Number)
            {
                return n.ValueKind == JsonValueKind.Array
                    ? GeoErrors.Structure(path, "coordinates are nested one level too deep")
                    : GeoErrors.Structure(path, "a position holds numbers only");
            }
        }

        var lon = element[0].GetDouble();
        var lat = element[1].GetDouble();
        if (!double.IsFinite(lon) || lon is < -180 or > 180)
        {
            return GeoErrors.Geometry(path, $"longitude {Format(lon)} is outside [-180, 180] (GeoJSON is longitude first, in degrees)");
        }

        if (!double.IsFinite(lat) || lat is < -90 or > 90)
        {
            return GeoErrors.Geometry(path, $"latitude {Format(lat)} is outside [-90, 90] (GeoJSON is longitude first, in degrees)");
        }

        return new Coordinate(lon, lat);
    }

    private static Result<Coordinate[]> Positions(JsonElement element, string path, int minimum)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            return GeoErrors.Structure(path, "expected an array of positions");
        }

        var result = new Coordinate[element.GetArrayLength()];
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Number)
            {
                return GeoErrors.Structure(path, "coordinates are nested one level too shallow (expected an array of positions)");
            }

            var position = Position(item, $"{path}[{index}]");
            if (!position.IsSuccess)
            {
                return position.Error;
            }

            result[index++] = position.Value;
        }

        if (result.Length > 0 && result.Length < minimum)
        {
            return GeoErrors.Geometry(path, $"needs at least {minimum} positions, has {result.Length}");
        }

        return result;
    }

    private static Result<Coordinate[]> Line(JsonElement element, string path) => Positions(element, path, 2);

    private static Result<Polygon> Polygon(JsonElement element, string path)
    {
        var rings = Many(element, path, Ring);
        if (!rings.IsSuccess)
        {
            return rings.Error;
        }

        if (rings.Value.Count == 0)
        {
            return Factory.CreatePolygon();
        }

        var shell = Factory.CreateLinearRing(rings.Value[0]);
        var holes = rings.Value.Skip(1).Select(Factory.CreateLinearRing).ToArray();
        return Factory.CreatePolygon(shell, holes);
    }

    private static Result<Coordinate[]> Ring(JsonElement element, string path)
    {
        var positions = Positions(element, path, 4);
        if (!positions.IsSuccess)
        {
            return positions.Error;
        }

        var ring = positions.Value;
        if (ring.Length == 0)
        {
            return GeoErrors.Geometry(path, "a linear ring is empty");
        }

        if (!ring[0].Equals2D(ring[^1]))
        {
            return GeoErrors.Geometry(path, $"the ring is not closed: its last position ({Format(ring[^1].X)}, {Format(ring[^1].Y)}) must repeat its first ({Format(ring[0].X)}, {Format(ring[0].Y)})");
        }

        return ring;
    }

    private static Result<IReadOnlyList<T>> Many<T>(JsonElement element, string path, Func<JsonElement, string, Result<T>> read)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            return GeoErrors.Structure(path, "expected an array");
        }

        var list = new List<T>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Array)
            {
                return GeoErrors.Structure(path, "coordinates are nested one level too shallow");
            }

            var one = read(item, $"{path}[{index}]");
            if (!one.IsSuccess)
            {
                return one.Error;
            }

            list.Add(one.Value);
            index++;
        }

        return list;
    }

    private static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
