using System.Text.Json;
using Liaison.Domain.Common;
using Liaison.Domain.Entries;

namespace Liaison.Domain.Hotline;

/// <summary>
/// Parses the type's own fields of hotline entries into <see cref="HotlineEvent"/>s. Pure. Each parser reports the first
/// wrong field, in the order the field tables below list them, as <c>payload-invalid</c> naming the field; fields it does
/// not know are ignored. The same parsers are the entry types' body validators, so what is admitted always parses.
/// </summary>
public static class HotlineEvents
{
    /// <summary>Parses the body of an entry of hotline type <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not a hotline entry type (see <see cref="HotlineEntryTypes.IsHotline"/>).</exception>
    public static Result<HotlineEvent> Parse(string type, JsonElement body) => type switch
    {
        HotlineEntryTypes.MessageSend => Up(ParseSend(body)),
        HotlineEntryTypes.MessageAck => Up(HotlineFields.Seq(body, "messageSeq").Map(seq => new MessageAcknowledged(seq))),
        HotlineEntryTypes.MessageDelivered => Up(HotlineFields.Seq(body, "messageSeq").Map(seq => new MessageDelivered(seq))),
        HotlineEntryTypes.MessageTranslate => Up(ParseTranslate(body)),
        HotlineEntryTypes.ChannelSuspend => Up(ParseChannelStatus(body, (channel, reason) => new ChannelSuspended(channel, reason))),
        HotlineEntryTypes.ChannelResume => Up(ParseChannelStatus(body, (channel, reason) => new ChannelResumed(channel, reason))),
        HotlineEntryTypes.LinkTestAnswer => Up(HotlineFields.Seq(body, "linkTestSeq").Map(seq => new LinkTestAnswered(seq))),
        HotlineEntryTypes.HotlineEscalate => Up(ParseEscalate(body)),
        HotlineEntryTypes.HotlineMiss => Up(ParseMiss(body)),
        HotlineEntryTypes.LinkTestSend => Up(HotlineFields.Text(body, "channel", 100).Map(channel => new LinkTestSent(channel))),
        _ => throw new ArgumentException($"'{type}' is not a hotline entry type.", nameof(type)),
    };

    /// <summary>
    /// <c>message.send</c>, in this order: <c>channel</c> (at most 100 characters), <c>precedence</c> (<c>FLASH</c>,
    /// <c>IMMEDIATE</c>, <c>PRIORITY</c>, <c>ROUTINE</c>), <c>template</c> (<c>free-text</c>, <c>notification</c>,
    /// <c>request-for-explanation</c>, <c>complaint</c>, <c>reply</c>), <c>subject</c> (at most 300), <c>body</c> (at most
    /// 100 000), <c>lang</c> (BCP 47), <c>inReplyTo</c> (optional sequence number, required by <c>reply</c>), the template's
    /// coded fields (<see cref="TemplateFields"/>), then <c>attachments</c> (optional array of at most
    /// <see cref="Attachment.MaxPerMessage"/> objects <c>{sha256, name, mediaType, size}</c>, no hash twice).
    /// </summary>
    public static Result<MessageSent> ParseSend(JsonElement body)
    {
        var channel = HotlineFields.Text(body, "channel", 100);
        if (!channel.IsSuccess)
        {
            return channel.Error;
        }

        if (!body.TryGetProperty("precedence", out var precedenceElement) || precedenceElement.ValueKind != JsonValueKind.String
            || !Precedences.TryParse(precedenceElement.GetString(), out var precedence))
        {
            return EntryErrors.InvalidField("precedence", "must be FLASH, IMMEDIATE, PRIORITY or ROUTINE");
        }

        if (!body.TryGetProperty("template", out var templateElement) || templateElement.ValueKind != JsonValueKind.String
            || !MessageTemplates.TryParse(templateElement.GetString(), out var template))
        {
            return EntryErrors.InvalidField("template", "must be free-text, notification, request-for-explanation, complaint or reply");
        }

        var subject = HotlineFields.Text(body, "subject", 300);
        if (!subject.IsSuccess)
        {
            return subject.Error;
        }

        var text = HotlineFields.Text(body, "body", 100_000);
        if (!text.IsSuccess)
        {
            return text.Error;
        }

        var lang = HotlineFields.Lang(body, "lang");
        if (!lang.IsSuccess)
        {
            return lang.Error;
        }

        var inReplyTo = HotlineFields.OptionalSeq(body, "inReplyTo");
        if (!inReplyTo.IsSuccess)
        {
            return inReplyTo.Error;
        }

        if (template == MessageTemplate.Reply && inReplyTo.Value is null)
        {
            return EntryErrors.InvalidField("inReplyTo", "is required by the reply template and must name the message answered");
        }

        var coded = ParseCoded(body, template);
        if (!coded.IsSuccess)
        {
            return coded.Error;
        }

        var attachments = ParseAttachments(body);
        if (!attachments.IsSuccess)
        {
            return attachments.Error;
        }

        return new MessageSent(channel.Value, precedence, coded.Value, subject.Value, text.Value, lang.Value, inReplyTo.Value, attachments.Value);
    }

