using System.Text.Json.Nodes;
using Liaison.Domain.Hotline;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;
using Liaison.Domain.Tests.Entries;

namespace Liaison.Domain.Tests.Hotline;

/// <summary>The demo mechanism's hotline as tests see it: parties, channels, explicit instants, bodies and recorded entries.</summary>
internal static class HotlineTestData
{
    /// <summary>The channel ISR and SYR talk on, observed by USA (the convener) and UNDOF (an observer).</summary>
    public const string Security = "isr-syr-security";

    /// <summary>A channel ISR and SYR talk on, observed by USA only.</summary>
    public const string Diplomatic = "isr-syr-diplomatic";

    /// <summary>The instant every scenario starts from, 2026-01-06T09:00:00Z.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 1, 6, 9, 0, 0, TimeSpan.Zero);

    public static readonly PartyCode Isr = new("ISR");

    public static readonly PartyCode Syr = new("SYR");

    public static readonly PartyCode Usa = new("USA");

    public static readonly PartyCode Undof = new("UNDOF");

    /// <summary>The members of <see cref="Security"/>: its parties, then its observers.</summary>
    public static readonly IReadOnlyList<PartyCode> SecurityMembers = [Isr, Syr, Usa, Undof];

    /// <summary>The members of <see cref="Diplomatic"/>.</summary>
    public static readonly IReadOnlyList<PartyCode> DiplomaticMembers = [Isr, Syr, Usa];

    /// <summary>The demo configuration, with the default deadlines: FLASH 5 min, IMMEDIATE 30 min, PRIORITY 3 h, ROUTINE 24 h, reply 48 h, link tests hourly.</summary>
    public static MechanismConfig Config => TestPayloads.DemoConfig;

    /// <summary>The valid fields of a <c>message.send</c> of each template, to break one at a time.</summary>
    public static JsonObject SendFields(MessageTemplate template = MessageTemplate.FreeText)
    {
        var fields = new JsonObject
        {
            ["channel"] = Security,
            ["precedence"] = "FLASH",
            ["template"] = template.Code(),
            ["subject"] = "إطلاق نار قرب السويداء",
            ["body"] = "نرصد إطلاق نار قرب السويداء. يرجى التأكيد.",
            ["lang"] = "ar",
        };
        switch (template)
        {
            case MessageTemplate.Notification:
                fields["activity"] = "live-fire";
                fields["location"] = "Range north of Quneitra";
                fields["window"] = new JsonObject { ["start"] = "2026-01-07T06:00:00Z", ["end"] = "2026-01-07T10:00:00+02:00" };
                break;
            case MessageTemplate.RequestForExplanation:
                fields["reference"] = "Artillery fire near Suwayda, 2026-01-06 03:10Z";
                fields["question"] = "Which unit fired, and at what?";
                break;
            case MessageTemplate.Complaint:
                fields["reference"] = "UAV over the Area of Separation, 2026-01-06";
                fields["breach"] = "airspace-violation";
                break;
            case MessageTemplate.Reply:
                fields["inReplyTo"] = 12;
                break;
            case MessageTemplate.FreeText:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(template), template, null);
        }

        return fields;
    }

    /// <summary>A valid attachment description.</summary>
    public static JsonObject AttachmentFields(char hex = 'a') => new()
    {
        ["sha256"] = new string(hex, 64),
        ["name"] = "photo.jpg",
        ["mediaType"] = "image/jpeg",
        ["size"] = 2048,
    };

    /// <summary>A parsed message (free text unless told) on <paramref name="channel"/>.</summary>
    public static MessageSent Message(
        Precedence precedence = Precedence.Flash,
        MessageTemplate template = MessageTemplate.FreeText,
        string channel = Security,
        long? inReplyTo = null,
        string lang = "ar")
    {
        TemplateFields coded = template switch
        {
            MessageTemplate.FreeText => new TemplateFields.FreeText(),
            MessageTemplate.Notification => new TemplateFields.Notification("live-fire", "Quneitra range", new ActivityWindow(T0, T0.AddHours(2))),
            MessageTemplate.RequestForExplanation => new TemplateFields.RequestForExplanation("Fire near Suwayda", "Which unit fired?"),
            MessageTemplate.Complaint => new TemplateFields.Complaint("UAV over the AoS", "airspace-violation"),
            MessageTemplate.Reply => new TemplateFields.Reply(),
            _ => throw new ArgumentOutOfRangeException(nameof(template), template, null),
        };
        return new MessageSent(channel, precedence, coded, "Subject", "Body", lang, inReplyTo, []);
    }

    /// <summary>
    /// A recorded entry at server time <paramref name="at"/> by a member of <paramref name="party"/> (user name
    /// <c>{party}-officer</c> in lower case unless told), addressed to the security channel's members unless told.
    /// </summary>
    public static HotlineEntry Entry(
        long seq,
        PartyCode party,
        DateTimeOffset at,
        HotlineEvent recorded,
        string? author = null,
        IReadOnlyList<PartyCode>? audience = null,
        DateTimeOffset? clientTime = null) =>
        new(seq, author ?? $"{party.Value.ToLowerInvariant()}-officer", party, audience ?? SecurityMembers, clientTime ?? at, at, recorded);

    /// <summary>A server-made entry (author <c>server</c>, party USA).</summary>
    public static HotlineEntry ServerEntry(long seq, DateTimeOffset at, HotlineEvent recorded, IReadOnlyList<PartyCode>? audience = null) =>
        Entry(seq, Usa, at, recorded, "server", audience);

    /// <summary>Folds <paramref name="entries"/> over the demo configuration.</summary>
    public static HotlineState Fold(params HotlineEntry[] entries) => HotlineProjection.Fold(Config, entries);

    /// <summary>Folds the entries the deadline engine proposes, at server time <paramref name="at"/>, numbered from <paramref name="firstSeq"/>.</summary>
    public static HotlineState Record(HotlineState state, IReadOnlyList<DueEntry> due, DateTimeOffset at, long firstSeq)
    {
        var seq = firstSeq;
        foreach (var entry in due)
        {
            state = HotlineProjection.Apply(Config, state, ServerEntry(seq++, at, entry.Event, entry.Audience));
        }

        return state;
    }
}
