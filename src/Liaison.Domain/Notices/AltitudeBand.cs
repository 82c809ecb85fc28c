namespace Liaison.Domain.Notices;

/// <summary>
/// A closed band of altitudes in metres above mean sea level, <c>[MinMetres, MaxMetres]</c>, with
/// 0 ≤ min &lt; max ≤ <see cref="Ceiling"/>. <see cref="Surface"/> is the ground; <see cref="All"/> every altitude.
/// </summary>
public readonly record struct AltitudeBand
{
    /// <summary>The highest altitude a notice may name, 30 000 m.</summary>
    public const int Ceiling = 30_000;

    /// <summary>Creates a band.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The bounds break the rule above.</exception>
    public AltitudeBand(int minMetres, int maxMetres)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minMetres);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMetres, Ceiling);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxMetres, minMetres);
        MinMetres = minMetres;
        MaxMetres = maxMetres;
    }

    /// <summary>The ground: activity that stays on it (0 to 0 m, the one band with min = max).</summary>
    public static AltitudeBand Surface => default;

    /// <summary>Every altitude, ground to ceiling.</summary>
    public static AltitudeBand All { get; } = new(0, Ceiling);

    /// <summary>The lowest altitude, metres.</summary>
    public int MinMetres { get; }

    /// <summary>The highest altitude, metres.</summary>
    public int MaxMetres { get; }

    /// <summary>True when the two bands share an altitude (bounds included).</summary>
    public bool Overlaps(AltitudeBand other) => MinMetres <= other.MaxMetres && other.MinMetres <= MaxMetres;
}