    private static Result<TemplateFields> ParseCoded(JsonElement body, MessageTemplate template)
    {
        switch (template)
        {
            case MessageTemplate.FreeText:
                return new TemplateFields.FreeText();
            case MessageTemplate.Reply:
                return new TemplateFields.Reply();
            case MessageTemplate.Notification:
                var activity = HotlineFields.Slug(body, "activity");
                if (!activity.IsSuccess)
                {
                    return activity.Error;
                }

                var location = HotlineFields.Text(body, "location", 500);
                if (!location.IsSuccess)
                {
                    return location.Error;
                }

                if (!body.TryGetProperty("window", out var window) || window.ValueKind != JsonValueKind.Object)
                {
                    return EntryErrors.InvalidField("window", "is required and must be an object {start, end} of RFC 3339 times");
                }

                var start = HotlineFields.Time(window, "start", "window.start");
                if (!start.IsSuccess)
                {
                    return start.Error;
                }

                var end = HotlineFields.Time(window, "end", "window.end");
                if (!end.IsSuccess)
                {
                    return end.Error;
                }

                if (end.Value <= start.Value)
                {
                    return EntryErrors.InvalidField("window.end", "must be after window.start");
                }

                return new TemplateFields.Notification(activity.Value, location.Value, new ActivityWindow(start.Value, end.Value));
            case MessageTemplate.RequestForExplanation:
                var reference = HotlineFields.Text(body, "reference", 300);
                if (!reference.IsSuccess)
                {
                    return reference.Error;
                }

                var question = HotlineFields.Text(body, "question", 10_000);
                return question.IsSuccess ? new TemplateFields.RequestForExplanation(reference.Value, question.Value) : question.Error;
            case MessageTemplate.Complaint:
                var complained = HotlineFields.Text(body, "reference", 300);
                if (!complained.IsSuccess)
                {
                    return complained.Error;
                }

                var breach = HotlineFields.Slug(body, "breach");
                return breach.IsSuccess ? new TemplateFields.Complaint(complained.Value, breach.Value) : breach.Error;
            default:
                throw new ArgumentOutOfRangeException(nameof(template), template, "Not a message template.");
        }
    }

    private static Result<IReadOnlyList<Attachment>> ParseAttachments(JsonElement body)
    {
        if (!body.TryGetProperty("attachments", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return Array.Empty<Attachment>();
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            return EntryErrors.InvalidField("attachments", "must be an array of {sha256, name, mediaType, size}");
        }

        if (array.GetArrayLength() > Attachment.MaxPerMessage)
        {
            return EntryErrors.InvalidField("attachments", $"must hold at most {Attachment.MaxPerMessage} files");
        }

        var attachments = new List<Attachment>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"attachments[{index}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                return EntryErrors.InvalidField(path, "must be an object {sha256, name, mediaType, size}");
            }

            if (!item.TryGetProperty("sha256", out var hash) || hash.ValueKind != JsonValueKind.String || !Attachment.IsSha256(hash.GetString()))
            {
                return EntryErrors.InvalidField($"{path}.sha256", "must be the SHA-256 of the file in 64 lower-case hex characters");
            }

            if (attachments.Any(a => string.Equals(a.Sha256, hash.GetString(), StringComparison.Ordinal)))
            {
                return EntryErrors.InvalidField($"{path}.sha256", "names a file already attached to this message");
            }

            if (!item.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || !Attachment.IsFileName(name.GetString()))
            {
                return EntryErrors.InvalidField($"{path}.name", "must be a file name of 1 to 255 characters without a folder");
            }

            if (!item.TryGetProperty("mediaType", out var mediaType) || mediaType.ValueKind != JsonValueKind.String || !Attachment.IsMediaType(mediaType.GetString()))
            {
                return EntryErrors.InvalidField($"{path}.mediaType", "must be a lower-case media type such as 'image/jpeg'");
            }

            if (!item.TryGetProperty("size", out var size) || size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out var bytes) || bytes <= 0)
            {
                return EntryErrors.InvalidField($"{path}.size", "must be the file's size in bytes, 1 or more");
            }

