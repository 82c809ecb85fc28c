using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Geo;
using Liaison.Domain.Hotline;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;
using NetTopologySuite.Geometries;

namespace Liaison.Domain.Incidents;

/// <summary>What an incident entry says, parsed from its body.</summary>
public abstract record IncidentEvent;

/// <summary>A range of people, <c>min ≤ max</c>, both 0 or more.</summary>
public sealed record CountRange(int Min, int Max);

/// <summary>The killed and wounded of one side (a party code, or <c>civilians</c>), each a range or unknown.</summary>
public sealed record Casualties(string Side, CountRange? Killed, CountRange? Wounded);

/// <summary>The reporter's grading by the NATO Admiralty code: source reliability A–F, information credibility 1–6.</summary>
public sealed record Grading(char Reliability, int Credibility)
{
    /// <summary>The code, e.g. <c>B2</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Reliability}{Credibility}");
}

/// <summary>
/// An incident is reported (<c>incident.report</c>): its category, when (<see cref="Start"/>, and <see cref="End"/> for an
/// interval), where (a Point, Polygon or MultiPolygon, and the gazetteer name it was given as), the actors, casualties by
/// side, the narrative, evidence attachments, the grading, the parties that must acknowledge it (<see cref="Concerns"/>,
/// empty: the other parties) and links to notices and hotline messages.
/// </summary>
public sealed record IncidentReported(
    string Category,
    DateTimeOffset Start,
    DateTimeOffset? End,
    Geometry Location,
    string? PlaceName,
    IReadOnlyList<string> Actors,
    IReadOnlyList<Casualties> Casualties,
    string? Narrative,
    string? Lang,
    IReadOnlyList<Attachment> Evidence,
    Grading Grading,
    IReadOnlyList<PartyCode> Concerns,
    IReadOnlyList<long> LinkedNotices,
    IReadOnlyList<long> LinkedMessages) : IncidentEvent
{
    /// <summary>The point the incident is placed at: the point itself, or the interior point of its area.</summary>
    public Coordinate Point => Location is Point p ? p.Coordinate : Location.InteriorPoint.Coordinate;
}

/// <summary>A concerned party acknowledges (<c>incident.ack</c>).</summary>
public sealed record IncidentAcknowledged(long Incident) : IncidentEvent;

/// <summary>The joint review opens (<c>incident.review</c>).</summary>
public sealed record IncidentReviewOpened(long Incident) : IncidentEvent;

/// <summary>The review ends in agreement (<c>incident.resolve</c>).</summary>
public sealed record IncidentResolved(long Incident, string Text, string Lang) : IncidentEvent;

/// <summary>A concerned party disputes the report (<c>incident.dispute</c>).</summary>
public sealed record IncidentDisputed(long Incident, string Reason, string Lang) : IncidentEvent;

/// <summary>The disputed incident goes to the convener (<c>incident.refer</c>).</summary>
public sealed record IncidentReferred(long Incident) : IncidentEvent;

/// <summary>What the convener found.</summary>
public enum FindingOutcome
{
    /// <summary>The report is borne out.</summary>
    Substantiated,

    /// <summary>The report is not borne out.</summary>
    Unsubstantiated,

    /// <summary>The evidence does not decide it.</summary>
    Inconclusive,
}

/// <summary>The convener's finding, with reasons (<c>incident.finding</c>).</summary>
public sealed record IncidentFindingRecorded(long Incident, FindingOutcome Outcome, string Reasons, string Lang) : IncidentEvent;

/// <summary>The reports are one event (<c>incident.link</c>).</summary>
public sealed record IncidentsLinked(IReadOnlyList<long> Incidents, string? Reason) : IncidentEvent;

/// <summary>Which deadline an escalation is for.</summary>
public enum EscalationStage
{
    /// <summary>No acknowledgement within <c>incidentAcknowledgement</c> of the report.</summary>
    Acknowledgement,

