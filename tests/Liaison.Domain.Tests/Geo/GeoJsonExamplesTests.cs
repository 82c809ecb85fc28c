using Liaison.Domain.Geo;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace Liaison.Domain.Tests.Geo;

/// <summary>The GeoJSON validity examples (tests/fixtures/geojson-examples, see its README for how each is treated).</summary>
public sealed class GeoJsonExamplesTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "geojson-examples");

    public static TheoryData<string> Files(string folder) => [.. Directory.GetFiles(Path.Combine(Root, folder), "*.geojson").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Fact]
    public void TheFixturesAreAllThere() =>
        Assert.Equal(38, Directory.GetFiles(Root, "*.geojson", SearchOption.AllDirectories).Length);

    [Theory]
    [MemberData(nameof(Files), "valid")]
    public void Valid_EveryFileReads(string file)
    {
        var read = Read("valid", file);
        Assert.True(read.IsSuccess, read.IsSuccess ? null : read.Error.Detail);
    }

    [Theory]
    [MemberData(nameof(Files), "invalid_structure")]
    public void InvalidStructure_EveryFileIsRefusedWithThePathOfTheFault(string file)
    {
        var read = Read("invalid_structure", file);
        Assert.False(read.IsSuccess);
        Assert.Contains(read.Error.Code, new[] { "geojson-invalid", "geometry-invalid" });
        Assert.StartsWith("$", read.Error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidGeometries_TheUnclosedRingIsRefused()
    {
        var read = Read("invalid_geometries", "invalid_unclosed.geojson");
        Assert.False(read.IsSuccess);
        Assert.Equal("geometry-invalid", read.Error.Code);
        Assert.Contains("not closed", read.Error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invalid_exterior_not_ccw.geojson")]
    [InlineData("invalid_interior_not_cw.geojson")]
    public void InvalidGeometries_WrongWindingIsAcceptedAndNormalised(string file)
    {
        var area = Area("invalid_geometries", file);
        Assert.True(area.IsSuccess, area.IsSuccess ? null : area.Error.Detail);
        foreach (var polygon in Polygons(area.Value.Geometry))
        {
            Assert.True(Orientation.IsCCW(polygon.Shell.CoordinateSequence));
            Assert.All(polygon.Holes, hole => Assert.False(Orientation.IsCCW(hole.CoordinateSequence)));
        }
    }

    [Theory]
    [InlineData("problematic_geometries", "problematic_self_intersection_small.geojson", "self-intersection")]
    [InlineData("problematic_geometries", "problematic_inner_and_exterior_ring_intersect.geojson", "not a valid polygon")]
    [InlineData("problematic_geometries", "problematic_outside_lat_lon_boundaries.geojson", "outside")]
    [InlineData("problematic_geometries", "problematic_crosses_antimeridian.geojson", "antimeridian")]
    [InlineData("problematic_geometries", "problematic_feature_null_geometry.geojson", "no geometry")]
    [InlineData("problematic_geometries", "problematic_zero_length_linestring.geojson", "not a LineString")]
    [InlineData("problematic_structure", "problematic_crs_defined.geojson", "EPSG::32632")]
    [InlineData("problematic_structure", "problematic_geometrycollection_single.geojson", "not a GeometryCollection")]
    public void Problematic_RefusedAsAnAreaWithAClearReason(string folder, string file, string reason)
    {
        var area = Area(folder, file);
        Assert.False(area.IsSuccess);
        Assert.Contains(reason, area.Error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("problematic_3d_coordinates.geojson")]
    [InlineData("problematic_excessive_coordinate_precision.geojson")]
    public void Problematic_AcceptedAsAnArea(string file)
    {
        var area = Area("problematic_geometries", file);
        Assert.True(area.IsSuccess, area.IsSuccess ? null : area.Error.Detail);
        Assert.All(area.Value.Geometry.Coordinates, c => Assert.True(double.IsNaN(c.Z)));
    }

    [Theory]
    [InlineData("valid_geometry_point.geojson", "needs 'radiusMetres'")]
    [InlineData("valid_geometry_linestring.geojson", "not a LineString")]
    [InlineData("valid_geometry_multipoint.geojson", "not a MultiPoint")]
    [InlineData("valid_featurecollection_empty_features.geojson", "no geometry")]
    public void Valid_NonPolygonsAreNoArea(string file, string reason)
    {
        var area = Area("valid", file);
        Assert.False(area.IsSuccess);
        Assert.Equal("geometry-invalid", area.Error.Code);
        Assert.Contains(reason, area.Error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_PointWithARadiusIsAnArea()
    {
        var geometry = NoticeArea.GeometryOfDocument(File.ReadAllText(Path.Combine(Root, "valid", "valid_geometry_point.geojson")));
        var area = NoticeArea.From(geometry.Value, 1_000);
        Assert.True(area.IsSuccess);
        Assert.IsType<Polygon>(area.Value.Geometry);
    }

    private static Liaison.Domain.Common.Result<IReadOnlyList<GeoFeature>> Read(string folder, string file) =>
        GeoJsonReader.ReadFeatures(File.ReadAllText(Path.Combine(Root, folder, file)));

    private static Liaison.Domain.Common.Result<NoticeArea> Area(string folder, string file) =>
        NoticeArea.GeometryOfDocument(File.ReadAllText(Path.Combine(Root, folder, file))).Then(g => NoticeArea.From(g, null));

    private static IEnumerable<Polygon> Polygons(Geometry geometry) =>
        Enumerable.Range(0, geometry.NumGeometries).Select(i => (Polygon)geometry.GetGeometryN(i));
}
