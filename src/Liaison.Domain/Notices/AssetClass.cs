namespace Liaison.Domain.Notices;

/// <summary>A class of forces or equipment counted in a notice. Codes: <see cref="AssetClasses.Code"/>.</summary>
public enum AssetClass
{
    /// <summary>Troops (<c>troops</c>), in persons.</summary>
    Troops,

    /// <summary>Tanks (<c>tanks</c>).</summary>
    Tanks,

    /// <summary>Short-range artillery pieces (<c>short-range-artillery</c>; 1974: howitzers up to 122 mm, range up to 12 km).</summary>
    ShortRangeArtillery,

    /// <summary>Heavy artillery (<c>heavy-artillery</c>), beyond the short-range class.</summary>
    HeavyArtillery,

    /// <summary>Manned aircraft (<c>aircraft</c>).</summary>
    Aircraft,

    /// <summary>Unmanned aircraft (<c>uav</c>).</summary>
    Uav,

    /// <summary>Surface-to-air missile systems (<c>surface-to-air-missile</c>).</summary>
    SurfaceToAirMissile,

    /// <summary>Surface-to-surface missile systems (<c>surface-to-surface-missile</c>).</summary>
    SurfaceToSurfaceMissile,

    /// <summary>Vessels (<c>vessels</c>).</summary>
    Vessels,
}

/// <summary>Codes of <see cref="AssetClass"/>es; zone rules name banned classes by these codes.</summary>
public static class AssetClasses
{
    /// <summary>Every class, in declaration order.</summary>
    public static IReadOnlyList<AssetClass> All { get; } = Enum.GetValues<AssetClass>();

    /// <summary>The code of a class, e.g. <c>heavy-artillery</c>.</summary>
    public static string Code(this AssetClass asset) => asset switch
    {
        AssetClass.Troops => "troops",
        AssetClass.Tanks => "tanks",
        AssetClass.ShortRangeArtillery => "short-range-artillery",
        AssetClass.HeavyArtillery => "heavy-artillery",
        AssetClass.Aircraft => "aircraft",
        AssetClass.Uav => "uav",
        AssetClass.SurfaceToAirMissile => "surface-to-air-missile",
        AssetClass.SurfaceToSurfaceMissile => "surface-to-surface-missile",
        AssetClass.Vessels => "vessels",
        _ => throw new ArgumentOutOfRangeException(nameof(asset), asset, "Not an asset class."),
    };

    /// <summary>Parses a class code; false when it is not one.</summary>
    public static bool TryParse(string? code, out AssetClass asset)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Code(), code, StringComparison.Ordinal))
            {
                asset = candidate;
                return true;
            }
        }

        asset = default;
        return false;
    }

    /// <summary>The class codes, comma-separated, for error messages.</summary>
    public static string Listing { get; } = string.Join(", ", All.Select(a => a.Code()));
}
