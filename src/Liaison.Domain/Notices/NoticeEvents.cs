using System.Text.Json;
using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Geo;
using Liaison.Domain.Hotline;

namespace Liaison.Domain.Notices;

/// <summary>What a notice entry says, parsed from its body.</summary>
public abstract record NoticeEvent;

/// <summary>
/// A party notifies an activity (<c>notice.file</c>); with <see cref="Replaces"/> it amends an earlier notice.
/// <see cref="Window"/> is half-open <c>[start, end)</c>; <see cref="Altitude"/> is null for activities on the ground.
/// </summary>
public sealed record NoticeFiled(
    NoticeKind Kind,
    NoticeArea Area,
    AltitudeBand? Altitude,
    ActivityWindow Window,
    NoticeAssets Assets,
    string? Text,
    string? Lang,
    bool SelfDefence,
    long? Replaces) : NoticeEvent
{
    /// <summary>The altitudes the activity occupies: its band, all of them for fire without one, the ground otherwise.</summary>
    public AltitudeBand Vertical => Altitude ?? (Kind.FiresThroughAirspace() ? AltitudeBand.All : AltitudeBand.Surface);
}

/// <summary>The other party acknowledges a notice (<c>notice.ack</c>).</summary>
public sealed record NoticeAcknowledged(long Notice) : NoticeEvent;

/// <summary>The other party objects to a notice, with a reason (<c>notice.object</c>).</summary>
public sealed record NoticeObjected(long Notice, string Reason) : NoticeEvent;

/// <summary>The filing party cancels its notice, with a reason (<c>notice.cancel</c>).</summary>
public sealed record NoticeCancelled(long Notice, string Reason) : NoticeEvent;

/// <summary>
/// Parses notice entry bodies. Pure. Reports the first wrong field as <c>payload-invalid</c> naming it, or a geometry
/// error (<c>geojson-invalid</c>, <c>geometry-invalid</c>) naming its JSON path. The same parsers are the entry types'
/// body validators, so what is admitted always parses.
/// </summary>
public static class NoticeEvents
{
    /// <summary>The largest count of one asset class in a notice.</summary>
    public const int MaxAssetCount = 1_000_000;

    /// <summary>Parses the body of an entry of notice type <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not a notice entry type.</exception>
    public static Result<NoticeEvent> Parse(string type, JsonElement body) => type switch
    {
        NoticeEntryTypes.File => Up(ParseFile(body)),
        NoticeEntryTypes.Acknowledge => Up(HotlineFields.Seq(body, "notice").Map(n => new NoticeAcknowledged(n))),
        NoticeEntryTypes.Object => Up(Answer(body, (n, reason) => new NoticeObjected(n, reason))),
        NoticeEntryTypes.Cancel => Up(Answer(body, (n, reason) => new NoticeCancelled(n, reason))),
        _ => throw new ArgumentException($"'{type}' is not a notice entry type.", nameof(type)),
    };

    /// <summary>
    /// <c>notice.file</c>, in this order: <c>kind</c>; <c>area</c> (a GeoJSON Polygon or MultiPolygon, or a Point with
    /// <c>radiusMetres</c>); <c>altitude</c> <c>{minMetres, maxMetres}</c> (required for air sorties and UAVs, allowed
    /// for live fire, artillery and strikes, refused otherwise); <c>window</c> <c>{start, end}</c> (RFC 3339, end after
    /// start); <c>assets</c> (optional object of class code → count); <c>text</c> and <c>lang</c> (optional, together);
    /// <c>selfDefence</c> (optional boolean); <c>replaces</c> (optional notice id). Then what the kind requires: forces
    /// for a ground movement, pieces by class for artillery.
    /// </summary>
    public static Result<NoticeFiled> ParseFile(JsonElement body)
    {
        if (!body.TryGetProperty("kind", out var kindElement) || kindElement.ValueKind != JsonValueKind.String
            || !NoticeKinds.TryParse(kindElement.GetString(), out var kind))
        {
            return EntryErrors.InvalidField("kind", $"must be one of {string.Join(", ", NoticeKinds.All.Select(k => k.Code()))}");
        }

        if (!body.TryGetProperty("area", out var areaElement))
        {
            return EntryErrors.InvalidField("area", "is required: a GeoJSON Polygon or MultiPolygon, or a Point with 'radiusMetres'");
        }

        double? radius = null;
        if (body.TryGetProperty("radiusMetres", out var radiusElement) && radiusElement.ValueKind != JsonValueKind.Null)
        {
            if (radiusElement.ValueKind != JsonValueKind.Number)
            {
                return EntryErrors.InvalidField("radiusMetres", "must be a number of metres");
            }

            radius = radiusElement.GetDouble();
        }

        var area = NoticeArea.Read(areaElement, radius);
        if (!area.IsSuccess)
        {
            return area.Error;
        }

        var altitude = Altitude(body, kind);
        if (!altitude.IsSuccess)
        {
            return altitude.Error;
        }

        if (!body.TryGetProperty("window", out var windowElement) || windowElement.ValueKind != JsonValueKind.Object)
        {
            return EntryErrors.InvalidField("window", "is required: an object with 'start' and 'end' (RFC 3339, UTC)");
        }

        var start = HotlineFields.Time(windowElement, "start", "window.start");
        if (!start.IsSuccess)
        {
            return start.Error;
        }

        var end = HotlineFields.Time(windowElement, "end", "window.end");
        if (!end.IsSuccess)
        {
            return end.Error;
        }

        if (end.Value <= start.Value)
        {
            return EntryErrors.InvalidField("window", $"ends ({end.Value:O}) before or when it starts ({start.Value:O}); a window is [start, end)");
        }

        var assets = Assets(body);
        if (!assets.IsSuccess)
        {
            return assets.Error;
        }

        string? text = null;
        string? lang = null;
        if (body.TryGetProperty("text", out var textElement) && textElement.ValueKind != JsonValueKind.Null)
        {
            var read = HotlineFields.Text(body, "text", 10_000);
            if (!read.IsSuccess)
            {
                return read.Error;
            }

            var readLang = HotlineFields.Lang(body, "lang");
            if (!readLang.IsSuccess)
            {
                return readLang.Error;
            }

            (text, lang) = (read.Value, readLang.Value);
        }

        var selfDefence = false;
        if (body.TryGetProperty("selfDefence", out var selfDefenceElement) && selfDefenceElement.ValueKind != JsonValueKind.Null)
        {
            if (selfDefenceElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return EntryErrors.InvalidField("selfDefence", "must be true or false");
            }

            selfDefence = selfDefenceElement.GetBoolean();
        }

        var replaces = HotlineFields.OptionalSeq(body, "replaces");
        if (!replaces.IsSuccess)
        {
            return replaces.Error;
        }

        var required = Required(kind, assets.Value);
        if (required is not null)
        {
            return required;
        }

        return new NoticeFiled(kind, area.Value, altitude.Value, new ActivityWindow(start.Value, end.Value), assets.Value, text, lang, selfDefence, replaces.Value);
    }

