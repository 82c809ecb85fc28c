using System.Text.Json;
using Liaison.Domain.Common;
using Liaison.Domain.Disputes;
using Liaison.Domain.Entries;
using Liaison.Domain.Hotline;
using Liaison.Domain.Notices;
using Liaison.Domain.Parties;

namespace Liaison.Domain.VerificationVisits;

/// <summary>What a verification entry says, parsed from its body.</summary>
public abstract record VerificationEvent;

/// <summary>A party asks for <see cref="Zone"/> to be verified (<c>verification.request</c>).</summary>
public sealed record VerificationRequested(string Zone, string Reason, string Lang) : VerificationEvent;

/// <summary>A violation the reporter states: which party, which rule (a code), and what was seen.</summary>
public sealed record StatedViolation(PartyCode Party, string Rule, string Text);

/// <summary>
/// A visit to <see cref="Zone"/> during <see cref="Visit"/> (<c>verification.report</c>), answering
/// <see cref="Request"/> when set: the forces observed per party, the violations the reporter states, a text and evidence.
/// </summary>
public sealed record VerificationReported(
    string Zone,
    long? Request,
    ActivityWindow Visit,
    IReadOnlyDictionary<PartyCode, NoticeAssets> Observed,
    IReadOnlyList<StatedViolation> Violations,
    string Text,
    string Lang,
    IReadOnlyList<Attachment> Evidence) : VerificationEvent;

/// <summary>The server records that <see cref="Zone"/> was due by <see cref="Due"/> and not verified, for the cadence or for <see cref="Request"/> (<c>verification.overdue</c>).</summary>
public sealed record VerificationOverdue(string Zone, DateTimeOffset Due, long? Request) : VerificationEvent;

/// <summary>Parses verification entry bodies. Pure; the first wrong field is reported as <c>payload-invalid</c> naming it.</summary>
public static class VerificationEvents
{
    /// <summary>The most violations one report may state.</summary>
    public const int MaxViolations = 100;

    /// <summary>Parses the body of an entry of verification type <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not a verification entry type.</exception>
    public static Result<VerificationEvent> Parse(string type, JsonElement body) => type switch
    {
        VerificationEntryTypes.Request => Up(ParseRequest(body)),
        VerificationEntryTypes.Report => Up(ParseReport(body)),
        VerificationEntryTypes.Overdue => Up(ParseOverdue(body)),
        _ => throw new ArgumentException($"'{type}' is not a verification entry type.", nameof(type)),
    };

    /// <summary><c>verification.request</c>: <c>zone</c> (code), <c>reason</c>, <c>lang</c>.</summary>
    public static Result<VerificationRequested> ParseRequest(JsonElement body)
    {
        var zone = HotlineFields.Slug(body, "zone");
        if (!zone.IsSuccess)
        {
            return zone.Error;
        }

        var reason = HotlineFields.Text(body, "reason", 5_000);
        if (!reason.IsSuccess)
        {
            return reason.Error;
        }

        var lang = HotlineFields.Lang(body, "lang");
        return lang.IsSuccess ? new VerificationRequested(zone.Value, reason.Value, lang.Value) : lang.Error;
    }

    /// <summary>
    /// <c>verification.report</c>, in this order: <c>zone</c>; <c>request</c> (optional id); <c>visit</c>
    /// <c>{start, end}</c> (RFC 3339, end after start); <c>observed</c> (optional object of party code → object of asset
    /// class → count); <c>violations</c> (optional array of <c>{party, rule, text}</c>); <c>text</c>; <c>lang</c>;
    /// <c>evidence</c> (optional attachments).
    /// </summary>
    public static Result<VerificationReported> ParseReport(JsonElement body)
    {
        var zone = HotlineFields.Slug(body, "zone");
        if (!zone.IsSuccess)
        {
            return zone.Error;
        }

        var request = HotlineFields.OptionalSeq(body, "request");
        if (!request.IsSuccess)
        {
            return request.Error;
        }

        if (!body.TryGetProperty("visit", out var visit) || visit.ValueKind != JsonValueKind.Object)
        {
            return EntryErrors.InvalidField("visit", "is required: an object with 'start' and 'end' (RFC 3339, UTC)");
        }

        var start = HotlineFields.Time(visit, "start", "visit.start");
        if (!start.IsSuccess)
        {
            return start.Error;
        }

        var end = HotlineFields.Time(visit, "end", "visit.end");
        if (!end.IsSuccess)
        {
            return end.Error;
        }

        if (end.Value <= start.Value)
        {
            return EntryErrors.InvalidField("visit", $"ends ({end.Value:O}) before or when it starts ({start.Value:O})");
        }

        var observed = Observed(body);
        if (!observed.IsSuccess)
        {
            return observed.Error;
        }

        var violations = Violations(body);
        if (!violations.IsSuccess)
        {
            return violations.Error;
        }

        var text = HotlineFields.Text(body, "text", 20_000);
        if (!text.IsSuccess)
        {
            return text.Error;
        }

        var lang = HotlineFields.Lang(body, "lang");
        if (!lang.IsSuccess)
        {
            return lang.Error;
        }

        var evidence = EvidenceFields.Parse(body);
        return evidence.IsSuccess
            ? new VerificationReported(zone.Value, request.Value, new ActivityWindow(start.Value, end.Value), observed.Value, violations.Value, text.Value, lang.Value, evidence.Value)
            : evidence.Error;
    }

