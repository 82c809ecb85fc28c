using System.Globalization;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Notices;
using Liaison.Domain.Parties;

namespace Liaison.Web.Pages.Notices;

/// <summary>How the notice pages write kinds, spans and audiences: UTC, invariant digits, the same text as <c>notices.js</c>.</summary>
public static class NoticeDisplay
{
    /// <summary>The hub the notice pages listen to.</summary>
    public const string HubPath = "/hubs/notices";

    /// <summary>The kinds of activity a notice may announce, in the domain's order.</summary>
    public static readonly IReadOnlyList<string> Kinds = [.. NoticeKinds.All.Select(k => k.Code())];

    /// <summary>The asset classes a notice may count, in the domain's order.</summary>
    public static readonly IReadOnlyList<string> AssetClasses = [.. Domain.Notices.AssetClasses.All.Select(a => a.Code())];

    /// <summary>
    /// A duration as people read it, rounded to the minute: <c>55 min</c>, <c>2 h 5 min</c>, <c>1 d 3 h</c> (days drop the
    /// minutes). <c>notices.js</c> writes the same.
    /// </summary>
    public static string Span(TimeSpan span)
    {
        var minutes = (long)Math.Round(span.TotalMinutes, MidpointRounding.AwayFromZero);
        if (minutes < 60)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{minutes} min");
        }

        var hours = minutes / 60;
        if (hours < 24)
        {
            return minutes % 60 == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{hours} h")
                : string.Create(CultureInfo.InvariantCulture, $"{hours} h {minutes % 60} min");
        }

        var days = hours / 24;
        return hours % 24 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{days} d")
            : string.Create(CultureInfo.InvariantCulture, $"{days} d {hours % 24} h");
    }

    /// <summary>The assets a notice declares, as <c>notices.js</c> writes them: <c>300 troops, 12 tanks</c>, or <c>no assets declared</c>.</summary>
    public static string Assets(IReadOnlyDictionary<string, int> assets)
    {
        ArgumentNullException.ThrowIfNull(assets);
        var parts = assets.Where(kv => kv.Value > 0).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Value} {kv.Key}")).ToList();
        return parts.Count > 0 ? string.Join(", ", parts) : "no assets declared";
    }

    /// <summary>An instant in UTC to the minute: <c>2026-01-06 09:05 UTC</c>.</summary>
    public static string Utc(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>The machine-readable form of an instant, for <c>datetime</c> attributes.</summary>
    public static string Iso(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Every party code in configuration order, as the map's colours follow it.</summary>
    public static string PartyCodes(MechanismConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return string.Join(' ', config.Parties.Select(p => p.Code.Value));
    }

    /// <summary>The parties of kind "party": the ones that file notices and answer each other's.</summary>
    public static IReadOnlyList<PartyCode> FilingParties(MechanismConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.PartiesOfKind(PartyKind.Party).Select(p => p.Code).ToList();
    }
}