    private static Error? Required(NoticeKind kind, NoticeAssets assets) => kind switch
    {
        NoticeKind.GroundMovement when assets.IsEmpty =>
            EntryErrors.InvalidField("assets", "must list the forces a ground movement moves (troops, tanks, artillery …)"),
        NoticeKind.Artillery when assets[AssetClass.ShortRangeArtillery] + assets[AssetClass.HeavyArtillery] == 0 =>
            EntryErrors.InvalidField("assets", "must list the artillery pieces by class (short-range-artillery, heavy-artillery)"),
        _ => null,
    };

    private static Result<AltitudeBand?> Altitude(JsonElement body, NoticeKind kind)
    {
        if (!body.TryGetProperty("altitude", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return kind.IsAirborne()
                ? EntryErrors.InvalidField("altitude", $"is required for {kind.Code()}: an object {{\"minMetres\": …, \"maxMetres\": …}}")
                : (AltitudeBand?)null;
        }

        if (!kind.IsAirborne() && !kind.FiresThroughAirspace())
        {
            return EntryErrors.InvalidField("altitude", $"goes only with air sorties, UAVs, live fire, artillery and strikes, not {kind.Code()}");
        }

        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("minMetres", out var min) || !min.TryGetInt32(out var minMetres)
            || !element.TryGetProperty("maxMetres", out var max) || !max.TryGetInt32(out var maxMetres))
        {
            return EntryErrors.InvalidField("altitude", "must be an object {\"minMetres\": …, \"maxMetres\": …} of whole metres");
        }

        if (minMetres < 0 || maxMetres > AltitudeBand.Ceiling || maxMetres <= minMetres)
        {
            return EntryErrors.InvalidField("altitude", $"must have 0 ≤ minMetres < maxMetres ≤ {AltitudeBand.Ceiling}");
        }

        return new AltitudeBand(minMetres, maxMetres);
    }

    private static Result<NoticeAssets> Assets(JsonElement body)
    {
        if (!body.TryGetProperty("assets", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return NoticeAssets.None;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return EntryErrors.InvalidField("assets", "must be an object of asset class → count");
        }

        var counts = new List<KeyValuePair<AssetClass, int>>();
        foreach (var property in element.EnumerateObject())
        {
            if (!AssetClasses.TryParse(property.Name, out var asset))
            {
                return EntryErrors.InvalidField($"assets.{property.Name}", $"is not an asset class (they are {AssetClasses.Listing})");
            }

            if (!property.Value.TryGetInt32(out var count) || count < 0 || count > MaxAssetCount)
            {
                return EntryErrors.InvalidField($"assets.{property.Name}", $"must be a whole number from 0 to {MaxAssetCount}");
            }

            counts.Add(new(asset, count));
        }

        return new NoticeAssets(counts);
    }

    private static Result<T> Answer<T>(JsonElement body, Func<long, string, T> make)
    {
        var notice = HotlineFields.Seq(body, "notice");
        if (!notice.IsSuccess)
        {
            return notice.Error;
        }

        var reason = HotlineFields.Text(body, "reason", 2_000);
        return reason.IsSuccess ? make(notice.Value, reason.Value) : reason.Error;
    }

    private static Result<NoticeEvent> Up<T>(Result<T> result)
        where T : NoticeEvent => result.Map(e => (NoticeEvent)e);
}
