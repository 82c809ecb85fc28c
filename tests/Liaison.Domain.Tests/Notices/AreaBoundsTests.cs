using Liaison.Domain.Geo;
using Liaison.Domain.Notices;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Liaison.Domain.Tests.Notices;

/// <summary>
/// The discs around an area decide an intersection only when NetTopologySuite's exact test on the polygons gives the
/// same answer: circles (64-sided polygons drawn in metres), near-tangent circles, and circles against polygons.
/// </summary>
public sealed class AreaBoundsTests
{
    private static readonly GeometryFactory Factory = GeoJsonReader.Factory;

    [Fact]
    public void RandomCirclesAndPolygons_TheBoundsNeverContradictTheExactTest_AndDecideNearlyEveryPairOfCircles()
    {
        var random = new Random(20260106);
        var (circles, decided) = (0, 0);
        for (var i = 0; i < 3_000; i++)
        {
            var (a, aIsCircle) = RandomArea(random, new Coordinate(35.7 + (random.NextDouble() * 6), 32.3 + (random.NextDouble() * 5)));
            var nearA = a.EnvelopeInternal.Centre;
            var reach = Math.Max(a.EnvelopeInternal.Width, a.EnvelopeInternal.Height) * 1.5;
            var (b, bIsCircle) = RandomArea(random, new Coordinate(nearA.X + ((random.NextDouble() - 0.5) * reach), nearA.Y + ((random.NextDouble() - 0.5) * reach)));

            var settled = AssertAgrees(a, b);
            if (aIsCircle && bIsCircle)
            {
                circles++;
                decided += settled ? 1 : 0;
            }
        }

        // Circles drawn around one another, many of them touching: the discs still settle nearly every pair.
        Assert.InRange(decided, circles * 95 / 100, circles);
    }

    [Fact]
    public void NearTangentCircles_AreLeftToTheExactTest_OrDecidedAsItDecides()
    {
        var random = new Random(42);
        for (var i = 0; i < 300; i++)
        {
            var centre = new Coordinate(35.7 + (random.NextDouble() * 6), 32.3 + (random.NextDouble() * 5));
            var r1 = Radius(random);
            var r2 = Radius(random);
            var bearing = random.NextDouble() * 2 * Math.PI;
            var a = Circle(centre, r1);

            // Find, by bisection on the distance between centres, where the two polygons stop touching, then look at
            // both sides of that point, as close as doubles allow, and a little farther.
            var (touching, apart) = (0.0, (r1 + r2) * 1.05);
            for (var step = 0; step < 45; step++)
            {
                var middle = (touching + apart) / 2;
                (touching, apart) = a.Intersects(Circle(Offset(centre, middle, bearing), r2)) ? (middle, apart) : (touching, middle);
            }

            foreach (var distance in new[] { touching, apart, touching * (1 - 1e-6), apart * (1 + 1e-6), (r1 + r2) * 0.999, (r1 + r2) * 1.001 })
            {
                AssertAgrees(a, Circle(Offset(centre, distance, bearing), r2));
            }

            Assert.True(a.Intersects(Circle(Offset(centre, touching, bearing), r2)));
            Assert.False(a.Intersects(Circle(Offset(centre, apart, bearing), r2)));
        }
    }

    [Fact]
    public void CirclesAgainstPolygons_WithHolesAndSeveralParts_AgreeWithTheExactTest()
    {
        var random = new Random(7);
        for (var i = 0; i < 1_000; i++)
        {
            var centre = new Coordinate(35.7 + (random.NextDouble() * 6), 32.3 + (random.NextDouble() * 5));
            var size = 0.01 + (random.NextDouble() * 0.2);
            var polygon = (i % 3) switch
            {
                0 => Star(random, centre, size),
                1 => Holed(random, centre, size),
                _ => Parts(random, centre, size),
            };
            var circle = Circle(new Coordinate(centre.X + ((random.NextDouble() - 0.5) * size * 3), centre.Y + ((random.NextDouble() - 0.5) * size * 3)), random.NextDouble() * size * 111_000);
            AssertAgrees(polygon, circle);
            AssertAgrees(circle, polygon);
        }
    }

    [Fact]
    public void TheInnerDiscLiesInTheArea_AndTheOuterDiscHoldsIt()
    {
        var random = new Random(3);
        for (var i = 0; i < 200; i++)
        {
            var centre = new Coordinate(35.7 + (random.NextDouble() * 6), 32.3 + (random.NextDouble() * 5));
            var radius = Radius(random);
            var area = i % 2 == 0 ? Circle(centre, radius) : Star(random, centre, 0.01 + (random.NextDouble() * 0.2));
            var bounds = AreaBounds.Of(area);
            var prepared = PreparedGeometryFactory.Prepare(area);
            if (i % 2 == 0 && radius <= 50_000)
            {
                // A 64-sided polygon's inscribed and circumscribed circles differ by 0.12 %; the map adds a little.
                Assert.True(bounds.Inner > 0.995 * bounds.Outer, "a circle's discs are within 0.5 % of one another");
            }

            for (var k = 0; k < 64; k++)
            {
                var angle = k * Math.PI / 32;
                var onInner = Factory.CreatePoint(new Coordinate(bounds.X + (bounds.Inner * Math.Cos(angle) / bounds.Scale), bounds.Y + (bounds.Inner * Math.Sin(angle))));
                var onOuter = Factory.CreatePoint(new Coordinate(bounds.X + (bounds.Outer * 1.000001 * Math.Cos(angle) / bounds.Scale), bounds.Y + (bounds.Outer * 1.000001 * Math.Sin(angle))));
                Assert.True(bounds.Inner == 0 || prepared.Covers(onInner));
                Assert.False(prepared.Intersects(onOuter));
            }
        }
    }

