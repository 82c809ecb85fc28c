using System.Text.Json;
using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Hotline;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Disputes;

/// <summary>What a dispute entry says, parsed from its body.</summary>
public abstract record DisputeEvent;

/// <summary>What a dispute says was breached: a configured commitment (by code) or a free reference; exactly one is set.</summary>
public sealed record DisputeBreach(string? Commitment, string? Reference)
{
    /// <summary>The commitment code, or the reference.</summary>
    public override string ToString() => Commitment ?? Reference ?? string.Empty;
}

/// <summary>A party opens a dispute against <see cref="Respondent"/> (<c>dispute.open</c>).</summary>
public sealed record DisputeOpened(PartyCode Respondent, DisputeBreach Breach, IReadOnlyList<long> Incidents, IReadOnlyList<Attachment> Evidence, string Claim, string Lang) : DisputeEvent;

/// <summary>The respondent replies (<c>dispute.reply</c>).</summary>
public sealed record DisputeReplied(long Dispute, string Text, string Lang, IReadOnlyList<Attachment> Evidence) : DisputeEvent;

/// <summary>The dispute moves up the ladder to <see cref="To"/> (<c>dispute.escalate</c>).</summary>
public sealed record DisputeEscalated(long Dispute, DisputeLevel To, string? Reason) : DisputeEvent;

/// <summary>The convener's finding and remedy (<c>dispute.finding</c>).</summary>
public sealed record DisputeFound(long Dispute, DisputeOutcome Outcome, string Reasons, string Remedy, bool Major, string Lang) : DisputeEvent;

/// <summary>
/// Parses dispute entry bodies. Pure. Reports the first wrong field as <c>payload-invalid</c> naming it. The same
/// parsers are the entry types' body validators, so what is admitted always parses.
/// </summary>
public static class DisputeEvents
{
    /// <summary>The most incidents one dispute may name.</summary>
    public const int MaxIncidents = 100;

    /// <summary>Parses the body of an entry of dispute type <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not a dispute entry type.</exception>
    public static Result<DisputeEvent> Parse(string type, JsonElement body) => type switch
    {
        DisputeEntryTypes.Open => Up(ParseOpen(body)),
        DisputeEntryTypes.Reply => Up(ParseReply(body)),
        DisputeEntryTypes.Escalate => Up(ParseEscalate(body)),
        DisputeEntryTypes.Finding => Up(ParseFinding(body)),
        _ => throw new ArgumentException($"'{type}' is not a dispute entry type.", nameof(type)),
    };

    /// <summary>
    /// <c>dispute.open</c>, in this order: <c>respondent</c> (party code); <c>breach</c> (<c>{commitment: code}</c> or
    /// <c>{ref: text}</c>); <c>incidents</c> (optional array of incident report ids, no repeats); <c>evidence</c>
    /// (optional attachments); <c>claim</c> <c>{text, lang}</c>.
    /// </summary>
    public static Result<DisputeOpened> ParseOpen(JsonElement body)
    {
        var respondent = HotlineFields.Party(body, "respondent");
        if (!respondent.IsSuccess)
        {
            return respondent.Error;
        }

        var breach = Breach(body);
        if (!breach.IsSuccess)
        {
            return breach.Error;
        }

        var incidents = Incidents(body);
        if (!incidents.IsSuccess)
        {
            return incidents.Error;
        }

        var evidence = EvidenceFields.Parse(body);
        if (!evidence.IsSuccess)
        {
            return evidence.Error;
        }

        var claim = TextAndLang(body, "claim", 20_000);
        return claim.IsSuccess
            ? new DisputeOpened(respondent.Value, breach.Value, incidents.Value, evidence.Value, claim.Value.Text, claim.Value.Lang)
            : claim.Error;
    }

