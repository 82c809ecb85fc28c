using System.Collections.Concurrent;
using System.Globalization;
using Liaison.Domain.Common;
using Liaison.Domain.Geo;
using Liaison.Domain.Mechanism;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Buffer;
using NetTopologySuite.Operation.Union;

namespace Liaison.Domain.Zones;

/// <summary>
/// Every zone of the mechanism with its shape, built from the configuration and the GeoJSON its zones name. A zone's
/// shape is the union of its file's polygonal features; a depth band <c>[from, to]</c> km is the buffer of that shape by
/// <c>to</c> km minus its buffer by <c>from</c> km (nothing subtracted when <c>from</c> is 0), each buffer drawn in
/// metres in a <see cref="LocalProjection"/> centred on the source. Pure: the caller reads the files.
/// </summary>
public sealed class ZoneAtlas
{
    private readonly ConcurrentDictionary<(ZoneKind Kind, double Km), IPreparedGeometry?> _proximity = new();

    private ZoneAtlas(IReadOnlyList<Zone> zones) => Zones = zones;

    /// <summary>An atlas with no zones.</summary>
    public static ZoneAtlas Empty { get; } = new([]);

    /// <summary>The zones, in configuration order.</summary>
    public IReadOnlyList<Zone> Zones { get; }

    /// <summary>
    /// Builds the atlas. <paramref name="sourceText"/> gives the GeoJSON text of a zone's source (null when it cannot be
    /// read). Fails, naming the zone, when a source is missing, not GeoJSON, or has no valid polygon.
    /// </summary>
    public static Result<ZoneAtlas> Build(IReadOnlyList<ZoneReference> references, Func<ZoneReference, string?> sourceText)
    {
        var shapes = new Dictionary<string, Geometry>(StringComparer.Ordinal);
        var zones = new List<Zone>();
        foreach (var reference in references)
        {
            if (!shapes.TryGetValue(reference.Source, out var shape))
            {
                var text = sourceText(reference);
                if (text is null)
                {
                    return Invalid(reference, "its source file cannot be read");
                }

                var read = Shape(text);
                if (!read.IsSuccess)
                {
                    return Invalid(reference, read.Error.Detail);
                }

                shape = read.Value;
                shapes[reference.Source] = shape;
            }

            zones.Add(new Zone(reference, reference.Rules.DepthBandKm is { } band ? Band(shape, band) : shape));
        }

        return new ZoneAtlas(zones);
    }

    /// <summary>The union of a GeoJSON document's polygonal features, oriented and checked valid.</summary>
    public static Result<Geometry> Shape(string geoJson)
    {
        var features = GeoJsonReader.ReadFeatures(geoJson);
        if (!features.IsSuccess)
        {
            return features.Error;
        }

        var polygons = new List<Geometry>();
        foreach (var feature in features.Value)
        {
            if (feature.Geometry is Polygon or MultiPolygon)
            {
                var area = NoticeArea.From(feature.Geometry, null, "$.features");
                if (!area.IsSuccess)
                {
                    return area.Error;
                }

                polygons.Add(area.Value.Geometry);
            }
        }

        if (polygons.Count == 0)
        {
            return GeoErrors.Geometry("$", "the file has no Polygon or MultiPolygon feature");
        }

        return NoticeArea.Oriented(polygons.Count == 1 ? polygons[0] : UnaryUnionOp.Union(polygons));
    }

    /// <summary>The band between <paramref name="band"/>'s depths around <paramref name="source"/>.</summary>
    public static Geometry Band(Geometry source, DepthBand band)
    {
        var outer = Buffer(source, band.ToKm);
        return band.FromKm > 0 ? NoticeArea.Oriented(outer.Difference(Buffer(source, band.FromKm))) : outer;
    }

    /// <summary>The shape grown by <paramref name="km"/> kilometres, measured in metres around its centre.</summary>
    public static Geometry Buffer(Geometry source, double km)
    {
        if (km <= 0)
        {
            return source;
        }

        var projection = LocalProjection.Around(source);
        var grown = projection.ToMetres(source).Buffer(km * 1000, new BufferParameters(16));
        return NoticeArea.Oriented(projection.ToDegrees(grown));
    }

    /// <summary>The zones of <paramref name="kind"/>, each grown by <paramref name="withinKm"/> km, as one prepared shape; null when there are none.</summary>
    public IPreparedGeometry? Proximity(ZoneKind kind, double withinKm) =>
        _proximity.GetOrAdd((kind, withinKm), key =>
        {
            var shapes = Zones.Where(z => z.Kind == key.Kind).Select(z => Buffer(z.Geometry, key.Km)).ToList();
            return shapes.Count == 0 ? null : PreparedGeometryFactory.Prepare(shapes.Count == 1 ? shapes[0] : UnaryUnionOp.Union(shapes));
        });

    /// <summary>The zone with <paramref name="code"/>, or null.</summary>
    public Zone? Find(string code) => Zones.FirstOrDefault(z => string.Equals(z.Code, code, StringComparison.Ordinal));

    private static Error Invalid(ZoneReference reference, string why) =>
        new Error.Validation("zone-invalid", string.Create(CultureInfo.InvariantCulture, $"Zone '{reference.Code}' ({reference.Source}): {why}"));
}
