namespace Liaison.Domain.Mechanism;

/// <summary>
/// A zone of the mechanism. <see cref="Source"/> is the path of a GeoJSON file (RFC 7946, lon/lat WGS 84) relative
/// to the configuration file, as written there, with '/' separators and never leaving that file's folder; <see cref="SourcePath"/> is its absolute path, or null when the
/// configuration was parsed without a base directory. The zone's geometry is the union of the file's features,
/// or, when <see cref="ZoneRules.DepthBandKm"/> is set, the band at that depth around them. The loader checked the
/// file exists, not what it holds. <see cref="Attribution"/> is the credit the data's licence requires.
/// </summary>
public sealed record ZoneReference(string Code, string Name, ZoneKind Kind, string Source, string? SourcePath, ZoneRules Rules, string? Attribution);

/// <summary>
/// Rules on what may be inside a zone. A null maximum means no limit; counts are inclusive maxima (at most this many).
/// <see cref="BannedAssetClasses"/> are lower-case slugs (e.g. <c>heavy-artillery</c>, <c>surface-to-air-missile</c>).
/// </summary>
public sealed record ZoneRules(int? MaxTroops, int? MaxTanks, int? MaxArtillery, IReadOnlyList<string> BannedAssetClasses, DepthBand? DepthBandKm)
{
    /// <summary>No rules beyond what the zone's kind implies.</summary>
    public static ZoneRules None { get; } = new(null, null, null, [], null);
}

/// <summary>
/// A band at a depth from a geometry, in kilometres: the points whose distance from the source geometry (0 inside it)
/// is in the closed range [<see cref="FromKm"/>, <see cref="ToKm"/>]. <c>default(DepthBand)</c> is 0 to 0 km: the
/// geometry itself; the constructor never makes it.
/// </summary>
public readonly record struct DepthBand
{
    /// <summary>Creates a band.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, <paramref name="fromKm"/> is negative, or <paramref name="toKm"/> is not above it.</exception>
    public DepthBand(double fromKm, double toKm)
    {
        if (!double.IsFinite(fromKm) || fromKm < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(fromKm), fromKm, "The inner edge is a finite, non-negative number of kilometres.");
        }

        if (!double.IsFinite(toKm) || toKm <= fromKm)
        {
            throw new ArgumentOutOfRangeException(nameof(toKm), toKm, "The outer edge is a finite number of kilometres beyond the inner edge.");
        }

        FromKm = fromKm;
        ToKm = toKm;
    }

    /// <summary>The inner edge, in kilometres from the source geometry (0 = its boundary).</summary>
    public double FromKm { get; }

    /// <summary>The outer edge, in kilometres from the source geometry.</summary>
    public double ToKm { get; }
}
