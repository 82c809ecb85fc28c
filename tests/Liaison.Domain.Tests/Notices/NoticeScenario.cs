using System.Globalization;
using System.Text.Json;
using Liaison.Domain.Geo;
using Liaison.Domain.Notices;
using Liaison.Domain.Parties;
using NetTopologySuite.Geometries;

namespace Liaison.Domain.Tests.Notices;

/// <summary>Places near the demo zones and builders of notice bodies and entries for tests.</summary>
internal static class NoticeScenario
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 10, 8, 0, 0, TimeSpan.Zero);

    public static readonly PartyCode Isr = new PartyCode("ISR");
    public static readonly PartyCode Syr = new PartyCode("SYR");
    public static readonly PartyCode Usa = new PartyCode("USA");
    public static readonly PartyCode[] Everyone = [Isr, Syr, Usa, new PartyCode("UNDOF")];

    /// <summary>Quneitra (OCHA's governorate capital point), inside the UNDOF zone.</summary>
    public static readonly Coordinate Quneitra = new(35.8264, 33.1242);

    /// <summary>As-Suwayda city, in the protected governorate.</summary>
    public static readonly Coordinate Suwayda = new(36.5697, 32.7090);

    /// <summary>Aleppo's citadel, far from the Golan.</summary>
    public static readonly Coordinate Aleppo = new(37.1628, 36.1992);

    /// <summary>A point outside the Area of Separation, east of it, about <paramref name="km"/> km from its edge (checked by the caller).</summary>
    public static Coordinate EastOfSeparation(double km)
    {
        var aos = DemoZones.Atlas.Find("aos")!.Geometry;
        var y = Quneitra.Y;
        var edge = aos.Intersection(GeoJsonReader.Factory.CreateLineString([new Coordinate(35.0, y), new Coordinate(37.0, y)])).EnvelopeInternal.MaxX;
        return new Coordinate(edge + (km / (111.32 * Math.Cos(y * Math.PI / 180))), y);
    }

    public static string Circle(Coordinate centre, double radiusMetres) =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"type":"Point","coordinates":[{{centre.X}},{{centre.Y}}]}""") + $",\"radiusMetres\":{radiusMetres.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A notice.file body. <paramref name="area"/> is the JSON of the area member's value and what follows it (see <see cref="Circle"/>).</summary>
    public static string Body(
        string kind,
        string area,
        DateTimeOffset start,
        DateTimeOffset end,
        string? assets = null,
        string? altitude = null,
        bool selfDefence = false,
        long? replaces = null)
    {
        var parts = new List<string>
        {
            $"\"kind\":\"{kind}\"",
            $"\"area\":{area}",
            $"\"window\":{{\"start\":\"{start:yyyy-MM-ddTHH:mm:ssZ}\",\"end\":\"{end:yyyy-MM-ddTHH:mm:ssZ}\"}}",
        };
        if (assets is not null)
        {
            parts.Add($"\"assets\":{{{assets}}}");
        }

        if (altitude is not null)
        {
            parts.Add($"\"altitude\":{altitude}");
        }

        if (selfDefence)
        {
            parts.Add("\"selfDefence\":true");
        }

        if (replaces is not null)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"\"replaces\":{replaces}"));
        }

        return "{" + string.Join(",", parts) + "}";
    }

    public static NoticeFiled Filing(string body)
    {
        var parsed = NoticeEvents.ParseFile(Json(body));
        Assert.True(parsed.IsSuccess, parsed.IsSuccess ? null : parsed.Error.Detail);
        return parsed.Value;
    }

    public static NoticeEntry Entry(long seq, string type, PartyCode party, DateTimeOffset at, string body, IReadOnlyList<PartyCode>? audience = null) =>
        new(seq, type, party, party.Value.ToLowerInvariant() + "-officer", audience ?? Everyone, at, at, Json(body));

    public static JsonElement Json(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}