    [Fact]
    public void AnAreaWithAHole_HasNoInnerDisc_SoItIsNeverSaidToIntersect()
    {
        var centre = new Coordinate(36, 33);
        var holed = Factory.CreatePolygon(Ring(centre, 0.1, 16), [Ring(centre, 0.05, 16, clockwise: true)]);
        var inTheHole = Circle(centre, 1_000);

        Assert.Equal(0, AreaBounds.Of(holed).Inner);
        Assert.False(holed.Intersects(inTheHole));
        Assert.NotEqual(true, AreaBounds.Of(holed).Decide(AreaBounds.Of(inTheHole)));
        Assert.NotEqual(true, AreaBounds.Of(inTheHole).Decide(AreaBounds.Of(holed)));
        Assert.Null(default(AreaBounds).Decide(AreaBounds.Of(inTheHole)));
    }

    // True when the bounds decided; fails when they decided otherwise than the exact test.
    private static bool AssertAgrees(Geometry a, Geometry b)
    {
        var exact = a.Intersects(b);
        var decided = AreaBounds.Of(a).Decide(AreaBounds.Of(b));
        if (decided is { } answer)
        {
            Assert.True(answer == exact, $"bounds said {answer}, the exact test {exact}: {a.AsText()} / {b.AsText()}");
        }

        Assert.Equal(exact, NoticeAssessment.Intersects(PreparedGeometryFactory.Prepare(a), AreaBounds.Of(a), b, AreaBounds.Of(b)));
        return decided is not null;
    }

    private static double Radius(Random random) => random.Next(4) switch
    {
        0 => 1 + (random.NextDouble() * 100),
        1 => 100 + (random.NextDouble() * 5_000),
        2 => 5_000 + (random.NextDouble() * 50_000),
        _ => 50_000 + (random.NextDouble() * 450_000),
    };

    private static (Geometry Area, bool IsCircle) RandomArea(Random random, Coordinate centre) => random.Next(4) switch
    {
        0 => (Star(random, centre, 0.005 + (random.NextDouble() * 0.1)), false),
        _ => (Circle(centre, Radius(random) / 10), true),
    };

    private static Geometry Circle(Coordinate centre, double radiusMetres) =>
        NoticeArea.From(Factory.CreatePoint(centre), Math.Clamp(radiusMetres, NoticeArea.MinRadiusMetres, NoticeArea.MaxRadiusMetres)).Value.Geometry;

    // The point distance metres from centre along bearing (radians from east), on a local sphere: near enough, the
    // exact test decides what touches.
    private static Coordinate Offset(Coordinate centre, double metres, double bearing)
    {
        var degrees = metres / 111_195;
        return new Coordinate(centre.X + (degrees * Math.Cos(bearing) / Math.Cos(centre.Y * Math.PI / 180)), centre.Y + (degrees * Math.Sin(bearing)));
    }

    // A star-shaped polygon around centre (concave, valid).
    private static Geometry Star(Random random, Coordinate centre, double size)
    {
        var points = random.Next(3, 40);
        var ring = new Coordinate[points + 1];
        for (var k = 0; k < points; k++)
        {
            var angle = 2 * Math.PI * k / points;
            var r = size * (0.3 + (random.NextDouble() * 0.7));
            ring[k] = new Coordinate(centre.X + (r * Math.Cos(angle)), centre.Y + (r * Math.Sin(angle)));
        }

        ring[points] = ring[0].Copy();
        return NoticeArea.From(Factory.CreatePolygon(ring), null).Value.Geometry;
    }

    private static Geometry Holed(Random random, Coordinate centre, double size) =>
        NoticeArea.From(Factory.CreatePolygon(Ring(centre, size, random.Next(4, 30)), [Ring(centre, size * (0.2 + (random.NextDouble() * 0.4)), random.Next(3, 30), clockwise: true)]), null).Value.Geometry;

    private static Geometry Parts(Random random, Coordinate centre, double size)
    {
        var other = new Coordinate(centre.X + (size * 2.5), centre.Y + ((random.NextDouble() - 0.5) * size));
        return NoticeArea.From(Factory.CreateMultiPolygon([(Polygon)Star(random, centre, size), (Polygon)Star(random, other, size)]), null).Value.Geometry;
    }

    private static LinearRing Ring(Coordinate centre, double r, int points, bool clockwise = false)
    {
        var ring = new Coordinate[points + 1];
        for (var k = 0; k < points; k++)
        {
            var angle = (clockwise ? -1 : 1) * 2 * Math.PI * k / points;
            ring[k] = new Coordinate(centre.X + (r * Math.Cos(angle)), centre.Y + (r * Math.Sin(angle)));
        }

        ring[points] = ring[0].Copy();
        return Factory.CreateLinearRing(ring);
    }
}