    /// <summary><c>verification.overdue</c>: <c>zone</c>, <c>due</c> (RFC 3339), <c>request</c> (optional id).</summary>
    public static Result<VerificationOverdue> ParseOverdue(JsonElement body)
    {
        var zone = HotlineFields.Slug(body, "zone");
        if (!zone.IsSuccess)
        {
            return zone.Error;
        }

        var due = HotlineFields.Time(body, "due", "due");
        if (!due.IsSuccess)
        {
            return due.Error;
        }

        var request = HotlineFields.OptionalSeq(body, "request");
        return request.IsSuccess ? new VerificationOverdue(zone.Value, due.Value, request.Value) : request.Error;
    }

    private static Result<IReadOnlyDictionary<PartyCode, NoticeAssets>> Observed(JsonElement body)
    {
        var observed = new SortedDictionary<PartyCode, NoticeAssets>(Comparer<PartyCode>.Create((a, b) => string.CompareOrdinal(a.Value, b.Value)));
        if (!body.TryGetProperty("observed", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return observed;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return EntryErrors.InvalidField("observed", "must be an object of party code → {asset class: count}");
        }

        foreach (var party in element.EnumerateObject())
        {
            if (!PartyCode.TryParse(party.Name, out var code))
            {
                return EntryErrors.InvalidField($"observed.{party.Name}", "is not a party code such as 'ISR'");
            }

            if (party.Value.ValueKind != JsonValueKind.Object)
            {
                return EntryErrors.InvalidField($"observed.{party.Name}", "must be an object of asset class → count");
            }

            var counts = new List<KeyValuePair<AssetClass, int>>();
            foreach (var property in party.Value.EnumerateObject())
            {
                if (!AssetClasses.TryParse(property.Name, out var asset))
                {
                    return EntryErrors.InvalidField($"observed.{party.Name}.{property.Name}", $"is not an asset class (they are {AssetClasses.Listing})");
                }

                if (!property.Value.TryGetInt32(out var count) || count < 0 || count > NoticeEvents.MaxAssetCount)
                {
                    return EntryErrors.InvalidField($"observed.{party.Name}.{property.Name}", $"must be a whole number from 0 to {NoticeEvents.MaxAssetCount}");
                }

                counts.Add(new(asset, count));
            }

            observed[code] = new NoticeAssets(counts);
        }

        return observed;
    }

    private static Result<IReadOnlyList<StatedViolation>> Violations(JsonElement body)
    {
        if (!body.TryGetProperty("violations", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return Array.Empty<StatedViolation>();
        }

        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() > MaxViolations)
        {
            return EntryErrors.InvalidField("violations", $"must be an array of at most {MaxViolations} objects {{party, rule, text}}");
        }

        var violations = new List<StatedViolation>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"violations[{index}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                return EntryErrors.InvalidField(path, "must be an object {party, rule, text}");
            }

            if (!item.TryGetProperty("party", out var partyElement) || partyElement.ValueKind != JsonValueKind.String || !PartyCode.TryParse(partyElement.GetString(), out var party))
            {
                return EntryErrors.InvalidField($"{path}.party", "is required and must be a party code such as 'ISR'");
            }

            var rule = HotlineFields.Slug(item, "rule", $"{path}.rule");
            if (!rule.IsSuccess)
            {
                return rule.Error;
            }

            var text = HotlineFields.Text(item, "text", 5_000, $"{path}.text");
            if (!text.IsSuccess)
            {
                return text.Error;
            }

            violations.Add(new StatedViolation(party, rule.Value, text.Value));
            index++;
        }

        return violations;
    }

    private static Result<VerificationEvent> Up<T>(Result<T> result)
        where T : VerificationEvent => result.Map(e => (VerificationEvent)e);
}