    /// <summary><c>dispute.reply</c>: <c>dispute</c> (id), <c>text</c>, <c>lang</c>, <c>evidence</c> (optional).</summary>
    public static Result<DisputeReplied> ParseReply(JsonElement body)
    {
        var dispute = HotlineFields.Seq(body, "dispute");
        if (!dispute.IsSuccess)
        {
            return dispute.Error;
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
        return evidence.IsSuccess ? new DisputeReplied(dispute.Value, text.Value, lang.Value, evidence.Value) : evidence.Error;
    }

    /// <summary><c>dispute.escalate</c>: <c>dispute</c> (id), <c>to</c> (<c>senior</c> or <c>convener</c>), <c>reason</c> (optional).</summary>
    public static Result<DisputeEscalated> ParseEscalate(JsonElement body)
    {
        var dispute = HotlineFields.Seq(body, "dispute");
        if (!dispute.IsSuccess)
        {
            return dispute.Error;
        }

        if (!body.TryGetProperty("to", out var to) || to.ValueKind != JsonValueKind.String
            || !DisputeCodes.TryParseLevel(to.GetString(), out var level) || level == DisputeLevel.Working)
        {
            return EntryErrors.InvalidField("to", "must be 'senior' or 'convener'");
        }

        var reason = EvidenceFields.OptionalText(body, "reason", 2_000);
        return reason.IsSuccess ? new DisputeEscalated(dispute.Value, level, reason.Value) : reason.Error;
    }

    /// <summary>
    /// <c>dispute.finding</c>: <c>dispute</c> (id), <c>outcome</c> (<c>substantiated</c>, <c>unsubstantiated</c>,
    /// <c>inconclusive</c>), <c>reasons</c>, <c>remedy</c>, <c>major</c> (optional boolean, false), <c>lang</c>.
    /// </summary>
    public static Result<DisputeFound> ParseFinding(JsonElement body)
    {
        var dispute = HotlineFields.Seq(body, "dispute");
        if (!dispute.IsSuccess)
        {
            return dispute.Error;
        }

        if (!body.TryGetProperty("outcome", out var outcomeElement) || outcomeElement.ValueKind != JsonValueKind.String
            || !DisputeCodes.TryParseOutcome(outcomeElement.GetString(), out var outcome))
        {
            return EntryErrors.InvalidField("outcome", "must be 'substantiated', 'unsubstantiated' or 'inconclusive'");
        }

        var reasons = HotlineFields.Text(body, "reasons", 20_000);
        if (!reasons.IsSuccess)
        {
            return reasons.Error;
        }

        var remedy = HotlineFields.Text(body, "remedy", 10_000);
        if (!remedy.IsSuccess)
        {
            return remedy.Error;
        }

        var major = false;
        if (body.TryGetProperty("major", out var majorElement) && majorElement.ValueKind != JsonValueKind.Null)
        {
            if (majorElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return EntryErrors.InvalidField("major", "must be true or false");
            }

            major = majorElement.GetBoolean();
        }

        var lang = HotlineFields.Lang(body, "lang");
        return lang.IsSuccess ? new DisputeFound(dispute.Value, outcome, reasons.Value, remedy.Value, major, lang.Value) : lang.Error;
    }

    private static Result<DisputeBreach> Breach(JsonElement body)
    {
        if (!body.TryGetProperty("breach", out var breach) || breach.ValueKind != JsonValueKind.Object)
        {
            return EntryErrors.InvalidField("breach", "is required: {\"commitment\": \"<code>\"} or {\"ref\": \"<what was breached>\"}");
        }

        var hasCommitment = breach.TryGetProperty("commitment", out var commitment) && commitment.ValueKind != JsonValueKind.Null;
        var hasReference = breach.TryGetProperty("ref", out var reference) && reference.ValueKind != JsonValueKind.Null;
        if (hasCommitment == hasReference)
        {
            return EntryErrors.InvalidField("breach", "must name either a configured 'commitment' code or a free 'ref', not both or neither");
        }

        if (hasCommitment)
        {
            var code = HotlineFields.Slug(breach, "commitment", "breach.commitment");
            return code.IsSuccess ? new DisputeBreach(code.Value, null) : code.Error;
        }

        var text = HotlineFields.Text(breach, "ref", 500, "breach.ref");
        return text.IsSuccess ? new DisputeBreach(null, text.Value) : text.Error;
    }

    private static Result<IReadOnlyList<long>> Incidents(JsonElement body)
    {
        if (!body.TryGetProperty("incidents", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return Array.Empty<long>();
        }

        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() > MaxIncidents)
        {
            return EntryErrors.InvalidField("incidents", $"must be an array of at most {MaxIncidents} incident report ids");
        }

        var incidents = new List<long>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var seq) || seq < 0)
            {
                return EntryErrors.InvalidField($"incidents[{index}]", "must be an incident report id (an entry's sequence number)");
            }

            if (incidents.Contains(seq))
            {
                return EntryErrors.InvalidField($"incidents[{index}]", $"names incident {seq} twice");
            }

            incidents.Add(seq);
            index++;
        }

        return incidents;
    }

    private static Result<(string Text, string Lang)> TextAndLang(JsonElement body, string name, int maxLength)
    {
        if (!body.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.Object)
        {
            return EntryErrors.InvalidField(name, "is required: an object {\"text\": …, \"lang\": …}");
        }

        var text = HotlineFields.Text(element, "text", maxLength, $"{name}.text");
        if (!text.IsSuccess)
        {
            return text.Error;
        }

        var lang = HotlineFields.Lang(element, "lang");
        return lang.IsSuccess ? (text.Value, lang.Value) : EntryErrors.InvalidField($"{name}.lang", "must be a BCP 47 language tag such as 'ar', 'he' or 'en'");
    }

    private static Result<DisputeEvent> Up<T>(Result<T> result)
        where T : DisputeEvent => result.Map(e => (DisputeEvent)e);
}