    /// <summary>No resolution or dispute within <c>incidentReview</c> of the acknowledgement.</summary>
    Review,

    /// <summary>No finding within <c>incidentFinding</c> of the referral.</summary>
    Finding,
}

/// <summary>The server records a missed deadline (<c>incident.escalate</c>): the stage and the instant it fell due.</summary>
public sealed record IncidentEscalated(long Incident, EscalationStage Stage, DateTimeOffset Deadline) : IncidentEvent;

/// <summary>
/// Parses incident entry bodies. Pure. Reports the first wrong field as <c>payload-invalid</c> naming it, or a geometry
/// error naming its JSON path. With a configuration, category and actor codes must be configured ones and casualty sides
/// configured parties; without one (the entry types' body validators) only their form is checked.
/// </summary>
public static partial class IncidentEvents
{
    /// <summary>The largest count of people in a casualty range.</summary>
    public const int MaxCount = 1_000_000;

    /// <summary>The most evidence files one report may carry.</summary>
    public const int MaxEvidence = 20;

    /// <summary>The key of civilian casualties.</summary>
    public const string Civilians = "civilians";

    /// <summary>Parses the body of an entry of incident type <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not an incident entry type.</exception>
    public static Result<IncidentEvent> Parse(string type, JsonElement body, MechanismConfig? config = null) => type switch
    {
        IncidentEntryTypes.Report => Up(ParseReport(body, config)),
        IncidentEntryTypes.Acknowledge => Up(HotlineFields.Seq(body, "incident").Map(n => new IncidentAcknowledged(n))),
        IncidentEntryTypes.Review => Up(HotlineFields.Seq(body, "incident").Map(n => new IncidentReviewOpened(n))),
        IncidentEntryTypes.Resolve => Up(Worded(body, "text", (n, text, lang) => new IncidentResolved(n, text, lang))),
        IncidentEntryTypes.Dispute => Up(Worded(body, "reason", (n, reason, lang) => new IncidentDisputed(n, reason, lang))),
        IncidentEntryTypes.Refer => Up(HotlineFields.Seq(body, "incident").Map(n => new IncidentReferred(n))),
        IncidentEntryTypes.Finding => Up(ParseFinding(body)),
        IncidentEntryTypes.Link => Up(ParseLink(body)),
        IncidentEntryTypes.Escalate => Up(ParseEscalate(body)),
        _ => throw new ArgumentException($"'{type}' is not an incident entry type.", nameof(type)),
    };

