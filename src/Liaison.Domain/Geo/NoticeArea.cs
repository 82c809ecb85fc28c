using System.Globalization;
using System.Text.Json;
using Liaison.Domain.Common;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Buffer;
using NetTopologySuite.Operation.Valid;

namespace Liaison.Domain.Geo;

/// <summary>
/// The area of a notified activity: a valid, non-empty Polygon or MultiPolygon in longitude/latitude, rings oriented
/// as RFC 7946 asks (exterior counter-clockwise, holes clockwise). A point with a radius becomes a 64-sided polygon
/// drawn in metres around it (<see cref="LocalProjection"/>); <see cref="Centre"/> and <see cref="RadiusMetres"/> keep what was written.
/// </summary>
public sealed record NoticeArea
{
    /// <summary>The smallest radius accepted around a point, 1 m.</summary>
    public const double MinRadiusMetres = 1;

    /// <summary>The largest radius accepted around a point, 500 km.</summary>
    public const double MaxRadiusMetres = 500_000;

    private NoticeArea(Geometry geometry, Coordinate? centre, double? radiusMetres)
    {
        Geometry = geometry;
        Centre = centre;
        RadiusMetres = radiusMetres;
    }

    /// <summary>The area, a valid Polygon or MultiPolygon.</summary>
    public Geometry Geometry { get; }

    /// <summary>The point it was drawn around, when it was given as a point and a radius.</summary>
    public Coordinate? Centre { get; }

    /// <summary>The radius in metres, when it was given as a point and a radius.</summary>
    public double? RadiusMetres { get; }

    /// <summary>
    /// Reads an area from a GeoJSON geometry and an optional radius: a Polygon or MultiPolygon (no radius), or a Point
    /// with a radius in metres. Refuses, naming the path: other geometry types, empty geometries, a polygon crossing the
    /// antimeridian (RFC 7946 §3.1.9: split it), self-intersections and every other OGC validity fault (with where it is),
    /// and a radius out of range. Ring orientation is normalised, never refused.
    /// </summary>
    public static Result<NoticeArea> Read(JsonElement geometry, double? radiusMetres, string path = "$.area")
    {
        var read = GeoJsonReader.ReadGeometry(geometry, path);
        return read.IsSuccess ? From(read.Value, radiusMetres, path) : read.Error;
    }

    /// <summary>As <see cref="Read"/>, from a geometry already read.</summary>
    public static Result<NoticeArea> From(Geometry geometry, double? radiusMetres, string path = "$.area")
    {
        if (geometry is Point point)
        {
            if (point.IsEmpty)
            {
                return GeoErrors.Geometry(path, "the point is empty");
            }

            if (radiusMetres is not { } radius || !double.IsFinite(radius) || radius < MinRadiusMetres || radius > MaxRadiusMetres)
            {
                return GeoErrors.Geometry(path, $"a point area needs 'radiusMetres' between {MinRadiusMetres:0} and {MaxRadiusMetres:0}");
            }

            return new NoticeArea(Circle(point.Coordinate, radius), point.Coordinate.Copy(), radius);
        }

        if (radiusMetres is not null)
        {
            return GeoErrors.Geometry(path, "'radiusMetres' goes only with a Point area");
        }

        if (geometry is not (Polygon or MultiPolygon))
        {
            return GeoErrors.Geometry(path, $"an area is a Polygon, a MultiPolygon, or a Point with a radius, not a {geometry.GeometryType}");
        }

        if (geometry.IsEmpty)
        {
            return GeoErrors.Geometry(path, "the area is empty");
        }

        if (CrossesAntimeridian(geometry))
        {
            return GeoErrors.Geometry(path, "the area crosses the antimeridian (an edge spans more than 180° of longitude); split it at 180° as RFC 7946 §3.1.9 asks");
        }

        var validity = new IsValidOp(geometry);
        if (!validity.IsValid)
        {
            var error = validity.ValidationError;
            var where = error.Coordinate is { } c ? string.Create(CultureInfo.InvariantCulture, $" at ({c.X:0.######}, {c.Y:0.######})") : string.Empty;
            return GeoErrors.Geometry(path, $"the area is not a valid polygon: {error.Message.ToLowerInvariant()}{where}");
        }

        if (geometry.Area <= 0)
        {
            return GeoErrors.Geometry(path, "the area has no surface");
        }

        return new NoticeArea(Oriented(geometry), null, null);
    }

    /// <summary>
    /// The geometry of an area given as a whole GeoJSON document, as the CLI and the web form accept it: a geometry, a
    /// Feature, or a FeatureCollection whose features are all polygons (one MultiPolygon results) or one point (which
    /// then needs a radius). Features without a geometry are skipped; any other geometry is refused.
    /// </summary>
    public static Result<Geometry> GeometryOfDocument(string geoJson)
    {
        var features = GeoJsonReader.ReadFeatures(geoJson);
        if (!features.IsSuccess)
        {
            return features.Error;
        }

        var geometries = features.Value.Where(f => f.Geometry is not null).Select(f => f.Geometry!).ToList();
        if (geometries.Count == 0)
        {
            return GeoErrors.Geometry("$", "the document has no geometry");
        }

        if (geometries.Count == 1)
        {
            return geometries[0];
        }

        var polygons = new List<Polygon>();
        foreach (var geometry in geometries)
        {
            switch (geometry)
            {
                case Polygon polygon:
                    polygons.Add(polygon);
                    break;
                case MultiPolygon many:
                    polygons.AddRange(Enumerable.Range(0, many.NumGeometries).Select(i => (Polygon)many.GetGeometryN(i)));
                    break;
                default:
                    return GeoErrors.Geometry("$", $"an area of several features is made of polygons only, not a {geometry.GeometryType}");
            }
        }

        return GeoJsonReader.Factory.CreateMultiPolygon([.. polygons]);
    }

    /// <summary>The geometry with every exterior ring counter-clockwise and every hole clockwise (RFC 7946 §3.1.6).</summary>
    public static Geometry Oriented(Geometry geometry) => geometry switch
    {
        Polygon polygon => Orient(polygon),
        MultiPolygon many => geometry.Factory.CreateMultiPolygon([.. Enumerable.Range(0, many.NumGeometries).Select(i => Orient((Polygon)many.GetGeometryN(i)))]),
        _ => geometry,
    };

    /// <summary>A 64-sided polygon of <paramref name="radiusMetres"/> around <paramref name="centre"/>, measured in metres.</summary>
    public static Geometry Circle(Coordinate centre, double radiusMetres)
    {
        var projection = new LocalProjection(centre.X);
        var projected = projection.ToMetres(GeoJsonReader.Factory.CreatePoint(centre));
        var disc = projected.Buffer(radiusMetres, new BufferParameters(16));
        return Oriented(projection.ToDegrees(disc));
    }

    private static Polygon Orient(Polygon polygon)
    {
        var shell = Ring(polygon.Shell, counterClockwise: true);
        var holes = polygon.Holes.Select(h => Ring(h, counterClockwise: false)).ToArray();
        return polygon.Factory.CreatePolygon(shell, holes);
    }

    private static LinearRing Ring(LinearRing ring, bool counterClockwise) =>
        Orientation.IsCCW(ring.CoordinateSequence) == counterClockwise ? ring : (LinearRing)ring.Reverse();

    private static bool CrossesAntimeridian(Geometry geometry)
    {
        var coordinates = geometry.Coordinates;
        for (var i = 1; i < coordinates.Length; i++)
        {
            if (Math.Abs(coordinates[i].X - coordinates[i - 1].X) > 180)
            {
                return true;
            }
        }

        return false;
    }
}
