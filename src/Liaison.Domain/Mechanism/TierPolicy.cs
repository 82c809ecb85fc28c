namespace Liaison.Domain.Mechanism;

/// <summary>
/// The cooperation tiers, lowest first, the tier a new mechanism starts in and the rule for promotion. Each tier lists
/// the capabilities it adds; a tier grants its own and those of every lower tier. The loader guarantees at least one
/// tier, unique tier codes, no capability in two tiers and a <see cref="StartingTier"/> that is one of the tiers.
/// </summary>
public sealed record TierPolicy(IReadOnlyList<TierConfig> Tiers, string StartingTier, PromotionRule Promotion)
{
    /// <summary>T0 contact to T4 partnership as in DESIGN.md, starting at T0, with the default promotion rule.</summary>
    public static TierPolicy Default { get; } = new(
        [
            new("T0", "Contact", [TierCapabilities.Hotline]),
            new("T1", "Deconfliction", [TierCapabilities.Notices, TierCapabilities.Incidents]),
            new("T2", "Information exchange", [TierCapabilities.InformationExchange, TierCapabilities.HumanitarianCoordination]),
            new("T3", "Coordinated action", [TierCapabilities.CoordinatedInterdiction, TierCapabilities.Intelligence]),
            new("T4", "Partnership", [TierCapabilities.Commercial, TierCapabilities.WiderIntelligence]),
        ],
        "T0",
        PromotionRule.Default);

    /// <summary>The position of a tier, 0 for the lowest; -1 when there is no such tier.</summary>
    public int IndexOf(string tierCode)
    {
        for (var i = 0; i < Tiers.Count; i++)
        {
            if (string.Equals(Tiers[i].Code, tierCode, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The tier with this code, or null.</summary>
    public TierConfig? FindTier(string tierCode) => IndexOf(tierCode) is var i and >= 0 ? Tiers[i] : null;

    /// <summary>The tier above <paramref name="tierCode"/>, or null at the top or for an unknown code.</summary>
    public TierConfig? Above(string tierCode) => IndexOf(tierCode) is var i and >= 0 && i + 1 < Tiers.Count ? Tiers[i + 1] : null;

    /// <summary>Every capability open at a tier (its own and those of all lower tiers); empty for an unknown code.</summary>
    public IReadOnlySet<string> CapabilitiesAt(string tierCode) =>
        Tiers.Take(IndexOf(tierCode) + 1).SelectMany(t => t.Capabilities).ToHashSet(StringComparer.Ordinal);

    /// <summary>True when <paramref name="capability"/> is open at <paramref name="tierCode"/>.</summary>
    public bool Allows(string tierCode, string capability) => CapabilitiesAt(tierCode).Contains(capability);

    /// <summary>The lowest tier granting <paramref name="capability"/>, or null when no tier does; for "opens at T3" messages.</summary>
    public TierConfig? TierGranting(string capability) => Tiers.FirstOrDefault(t => t.Capabilities.Contains(capability, StringComparer.Ordinal));
}

/// <summary>A cooperation tier: a code (e.g. <c>T2</c>), a name and the capabilities (lower-case slugs) it adds.</summary>
public sealed record TierConfig(string Code, string Name, IReadOnlyList<string> Capabilities);

/// <summary>
/// When a mechanism may move up one tier: a composite compliance of at least <see cref="MinCompositeCompliance"/>
/// (0 to 1) in each of the last <see cref="Periods"/> periods of <see cref="PeriodLength"/>, no substantiated major
/// violation within <see cref="NoMajorViolationWindow"/>, and, where required, the convener's attestation and every
/// party's consent.
/// </summary>
public sealed record PromotionRule
{
    /// <summary>0.8 in each of 3 periods of 30 days, no major violation in 90 days, attestation and consent required.</summary>
    public static PromotionRule Default { get; } = new();

    /// <summary>The lowest composite compliance score, 0 to 1 inclusive, each period must reach (default 0.8).</summary>
    public double MinCompositeCompliance { get; init; } = 0.8;

    /// <summary>How many consecutive periods must reach it, at least 1 (default 3).</summary>
    public int Periods { get; init; } = 3;

    /// <summary>The length of a period (default 30 days).</summary>
    public TimeSpan PeriodLength { get; init; } = TimeSpan.FromDays(30);

    /// <summary>The window in which no substantiated major violation may have been found (default 90 days).</summary>
    public TimeSpan NoMajorViolationWindow { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Whether the convener must attest (default true).</summary>
    public bool ConvenerAttestationRequired { get; init; } = true;

    /// <summary>Whether each party (of kind party) must consent (default true).</summary>
    public bool ConsentOfEachPartyRequired { get; init; } = true;
}

/// <summary>The capability codes of the default tiers, so features can gate on them by name.</summary>
public static class TierCapabilities
{
    /// <summary>T0: the hotline.</summary>
    public const string Hotline = "hotline";

    /// <summary>T1: activity notices (deconfliction).</summary>
    public const string Notices = "notices";

    /// <summary>T1: incident reports.</summary>
    public const string Incidents = "incidents";

    /// <summary>T2: sanitised information on smuggling, drugs and terror.</summary>
    public const string InformationExchange = "information-exchange";

    /// <summary>T2: humanitarian coordination.</summary>
    public const string HumanitarianCoordination = "humanitarian-coordination";

    /// <summary>T3: coordinated interdictions.</summary>
    public const string CoordinatedInterdiction = "coordinated-interdiction";

    /// <summary>T3: intelligence with releasability.</summary>
    public const string Intelligence = "intelligence";

    /// <summary>T4: commercial opportunities.</summary>
    public const string Commercial = "commercial";

    /// <summary>T4: wider intelligence cooperation.</summary>
    public const string WiderIntelligence = "wider-intelligence";
}
