using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace Liaison.Domain.Notices;

/// <summary>
/// Two discs around an area, to decide most intersection tests between areas without polygon operations: a disc inside
/// the area (radius <see cref="Inner"/>, 0 when none is known) and a disc containing it (radius <see cref="Outer"/>), both
/// centred on (<see cref="X"/>, <see cref="Y"/>) in a plane of longitude × <see cref="Scale"/> and latitude, degrees.
/// Scaling longitude is an affine map, so areas intersect in that plane exactly when they do in longitude/latitude,
/// where NetTopologySuite compares them; <see cref="Scale"/> only makes circles round (it is the ratio of a degree of
/// longitude to a degree of latitude on WGS 84 at <see cref="Y"/>), which keeps the two discs close together.
/// Both radii carry a margin far above the rounding of their computation, so <see cref="Decide"/> answers only
/// when the exact test must give that answer, and says "unknown" otherwise (the caller then runs the exact test).
/// <c>default</c> is the bounds of nothing known: <see cref="Decide"/> never answers for it.
/// </summary>
public readonly record struct AreaBounds(double X, double Y, double Scale, double Inner, double Outer)
{
    // WGS 84 first eccentricity squared.
    private const double E2 = 0.00669437999014;

    // Relative and absolute margins (degrees): rounding errors here are below 1e-13 degree.
    private const double Relative = 1e-9;
    private const double Absolute = 1e-12;

    /// <summary>
    /// The bounds of a polygonal area (a Polygon or MultiPolygon in longitude/latitude). The inner disc is known for a
    /// polygon without holes whose centre lies on the inner side of every edge of its shell, more than the radius away:
    /// such a disc lies in the polygon's kernel (the intersection of those half-planes), which lies in the polygon.
    /// The outer disc reaches the farthest vertex, so it holds their convex hull and the area.
    /// </summary>
    public static AreaBounds Of(Geometry area)
    {
        ArgumentNullException.ThrowIfNull(area);
        var envelope = area.EnvelopeInternal;
        if (area.IsEmpty || envelope.IsNull)
        {
            return default;
        }

        var x = (envelope.MinX + envelope.MaxX) / 2;
        var y = (envelope.MinY + envelope.MaxY) / 2;
        var scale = ScaleAt(y);
        var outer = 0.0;
        for (var i = 0; i < area.NumGeometries; i++)
        {
            if (area.GetGeometryN(i) is not Polygon polygon)
            {
                return default;
            }

            outer = Math.Max(outer, Farthest(polygon.Shell.CoordinateSequence, x, y, scale));
        }

        var inner = area is Polygon { NumInteriorRings: 0 } single ? Nearest(single.Shell.CoordinateSequence, x, y, scale) : 0;
        inner = Math.Max(0, (inner * (1 - Relative)) - Absolute);
        return new AreaBounds(x, y, scale, inner, (outer * (1 + Relative)) + Absolute);
    }

    /// <summary>
    /// True when the two areas surely intersect (their inner discs meet), false when they surely do not (their outer
    /// discs are apart), null when the discs cannot tell.
    /// </summary>
    public bool? Decide(in AreaBounds other)
    {
        if (Scale <= 0 || other.Scale <= 0)
        {
            return null;
        }

        // In this plane, the other's discs become ellipses; take the discs inside and around them.
        var ratio = Scale / other.Scale;
        var dx = (X - other.X) * Scale;
        var dy = Y - other.Y;
        var distance = Math.Sqrt((dx * dx) + (dy * dy));
        var outer = Outer + (other.Outer * Math.Max(1, ratio));
        if (distance > (outer * (1 + Relative)) + Absolute)
        {
            return false;
        }

        var inner = Inner + (other.Inner * Math.Min(1, ratio));
        if (Inner > 0 && other.Inner > 0 && distance < (inner * (1 - Relative)) - Absolute)
        {
            return true;
        }

        return null;
    }

    /// <summary>Degrees of latitude per degree of longitude's length at latitude <paramref name="latitude"/> on WGS 84: N cos φ / M.</summary>
    private static double ScaleAt(double latitude)
    {
        var phi = latitude * Math.PI / 180;
        var sin = Math.Sin(phi);
        return Math.Max(1e-6, Math.Cos(phi) * (1 - (E2 * sin * sin)) / (1 - E2));
    }

    private static double Farthest(CoordinateSequence ring, double x, double y, double scale)
    {
        var farthest = 0.0;
        for (var i = 0; i < ring.Count; i++)
        {
            var dx = (ring.GetX(i) - x) * scale;
            var dy = ring.GetY(i) - y;
            farthest = Math.Max(farthest, (dx * dx) + (dy * dy));
        }

        return Math.Sqrt(farthest);
    }

    // The least distance from the centre to the line of an edge, on the edge's inner side (left for a counter-clockwise
    // shell); 0 when the centre is on or beyond some edge's line.
    private static double Nearest(CoordinateSequence ring, double x, double y, double scale)
    {
        var side = Orientation.IsCCW(ring) ? 1.0 : -1.0;
        var nearest = double.PositiveInfinity;
        var ax = (ring.GetX(0) - x) * scale;
        var ay = ring.GetY(0) - y;
        for (var i = 1; i < ring.Count; i++)
        {
            var bx = (ring.GetX(i) - x) * scale;
            var by = ring.GetY(i) - y;
            var length = Math.Sqrt(((bx - ax) * (bx - ax)) + ((by - ay) * (by - ay)));
            if (length > 0)
            {
                var distance = side * ((ax * by) - (ay * bx)) / length;
                if (!(distance > 0))
                {
                    return 0;
                }

                nearest = Math.Min(nearest, distance);
            }

            ax = bx;
            ay = by;
        }

        return double.IsFinite(nearest) ? nearest : 0;
    }
}
