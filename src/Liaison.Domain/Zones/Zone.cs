using Liaison.Domain.Mechanism;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Liaison.Domain.Zones;

/// <summary>
/// A zone with its geometry in longitude/latitude: the configuration's reference (code, kind, rules, source file,
/// attribution) and the shape computed from the source (for a depth band, the band around it). Prepared for fast
/// intersection tests.
/// </summary>
public sealed class Zone
{
    /// <summary>Creates a zone.</summary>
    public Zone(ZoneReference reference, Geometry geometry)
    {
        Reference = reference;
        Geometry = geometry;
        Prepared = PreparedGeometryFactory.Prepare(geometry);
    }

    /// <summary>What the configuration says of the zone.</summary>
    public ZoneReference Reference { get; }

    /// <summary>The zone's code, e.g. <c>aol-10km</c>.</summary>
    public string Code => Reference.Code;

    /// <summary>The zone's kind.</summary>
    public ZoneKind Kind => Reference.Kind;

    /// <summary>The zone's rules.</summary>
    public ZoneRules Rules => Reference.Rules;

    /// <summary>The zone's shape (longitude/latitude).</summary>
    public Geometry Geometry { get; }

    /// <summary>The shape prepared for repeated intersection tests.</summary>
    public IPreparedGeometry Prepared { get; }
}
