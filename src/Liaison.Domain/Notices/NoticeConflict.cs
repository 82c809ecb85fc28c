namespace Liaison.Domain.Notices;

/// <summary>Why a notice conflicts. Codes: <see cref="ConflictCodes.Code"/>.</summary>
public enum ConflictCode
{
    /// <summary>Overlaps another party's standing notice in space, altitude and time (<c>notice-overlap</c>).</summary>
    NoticeOverlap,

    /// <summary>Military activity in a prohibited zone, the Area of Separation (<c>zone-prohibited</c>).</summary>
    ZoneProhibited,

    /// <summary>Forces in a limitation band beyond its caps, counting the party's other notices there at that time (<c>zone-limit-exceeded</c>).</summary>
    ZoneLimitExceeded,

    /// <summary>An asset class the zone bans (<c>zone-banned-asset</c>).</summary>
    ZoneBannedAsset,

    /// <summary>Military activity touching a protected community (<c>zone-protected-community</c>).</summary>
    ZoneProtectedCommunity,

    /// <summary>Military activity touching a humanitarian corridor (<c>zone-humanitarian-corridor</c>).</summary>
    ZoneHumanitarianCorridor,

    /// <summary>Military activity touching an observation post (<c>zone-observation-post</c>).</summary>
    ZoneObservationPost,
}

/// <summary>A conflict found when a notice was filed: its reason, a sentence for people, and what it conflicts with.</summary>
public sealed record NoticeConflict(ConflictCode Code, string Detail, IReadOnlyList<long> Notices, IReadOnlyList<string> Zones);

/// <summary>Conflict codes as written in the API.</summary>
public static class ConflictCodes
{
    /// <summary>The code, e.g. <c>zone-limit-exceeded</c>.</summary>
    public static string Code(this ConflictCode code) => code switch
    {
        ConflictCode.NoticeOverlap => "notice-overlap",
        ConflictCode.ZoneProhibited => "zone-prohibited",
        ConflictCode.ZoneLimitExceeded => "zone-limit-exceeded",
        ConflictCode.ZoneBannedAsset => "zone-banned-asset",
        ConflictCode.ZoneProtectedCommunity => "zone-protected-community",
        ConflictCode.ZoneHumanitarianCorridor => "zone-humanitarian-corridor",
        ConflictCode.ZoneObservationPost => "zone-observation-post",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Not a conflict code."),
    };
}
