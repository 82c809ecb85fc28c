namespace Liaison.Domain.Notices;

/// <summary>The kind of a notified activity. Its code in entries and configuration is <see cref="NoticeKinds.Code"/>.</summary>
public enum NoticeKind
{
    /// <summary>Manned aircraft (<c>air-sortie</c>); needs an altitude band.</summary>
    AirSortie,

    /// <summary>Unmanned aircraft (<c>uav</c>); needs an altitude band.</summary>
    Uav,

    /// <summary>Movement of ground forces (<c>ground-movement</c>); needs the forces moved.</summary>
    GroundMovement,

    /// <summary>Live-fire exercise (<c>live-fire</c>).</summary>
    LiveFire,

    /// <summary>Artillery fire (<c>artillery</c>); needs the pieces by class.</summary>
    Artillery,

    /// <summary>A strike (<c>strike</c>), often a self-defence notice filed after the fact.</summary>
    Strike,

    /// <summary>Naval activity (<c>naval</c>).</summary>
    Naval,

    /// <summary>A humanitarian convoy (<c>humanitarian-convoy</c>); not a military activity.</summary>
    HumanitarianConvoy,

    /// <summary>Engineering works by forces (<c>engineering-works</c>).</summary>
    EngineeringWorks,
}

/// <summary>Codes and properties of <see cref="NoticeKind"/>s.</summary>
public static class NoticeKinds
{
    /// <summary>Every kind, in declaration order.</summary>
    public static IReadOnlyList<NoticeKind> All { get; } = Enum.GetValues<NoticeKind>();

    /// <summary>The code of a kind, e.g. <c>ground-movement</c>.</summary>
    public static string Code(this NoticeKind kind) => kind switch
    {
        NoticeKind.AirSortie => "air-sortie",
        NoticeKind.Uav => "uav",
        NoticeKind.GroundMovement => "ground-movement",
        NoticeKind.LiveFire => "live-fire",
        NoticeKind.Artillery => "artillery",
        NoticeKind.Strike => "strike",
        NoticeKind.Naval => "naval",
        NoticeKind.HumanitarianConvoy => "humanitarian-convoy",
        NoticeKind.EngineeringWorks => "engineering-works",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a notice kind."),
    };

    /// <summary>Parses a kind code; false when it is not one.</summary>
    public static bool TryParse(string? code, out NoticeKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Code(), code, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>True for every kind but humanitarian convoys: military forces, bound by the zones' rules.</summary>
    public static bool IsMilitary(this NoticeKind kind) => kind != NoticeKind.HumanitarianConvoy;

    /// <summary>True for air sorties and UAVs, which fly in an altitude band.</summary>
    public static bool IsAirborne(this NoticeKind kind) => kind is NoticeKind.AirSortie or NoticeKind.Uav;

    /// <summary>
    /// True for activities that send fire through the air (live fire, artillery, strikes): they endanger every aircraft
    /// above their area, so without an altitude band of their own they occupy all altitudes (the 2018 Il-20 case).
    /// Other surface activities occupy the ground only.
    /// </summary>
    public static bool FiresThroughAirspace(this NoticeKind kind) => kind is NoticeKind.LiveFire or NoticeKind.Artillery or NoticeKind.Strike;
}
