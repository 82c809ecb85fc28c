using Liaison.Domain.Geo;
using Liaison.Domain.Tests.Notices;
using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace Liaison.Domain.Tests.Geo;

/// <summary>
/// Distances drawn in Liaison's local transverse Mercator, checked in an independent projection: UTM zone 36N
/// (ProjNet's WGS 84 / UTM definition), whose scale error on the Golan, 2.8° from its meridian, is under 0.05 %.
/// </summary>
public sealed class ProjectionAccuracyTests
{
    private static readonly MathTransform ToUtm36 = new CoordinateTransformationFactory()
        .CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, ProjectedCoordinateSystem.WGS84_UTM(36, true)).MathTransform;

    [Theory]
    [InlineData("aol-10km", 10)]
    [InlineData("aol-20km", 20)]
    [InlineData("aol-25km", 25)]
    public void TheLimitationBandsLieTheirDepthFromTheAreaOfSeparation(string code, double km)
    {
        var aos = Utm(DemoZones.Atlas.Find("aos")!.Geometry);
        var band = (Polygon)DemoZones.Atlas.Find(code)!.Geometry;

        var distances = band.Shell.Coordinates.Select(c => aos.Distance(Utm(GeoJsonReader.Factory.CreatePoint(c)))).ToList();

        // Every vertex of the band's outer edge is its depth from the zone, within 0.2 % (20 m at 10 km).
        Assert.All(distances, d => Assert.InRange(d, km * 1000 * 0.998, km * 1000 * 1.002));
        Assert.True(band.Shell.NumPoints > 64);
    }

    [Fact]
    public void ABandContainsTheZoneItIsDrawnAround() =>
        Assert.True(DemoZones.Atlas.Find("aol-10km")!.Geometry.Contains(DemoZones.Atlas.Find("aos")!.Geometry));

    [Theory]
    [InlineData(35.8264, 33.1242, 5_000)]
    [InlineData(37.1628, 36.1992, 250)]
    [InlineData(36.5697, 32.7090, 40_000)]
    public void APointAndRadiusBecomeACircleOfThatRadius(double lon, double lat, double metres)
    {
        var centre = new Coordinate(lon, lat);
        var circle = (Polygon)NoticeArea.Circle(centre, metres);
        var utmCentre = Utm(GeoJsonReader.Factory.CreatePoint(centre));

        Assert.Equal(65, circle.Shell.NumPoints);
        Assert.All(circle.Shell.Coordinates, c => Assert.InRange(utmCentre.Distance(Utm(GeoJsonReader.Factory.CreatePoint(c))), metres * 0.998, metres * 1.002));
    }

    private static Geometry Utm(Geometry geometry)
    {
        var copy = geometry.Copy();
        copy.Apply(new Projecting());
        copy.GeometryChanged();
        return copy;
    }

    private sealed class Projecting : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var (x, y) = ToUtm36.Transform(seq.GetX(i), seq.GetY(i));
                seq.SetX(i, x);
                seq.SetY(i, y);
            }
        }
    }
}
