using System.Globalization;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Notices;
using Liaison.Domain.Parties;

namespace Liaison.Domain.VerificationVisits;

/// <summary>
/// A violation in a verification report: <see cref="Computed"/> when the domain found it by checking the observed
/// forces against the zone's rules (its <see cref="Rule"/> is then a conflict code such as <c>zone-limit-exceeded</c>),
/// otherwise stated by the reporter.
/// </summary>
public sealed record Violation(PartyCode Party, string Rule, string Text, bool Computed);

/// <summary>
/// Checks forces observed in a zone against its rules, as the notice assessment checks notified forces (same codes):
/// any force in a prohibited zone (<c>zone-prohibited</c>), counts beyond a limitation band's caps on troops, tanks and
/// short-range artillery (<c>zone-limit-exceeded</c>), and asset classes the zone bans (<c>zone-banned-asset</c>).
/// Pure.
/// </summary>
public static class ObservedViolations
{
    /// <summary>The violations of <paramref name="zone"/>'s rules by what was observed of each party, party by party in code order.</summary>
    public static IReadOnlyList<Violation> Check(ZoneReference zone, IReadOnlyDictionary<PartyCode, NoticeAssets> observed)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(observed);
        var name = $"{zone.Name} ({zone.Code})";
        var violations = new List<Violation>();
        foreach (var (party, assets) in observed.OrderBy(kv => kv.Key.Value, StringComparer.Ordinal))
        {
            if (assets.IsEmpty)
            {
                continue;
            }

            if (zone.Kind == ZoneKind.Prohibited)
            {
                var seen = string.Join(", ", assets.Counts.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Value} {kv.Key.Code()}")));
                violations.Add(new Violation(party, ConflictCode.ZoneProhibited.Code(), $"{seen} observed in {name}, where no military forces are allowed.", true));
            }

            foreach (var (asset, max) in new (AssetClass Asset, int? Max)[]
            {
                (AssetClass.Troops, zone.Rules.MaxTroops),
                (AssetClass.Tanks, zone.Rules.MaxTanks),
                (AssetClass.ShortRangeArtillery, zone.Rules.MaxArtillery),
            })
            {
                if (max is { } cap && assets[asset] > cap)
                {
                    violations.Add(new Violation(party, ConflictCode.ZoneLimitExceeded.Code(),
                        string.Create(CultureInfo.InvariantCulture, $"{assets[asset]} {asset.Code()} observed in {name}, beyond its limit of {cap}."), true));
                }
            }

            foreach (var banned in zone.Rules.BannedAssetClasses)
            {
                if (AssetClasses.TryParse(banned, out var asset) && assets[asset] > 0)
                {
                    violations.Add(new Violation(party, ConflictCode.ZoneBannedAsset.Code(),
                        string.Create(CultureInfo.InvariantCulture, $"{assets[asset]} {banned} observed in {name}, which bans them."), true));
                }
            }
        }

        return violations;
    }
}
