using System.Text.Json.Nodes;
using System.Xml;
using Liaison.Domain.Geo;
using Liaison.Domain.Notices;

namespace Liaison.Features.Notices;

/// <summary>A notice as the API, the pages and the CLI show it (see <c>NoticeView.From</c> for what each field means).</summary>
public sealed record NoticeView(
    long Id,
    string Party,
    string Author,
    string Kind,
    string Status,
    WindowView Window,
    AltitudeView? Altitude,
    IReadOnlyDictionary<string, int> Assets,
    string? Text,
    string? Lang,
    bool SelfDefence,
    JsonNode Area,
    CircleView? Circle,
    DateTimeOffset FiledAt,
    DateTimeOffset ClientTime,
    LatenessView? Late,
    int Version,
    long? Replaces,
    long? ReplacedBy,
    IReadOnlyList<ConflictView> Conflicts,
    IReadOnlyList<string> Zones,
    IReadOnlyList<ResponseView> Responses,
    IReadOnlyList<string> Audience)
{
    /// <summary>
    /// The view of <paramref name="notice"/> at <paramref name="now"/>, leaving out what entries after
    /// <paramref name="durable"/> did (they are not yet in the record).
    /// </summary>
    public static NoticeView From(Notice notice, DateTimeOffset now, long durable)
    {
        var visible = notice with
        {
            Responses = [.. notice.Responses.Where(r => r.Seq <= durable)],
            Cancellation = notice.Cancellation is { } c && c.Seq <= durable ? c : null,
            ReplacedBy = notice.ReplacedBy is { } r && r <= durable ? r : null,
        };
        var filing = notice.Filing;
        var responses = visible.Responses.Concat(visible.Cancellation is null ? [] : [visible.Cancellation])
            .Select(r => new ResponseView(r.Seq, r.Party.Value, r.Author, r.Kind.Code(), r.Reason, r.At)).ToList();
        return new NoticeView(
            notice.Id,
            notice.Party.Value,
            notice.Author,
            filing.Kind.Code(),
            visible.StatusAt(now).Code(),
            new WindowView(filing.Window.Start, filing.Window.End),
            filing.Altitude is { } band ? new AltitudeView(band.MinMetres, band.MaxMetres) : null,
            filing.Assets.Counts.ToDictionary(kv => kv.Key.Code(), kv => kv.Value),
            filing.Text,
            filing.Lang,
            filing.SelfDefence,
            GeoJsonWriter.ToNode(filing.Area.Geometry),
            filing.Area is { Centre: { } centre, RadiusMetres: { } radius } ? new CircleView([centre.X, centre.Y], radius) : null,
            notice.FiledAt,
            notice.ClientTime,
            notice.Late is { } late ? LatenessView.From(late) : null,
            notice.Version,
            filing.Replaces,
            visible.ReplacedBy,
            [.. notice.Conflicts.Select(c => new ConflictView(c.Code.Code(), c.Detail, c.Notices, c.Zones))],
            notice.Zones,
            responses,
            [.. notice.Audience.Select(p => p.Value)]);
    }
}

/// <summary>A half-open window <c>[start, end)</c>.</summary>
public sealed record WindowView(DateTimeOffset Start, DateTimeOffset End);

/// <summary>An altitude band in metres.</summary>
public sealed record AltitudeView(int MinMetres, int MaxMetres);

/// <summary>The point and radius an area was given as.</summary>
public sealed record CircleView(double[] Centre, double RadiusMetres);

/// <summary>A conflict found when the notice was filed.</summary>
public sealed record ConflictView(string Code, string Detail, IReadOnlyList<long> Notices, IReadOnlyList<string> Zones);

/// <summary>An answer to a notice, or its cancellation.</summary>
public sealed record ResponseView(long Seq, string Party, string Author, string Kind, string? Reason, DateTimeOffset At);

/// <summary>How late a notice was: the rule, the lead it required and the shortfall (ISO 8601 durations and seconds).</summary>
public sealed record LatenessView(string Rule, string RequiredLead, string Shortfall, long ShortfallSeconds)
{
    /// <summary>The view of a lateness.</summary>
    public static LatenessView From(Lateness late) =>
        new(late.Rule, XmlConvert.ToString(late.RequiredLead), XmlConvert.ToString(late.Shortfall), (long)late.Shortfall.TotalSeconds);
}
