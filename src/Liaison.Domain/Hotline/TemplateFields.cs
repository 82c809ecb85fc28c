namespace Liaison.Domain.Hotline;

/// <summary>
/// The coded fields of a message's template, which carry its meaning apart from the free text. The hierarchy is closed:
/// one record per <see cref="MessageTemplate"/>. Codes are lower-case slugs (<c>^[a-z][a-z0-9-]*$</c>, at most 64 characters).
/// </summary>
public abstract record TemplateFields
{
    private protected TemplateFields()
    {
    }

    /// <summary>The template these fields belong to.</summary>
    public abstract MessageTemplate Template { get; }

    /// <summary><c>free-text</c>: no coded fields.</summary>
    public sealed record FreeText : TemplateFields
    {
        /// <inheritdoc />
        public override MessageTemplate Template => MessageTemplate.FreeText;
    }

    /// <summary>
    /// <c>notification</c>: <c>activity</c>, the kind of activity as a slug (<c>air-sortie</c>, <c>uav</c>,
    /// <c>ground-movement</c>, <c>live-fire</c>, <c>strike</c>, <c>humanitarian-convoy</c>, or another);
    /// <c>location</c>, where, in words (at most 500 characters); <c>window</c>, <c>{start, end}</c> as RFC 3339 times, half-open.
    /// </summary>
    public sealed record Notification(string Activity, string Location, ActivityWindow Window) : TemplateFields
    {
        /// <inheritdoc />
        public override MessageTemplate Template => MessageTemplate.Notification;
    }

    /// <summary>
    /// <c>request-for-explanation</c>: <c>reference</c>, what is asked about (an event, a report, an entry; at most 300
    /// characters); <c>question</c>, what the sender wants explained (at most 10 000 characters).
    /// </summary>
    public sealed record RequestForExplanation(string Reference, string Question) : TemplateFields
    {
        /// <inheritdoc />
        public override MessageTemplate Template => MessageTemplate.RequestForExplanation;
    }

    /// <summary>
    /// <c>complaint</c>: <c>reference</c>, what is complained about (at most 300 characters); <c>breach</c>, the slug of the
    /// rule or commitment said to be breached (e.g. a commitment code of the configuration, or <c>airspace-violation</c>).
    /// </summary>
    public sealed record Complaint(string Reference, string Breach) : TemplateFields
    {
        /// <inheritdoc />
        public override MessageTemplate Template => MessageTemplate.Complaint;
    }

    /// <summary><c>reply</c>: no coded fields of its own; the message's <c>inReplyTo</c> is required.</summary>
    public sealed record Reply : TemplateFields
    {
        /// <inheritdoc />
        public override MessageTemplate Template => MessageTemplate.Reply;
    }
}