    /// <summary>
    /// <c>incident.report</c>, in this order: <c>category</c>; <c>time</c> <c>{start, end?}</c> (end after start);
    /// <c>location</c> (GeoJSON Point, Polygon or MultiPolygon); <c>placeName</c> (optional); <c>actors</c> (codes, may be
    /// empty); <c>casualties</c> (optional, side → <c>{killed?, wounded?}</c> of <c>{min, max}</c>); <c>narrative</c>
    /// (optional <c>{text, lang}</c>); <c>evidence</c> (optional attachments); <c>grading</c> (<c>A1</c>…<c>F6</c>); <c>concerns</c>
    /// (optional party codes); <c>links</c> (optional <c>{notices?, messages?}</c> of sequence numbers).
    /// </summary>
    public static Result<IncidentReported> ParseReport(JsonElement body, MechanismConfig? config = null)
    {
        var category = HotlineFields.Slug(body, "category");
        if (!category.IsSuccess)
        {
            return category.Error;
        }

        if (config is not null && !config.Incidents.IsCategory(category.Value))
        {
            return EntryErrors.InvalidField("category", $"'{category.Value}' is not a category; they are {string.Join(", ", config.Incidents.Categories.Select(c => c.Code))}");
        }

        if (!body.TryGetProperty("time", out var time) || time.ValueKind != JsonValueKind.Object)
        {
            return EntryErrors.InvalidField("time", "is required: an object with 'start' and optionally 'end' (RFC 3339, UTC)");
        }

        var start = HotlineFields.Time(time, "start", "time.start");
        if (!start.IsSuccess)
        {
            return start.Error;
        }

        DateTimeOffset? end = null;
        if (time.TryGetProperty("end", out var endElement) && endElement.ValueKind != JsonValueKind.Null)
        {
            var read = HotlineFields.Time(time, "end", "time.end");
            if (!read.IsSuccess)
            {
                return read.Error;
            }

            if (read.Value <= start.Value)
            {
                return EntryErrors.InvalidField("time", $"ends ({read.Value:O}) before or when it starts ({start.Value:O})");
            }

            end = read.Value;
        }

        var location = Location(body);
        if (!location.IsSuccess)
        {
            return location.Error;
        }

        string? placeName = null;
        if (body.TryGetProperty("placeName", out var placeElement) && placeElement.ValueKind != JsonValueKind.Null)
        {
            var place = HotlineFields.Text(body, "placeName", 200);
            if (!place.IsSuccess)
            {
                return place.Error;
            }

            placeName = place.Value;
        }

        var actors = Codes(body, "actors", config is null ? null : config.Incidents.IsActor, config is null ? string.Empty : string.Join(", ", config.Incidents.Actors.Select(a => a.Code)));
        if (!actors.IsSuccess)
        {
            return actors.Error;
        }

        var casualties = ReadCasualties(body, config);
        if (!casualties.IsSuccess)
        {
            return casualties.Error;
        }

        string? text = null;
        string? lang = null;
        if (body.TryGetProperty("narrative", out var narrative) && narrative.ValueKind != JsonValueKind.Null)
        {
            if (narrative.ValueKind != JsonValueKind.Object)
            {
                return EntryErrors.InvalidField("narrative", "must be an object {\"text\": …, \"lang\": …}");
            }

            var readText = HotlineFields.Text(narrative, "text", 20_000, "narrative.text");
            if (!readText.IsSuccess)
            {
                return readText.Error;
            }

            var readLang = HotlineFields.Lang(narrative, "lang");
            if (!readLang.IsSuccess)
            {
                return EntryErrors.InvalidField("narrative.lang", "must be a BCP 47 language tag such as 'ar', 'he' or 'en'");
            }

            (text, lang) = (readText.Value, readLang.Value);
        }

        var evidence = ReadEvidence(body);
        if (!evidence.IsSuccess)
        {
            return evidence.Error;
        }

        if (!body.TryGetProperty("grading", out var gradingElement) || gradingElement.ValueKind != JsonValueKind.String
            || GradingPattern().Match(gradingElement.GetString()!) is not { Success: true } grading)
        {
            return EntryErrors.InvalidField("grading", "must be the NATO Admiralty code: source reliability A–F then information credibility 1–6, e.g. 'B2'");
        }

        var concerns = Parties(body, "concerns");
        if (!concerns.IsSuccess)
        {
            return concerns.Error;
        }

        var links = Links(body);
        if (!links.IsSuccess)
        {
            return links.Error;
        }

        return new IncidentReported(
            category.Value, start.Value, end, location.Value, placeName, actors.Value, casualties.Value, text, lang, evidence.Value,
            new Grading(grading.Value[0], grading.Value[1] - '0'), concerns.Value, links.Value.Notices, links.Value.Messages);
    }

    /// <summary>The code of an outcome: <c>substantiated</c>, <c>unsubstantiated</c> or <c>inconclusive</c>.</summary>
    public static string Code(this FindingOutcome outcome) => outcome.ToString().ToLowerInvariant();

    /// <summary>The code of a stage: <c>acknowledgement</c>, <c>review</c> or <c>finding</c>.</summary>
    public static string Code(this EscalationStage stage) => stage.ToString().ToLowerInvariant();

