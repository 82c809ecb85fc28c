using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace Liaison.Domain.Geo;

/// <summary>
/// A transverse Mercator projection on WGS 84 whose central meridian runs through the place of interest, so lengths
/// in metres are true to within 0.01 % for 100 km either side (scale factor 1 on the meridian, 1 + x²/2R² away from
/// it). Used to measure and buffer in metres (a radius around a point, a band 10 km deep around a zone); geometries are
/// kept and compared in longitude/latitude. UTM zones 36N and 37N split the Golan at 36°E, which is why Liaison
/// centres its own meridian instead. Pure and deterministic: the same input gives the same output.
/// </summary>
public sealed class LocalProjection
{
    private static readonly CoordinateSystemFactory Systems = new();
    private static readonly CoordinateTransformationFactory Transformations = new();
    private readonly MathTransform _toMetres;
    private readonly MathTransform _toDegrees;

    /// <summary>Creates the projection centred on <paramref name="centralMeridian"/> (degrees east).</summary>
    public LocalProjection(double centralMeridian)
    {
        if (!double.IsFinite(centralMeridian) || centralMeridian is < -180 or > 180)
        {
            throw new ArgumentOutOfRangeException(nameof(centralMeridian), centralMeridian, "A meridian is in [-180, 180] degrees.");
        }

        CentralMeridian = centralMeridian;
        var projection = Systems.CreateProjection("Liaison local transverse Mercator", "Transverse_Mercator",
        [
            new("latitude_of_origin", 0),
            new("central_meridian", centralMeridian),
            new("scale_factor", 1),
            new("false_easting", 0),
            new("false_northing", 0),
        ]);
        var system = Systems.CreateProjectedCoordinateSystem("Liaison local TM", GeographicCoordinateSystem.WGS84, projection, LinearUnit.Metre,
            new AxisInfo("East", AxisOrientationEnum.East), new AxisInfo("North", AxisOrientationEnum.North));
        var forward = Transformations.CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, system);
        _toMetres = forward.MathTransform;
        _toDegrees = Transformations.CreateFromCoordinateSystems(system, GeographicCoordinateSystem.WGS84).MathTransform;
    }

    /// <summary>The meridian the projection is centred on, in degrees east.</summary>
    public double CentralMeridian { get; }

    /// <summary>The projection centred on a geometry's centre (of its envelope).</summary>
    public static LocalProjection Around(Geometry geometry) => new(geometry.EnvelopeInternal.Centre.X);

    /// <summary>The geometry with every coordinate projected to metres.</summary>
    public Geometry ToMetres(Geometry geometry) => Apply(geometry, _toMetres);

    /// <summary>The geometry with every coordinate brought back to longitude/latitude.</summary>
    public Geometry ToDegrees(Geometry geometry) => Apply(geometry, _toDegrees);

    private static Geometry Apply(Geometry geometry, MathTransform transform)
    {
        var copy = geometry.Copy();
        copy.Apply(new Transforming(transform));
        copy.GeometryChanged();
        return copy;
    }

    private sealed class Transforming(MathTransform transform) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var (x, y) = transform.Transform(seq.GetX(i), seq.GetY(i));
                seq.SetX(i, x);
                seq.SetY(i, y);
            }
        }
    }
}