            if (bytes > Attachment.MaxBytes)
            {
                return EntryErrors.InvalidField($"{path}.size", $"must be at most {Attachment.MaxBytes} bytes");
            }

            attachments.Add(new Attachment(hash.GetString()!, name.GetString()!, mediaType.GetString()!, bytes));
            index++;
        }

        return attachments;
    }

    /// <summary><c>message.translate</c>: <c>messageSeq</c>, <c>lang</c> (BCP 47), <c>subject</c> (at most 300), <c>body</c> (at most 100 000).</summary>
    private static Result<MessageTranslated> ParseTranslate(JsonElement body)
    {
        var seq = HotlineFields.Seq(body, "messageSeq");
        if (!seq.IsSuccess)
        {
            return seq.Error;
        }

        var lang = HotlineFields.Lang(body, "lang");
        if (!lang.IsSuccess)
        {
            return lang.Error;
        }

        var subject = HotlineFields.Text(body, "subject", 300);
        if (!subject.IsSuccess)
        {
            return subject.Error;
        }

        var text = HotlineFields.Text(body, "body", 100_000);
        return text.IsSuccess ? new MessageTranslated(seq.Value, lang.Value, subject.Value, text.Value) : text.Error;
    }

    private static Result<T> ParseChannelStatus<T>(JsonElement body, Func<string, string, T> make)
    {
        var channel = HotlineFields.Text(body, "channel", 100);
        if (!channel.IsSuccess)
        {
            return channel.Error;
        }

        var reason = HotlineFields.Text(body, "reason", 2_000);
        return reason.IsSuccess ? make(channel.Value, reason.Value) : reason.Error;
    }

    private static Result<MessageEscalated> ParseEscalate(JsonElement body)
    {
        var seq = HotlineFields.Seq(body, "messageSeq");
        if (!seq.IsSuccess)
        {
            return seq.Error;
        }

        var party = HotlineFields.Party(body, "party");
        if (!party.IsSuccess)
        {
            return party.Error;
        }

        var deadline = Deadline(body);
        if (!deadline.IsSuccess)
        {
            return deadline.Error;
        }

        var reason = HotlineFields.Text(body, "reason", 2_000);
        return reason.IsSuccess ? new MessageEscalated(seq.Value, party.Value, deadline.Value, reason.Value) : reason.Error;
    }

    private static Result<MessageMissed> ParseMiss(JsonElement body)
    {
        var seq = HotlineFields.Seq(body, "messageSeq");
        if (!seq.IsSuccess)
        {
            return seq.Error;
        }

        var party = HotlineFields.Party(body, "party");
        if (!party.IsSuccess)
        {
            return party.Error;
        }

        var deadline = Deadline(body);
        return deadline.IsSuccess ? new MessageMissed(seq.Value, party.Value, deadline.Value) : deadline.Error;
    }

    private static Result<DeadlineKind> Deadline(JsonElement body)
    {
        if (!body.TryGetProperty("deadline", out var element) || element.ValueKind != JsonValueKind.String || !DeadlineKinds.TryParse(element.GetString(), out var kind))
        {
            return EntryErrors.InvalidField("deadline", "must be acknowledgement or reply");
        }

        return kind;
    }

    private static Result<HotlineEvent> Up<T>(Result<T> result)
        where T : HotlineEvent => result.IsSuccess ? result.Value : result.Error;
}
