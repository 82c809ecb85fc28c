namespace Liaison.Domain.Mechanism;

/// <summary>What a zone is. Its configuration code is <see cref="ZoneKinds.Code"/> (e.g. <c>limitation-band</c>).</summary>
public enum ZoneKind
{
    /// <summary>No military forces at all (the Area of Separation).</summary>
    Prohibited,

    /// <summary>Forces allowed within limits (an Area of Limitation), see <see cref="ZoneRules"/>.</summary>
    LimitationBand,

    /// <summary>A community under protection (e.g. the Druze of As-Suwayda).</summary>
    ProtectedCommunity,

    /// <summary>A corridor kept open for humanitarian movement.</summary>
    HumanitarianCorridor,

    /// <summary>An observation post or position (e.g. on Mount Hermon).</summary>
    ObservationPost,
}

/// <summary>Zone kind codes as written in configuration.</summary>
public static class ZoneKinds
{
    /// <summary>Every kind, in declaration order.</summary>
    public static IReadOnlyList<ZoneKind> All { get; } = Enum.GetValues<ZoneKind>();

    /// <summary>The configuration code of a kind, e.g. <c>humanitarian-corridor</c>.</summary>
    public static string Code(this ZoneKind kind) => kind switch
    {
        ZoneKind.Prohibited => "prohibited",
        ZoneKind.LimitationBand => "limitation-band",
        ZoneKind.ProtectedCommunity => "protected-community",
        ZoneKind.HumanitarianCorridor => "humanitarian-corridor",
        ZoneKind.ObservationPost => "observation-post",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a zone kind."),
    };

    /// <summary>Parses a zone kind code; false when it is not one.</summary>
    public static bool TryParse(string? text, out ZoneKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Code(), text, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