    /// <summary>Reads an outcome code.</summary>
    public static bool TryParseOutcome(string? code, out FindingOutcome outcome)
    {
        foreach (var candidate in Enum.GetValues<FindingOutcome>())
        {
            if (string.Equals(candidate.Code(), code, StringComparison.Ordinal))
            {
                outcome = candidate;
                return true;
            }
        }

        outcome = default;
        return false;
    }

    private static Result<Geometry> Location(JsonElement body)
    {
        if (!body.TryGetProperty("location", out var element))
        {
            return EntryErrors.InvalidField("location", "is required: a GeoJSON Point, Polygon or MultiPolygon");
        }

        var read = GeoJsonReader.ReadGeometry(element, "$.location");
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        if (read.Value is Point point)
        {
            return point.IsEmpty ? GeoErrors.Geometry("$.location", "the point is empty") : point;
        }

        if (read.Value is not (Polygon or MultiPolygon))
        {
            return GeoErrors.Geometry("$.location", $"a location is a Point, a Polygon or a MultiPolygon, not a {read.Value.GeometryType}");
        }

        var area = NoticeArea.From(read.Value, null, "$.location");
        return area.IsSuccess ? area.Value.Geometry : area.Error;
    }

    private static Result<IReadOnlyList<string>> Codes(JsonElement body, string name, Func<string, bool>? known, string listing)
    {
        if (!body.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return Array.Empty<string>();
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            return EntryErrors.InvalidField(name, "must be an array of codes");
        }

        var codes = new List<string>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"{name}[{index}]";
            if (item.ValueKind != JsonValueKind.String || !SlugPattern().IsMatch(item.GetString()!))
            {
                return EntryErrors.InvalidField(path, "must be a lower-case code such as 'unknown'");
            }

            var code = item.GetString()!;
            if (known is not null && !known(code))
            {
                return EntryErrors.InvalidField(path, $"'{code}' is not an actor; they are {listing}");
            }

            if (codes.Contains(code, StringComparer.Ordinal))
            {
                return EntryErrors.InvalidField(path, $"'{code}' is listed twice");
            }

            codes.Add(code);
            index++;
        }

