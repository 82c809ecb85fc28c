namespace Liaison.Domain.Hotline;

/// <summary>The structured form of a hotline message; each template but free text has coded fields (see <see cref="TemplateFields"/>).</summary>
public enum MessageTemplate
{
    /// <summary><c>free-text</c>: subject and body only.</summary>
    FreeText,

    /// <summary><c>notification</c>: a planned or ongoing activity, where and when.</summary>
    Notification,

    /// <summary><c>request-for-explanation</c>: a question about something that happened; has a reply deadline.</summary>
    RequestForExplanation,

    /// <summary><c>complaint</c>: a charge that something breached a rule or commitment.</summary>
    Complaint,

    /// <summary><c>reply</c>: an answer to an earlier message, which it must name in <c>inReplyTo</c>.</summary>
    Reply,
}

/// <summary>Template codes as written in entries.</summary>
public static class MessageTemplates
{
    /// <summary>Every template, in declaration order.</summary>
    public static IReadOnlyList<MessageTemplate> All { get; } =
        [MessageTemplate.FreeText, MessageTemplate.Notification, MessageTemplate.RequestForExplanation, MessageTemplate.Complaint, MessageTemplate.Reply];

    /// <summary>The code of a template, e.g. <c>request-for-explanation</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="template"/> is not a defined value.</exception>
    public static string Code(this MessageTemplate template) => template switch
    {
        MessageTemplate.FreeText => "free-text",
        MessageTemplate.Notification => "notification",
        MessageTemplate.RequestForExplanation => "request-for-explanation",
        MessageTemplate.Complaint => "complaint",
        MessageTemplate.Reply => "reply",
        _ => throw new ArgumentOutOfRangeException(nameof(template), template, "Not a message template."),
    };

    /// <summary>Parses a code exactly as written; false for anything else.</summary>
    public static bool TryParse(string? code, out MessageTemplate template)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Code(), code, StringComparison.Ordinal))
            {
                template = candidate;
                return true;
            }
        }

        template = default;
        return false;
    }
}