        return codes;
    }

    private static Result<IReadOnlyList<Casualties>> ReadCasualties(JsonElement body, MechanismConfig? config)
    {
        if (!body.TryGetProperty("casualties", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return Array.Empty<Casualties>();
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return EntryErrors.InvalidField("casualties", "must be an object: side (a party code or 'civilians') → {killed?, wounded?}");
        }

        var sides = new List<Casualties>();
        foreach (var side in element.EnumerateObject())
        {
            var path = $"casualties.{side.Name}";
            if (side.Name != Civilians && (!PartyCode.TryParse(side.Name, out var party) || (config is not null && config.FindParty(party) is null)))
            {
                return EntryErrors.InvalidField(path, "is not a side: name a party of the mechanism (e.g. 'SYR') or 'civilians'");
            }

            if (side.Value.ValueKind != JsonValueKind.Object)
            {
                return EntryErrors.InvalidField(path, "must be an object {killed?: {min, max}, wounded?: {min, max}}");
            }

            var killed = Range(side.Value, "killed", $"{path}.killed");
            if (!killed.IsSuccess)
            {
                return killed.Error;
            }

            var wounded = Range(side.Value, "wounded", $"{path}.wounded");
            if (!wounded.IsSuccess)
            {
                return wounded.Error;
            }

            foreach (var property in side.Value.EnumerateObject())
            {
                if (property.Name is not ("killed" or "wounded"))
                {
                    return EntryErrors.InvalidField($"{path}.{property.Name}", "is not allowed: a side has 'killed' and 'wounded'");
                }
            }

            sides.Add(new Casualties(side.Name, killed.Value, wounded.Value));
        }

        return sides;
    }

    private static Result<CountRange?> Range(JsonElement side, string name, string path)
    {
        if (!side.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return (CountRange?)null;
        }

        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("min", out var minElement) || !minElement.TryGetInt32(out var min)
            || !element.TryGetProperty("max", out var maxElement) || !maxElement.TryGetInt32(out var max))
        {
            return EntryErrors.InvalidField(path, "must be a range {\"min\": …, \"max\": …} of whole numbers");
        }

        if (min < 0 || max > MaxCount || min > max)
        {
            return EntryErrors.InvalidField(path, $"must have 0 ≤ min ≤ max ≤ {MaxCount} (it has min {min}, max {max})");
        }

        return new CountRange(min, max);
    }

    private static Result<IReadOnlyList<Attachment>> ReadEvidence(JsonElement body)
    {
        if (!body.TryGetProperty("evidence", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return Array.Empty<Attachment>();
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            return EntryErrors.InvalidField("evidence", "must be an array of {sha256, name, mediaType, size}");
        }

        if (array.GetArrayLength() > MaxEvidence)
        {
            return EntryErrors.InvalidField("evidence", $"must hold at most {MaxEvidence} files");
        }

        var files = new List<Attachment>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"evidence[{index}]";
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("sha256", out var hash) || hash.ValueKind != JsonValueKind.String || !Attachment.IsSha256(hash.GetString()))
            {
                return EntryErrors.InvalidField($"{path}.sha256", "must be the SHA-256 of the file in 64 lower-case hex characters");
            }

            if (files.Any(a => string.Equals(a.Sha256, hash.GetString(), StringComparison.Ordinal)))
            {
                return EntryErrors.InvalidField($"{path}.sha256", "names a file already in the evidence");
            }

            if (!item.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || !Attachment.IsFileName(name.GetString()))
            {
                return EntryErrors.InvalidField($"{path}.name", "must be a file name of 1 to 255 characters without a folder");
            }

            if (!item.TryGetProperty("mediaType", out var mediaType) || mediaType.ValueKind != JsonValueKind.String || !Attachment.IsMediaType(mediaType.GetString()))
            {
                return EntryErrors.InvalidField($"{path}.mediaType", "must be a lower-case media type such as 'image/jpeg'");
            }

            if (!item.TryGetProperty("size", out var size) || size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out var bytes) || bytes <= 0 || bytes > Attachment.MaxBytes)
            {
                return EntryErrors.InvalidField($"{path}.size", $"must be the file's size in bytes, 1 to {Attachment.MaxBytes}");
            }

            files.Add(new Attachment(hash.GetString()!, name.GetString()!, mediaType.GetString()!, bytes));
            index++;
        }

        return files;
    }

    private static Result<IReadOnlyList<PartyCode>> Parties(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return Array.Empty<PartyCode>();
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            return EntryErrors.InvalidField(name, "must be an array of party codes");
        }

        var parties = new List<PartyCode>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !PartyCode.TryParse(item.GetString(), out var party) || parties.Contains(party))
            {
                return EntryErrors.InvalidField($"{name}[{index}]", "must be a party code such as 'ISR', each once");
            }

            parties.Add(party);
            index++;
        }

        return parties;
    }

    private static Result<(IReadOnlyList<long> Notices, IReadOnlyList<long> Messages)> Links(JsonElement body)
    {
        if (!body.TryGetProperty("links", out var links) || links.ValueKind == JsonValueKind.Null)
        {
            return ((IReadOnlyList<long>)[], (IReadOnlyList<long>)[]);
        }

        if (links.ValueKind != JsonValueKind.Object)
        {
            return EntryErrors.InvalidField("links", "must be an object {notices?: [seq], messages?: [seq]}");
        }

        var notices = Seqs(links, "notices", "links.notices");
        if (!notices.IsSuccess)
        {
            return notices.Error;
        }

        var messages = Seqs(links, "messages", "links.messages");
        return messages.IsSuccess ? (notices.Value, messages.Value) : messages.Error;
    }

    private static Result<IReadOnlyList<long>> Seqs(JsonElement container, string name, string path)
    {
        if (!container.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return Array.Empty<long>();
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            return EntryErrors.InvalidField(path, "must be an array of entry sequence numbers");
        }

        var seqs = new List<long>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var seq) || seq < 0)
            {
                return EntryErrors.InvalidField($"{path}[{index}]", "must be an entry's sequence number (an integer, 0 or more)");
            }

            if (!seqs.Contains(seq))
            {
                seqs.Add(seq);
            }

            index++;
        }

        return seqs;
    }

    private static Result<T> Worded<T>(JsonElement body, string field, Func<long, string, string, T> make)
    {
        var incident = HotlineFields.Seq(body, "incident");
        if (!incident.IsSuccess)
        {
            return incident.Error;
        }

        var text = HotlineFields.Text(body, field, 10_000);
        if (!text.IsSuccess)
        {
            return text.Error;
        }

        var lang = HotlineFields.Lang(body, "lang");
        return lang.IsSuccess ? make(incident.Value, text.Value, lang.Value) : lang.Error;
    }

    private static Result<IncidentFindingRecorded> ParseFinding(JsonElement body)
    {
        var incident = HotlineFields.Seq(body, "incident");
        if (!incident.IsSuccess)
        {
            return incident.Error;
        }

        if (!body.TryGetProperty("outcome", out var outcomeElement) || outcomeElement.ValueKind != JsonValueKind.String
            || !TryParseOutcome(outcomeElement.GetString(), out var outcome))
        {
            return EntryErrors.InvalidField("outcome", "must be substantiated, unsubstantiated or inconclusive");
        }

        var reasons = HotlineFields.Text(body, "reasons", 20_000);
        if (!reasons.IsSuccess)
        {
            return reasons.Error;
        }

        var lang = HotlineFields.Lang(body, "lang");
        return lang.IsSuccess ? new IncidentFindingRecorded(incident.Value, outcome, reasons.Value, lang.Value) : lang.Error;
    }

    private static Result<IncidentsLinked> ParseLink(JsonElement body)
    {
        var incidents = Seqs(body, "incidents", "incidents");
        if (!incidents.IsSuccess)
        {
            return incidents.Error;
        }

        if (incidents.Value.Count < 2)
        {
            return EntryErrors.InvalidField("incidents", "must name at least two different incidents");
        }

        string? reason = null;
        if (body.TryGetProperty("reason", out var reasonElement) && reasonElement.ValueKind != JsonValueKind.Null)
        {
            var read = HotlineFields.Text(body, "reason", 2_000);
            if (!read.IsSuccess)
            {
                return read.Error;
            }

            reason = read.Value;
        }

        return new IncidentsLinked(incidents.Value, reason);
    }

    private static Result<IncidentEscalated> ParseEscalate(JsonElement body)
    {
        var incident = HotlineFields.Seq(body, "incident");
        if (!incident.IsSuccess)
        {
            return incident.Error;
        }

        if (!body.TryGetProperty("stage", out var stageElement) || stageElement.ValueKind != JsonValueKind.String
            || !Enum.GetValues<EscalationStage>().Any(s => s.Code() == stageElement.GetString()))
        {
            return EntryErrors.InvalidField("stage", "must be acknowledgement, review or finding");
        }

        var deadline = HotlineFields.Time(body, "deadline", "deadline");
        return deadline.IsSuccess
            ? new IncidentEscalated(incident.Value, Enum.GetValues<EscalationStage>().First(s => s.Code() == stageElement.GetString()), deadline.Value)
            : deadline.Error;
    }

    private static Result<IncidentEvent> Up<T>(Result<T> result)
        where T : IncidentEvent => result.Map(e => (IncidentEvent)e);

    [GeneratedRegex("^([A-F])([1-6])$", RegexOptions.CultureInvariant)]
    private static partial Regex GradingPattern();

    [GeneratedRegex("^[a-z][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
