using Liaison.Domain.Parties;

namespace Liaison.Domain.Notices;

/// <summary>
/// A notice as the record has it: the filing (<see cref="Filing"/>) with its id (the sequence number of its entry),
/// who filed it and when (server time), the server's assessment made when it was filed (<see cref="Late"/>,
/// <see cref="Conflicts"/>, the <see cref="Zones"/> it touches), and what happened since (answers, amendment,
/// cancellation). Immutable: every change makes a new value.
/// </summary>
public sealed record Notice(
    long Id,
    PartyCode Party,
    string Author,
    IReadOnlyList<PartyCode> Audience,
    NoticeFiled Filing,
    DateTimeOffset FiledAt,
    DateTimeOffset ClientTime,
    int Version,
    Lateness? Late,
    IReadOnlyList<NoticeConflict> Conflicts,
    IReadOnlyList<string> Zones)
{
    /// <summary>The answers of the other parties, in record order.</summary>
    public IReadOnlyList<NoticeResponse> Responses { get; init; } = [];

    /// <summary>The notice that amends this one, if any.</summary>
    public long? ReplacedBy { get; init; }

    /// <summary>The cancellation, if any.</summary>
    public NoticeResponse? Cancellation { get; init; }

    /// <summary>True while the notice stands: neither cancelled nor replaced by an amendment.</summary>
    public bool Stands => Cancellation is null && ReplacedBy is null;

    /// <summary>
    /// The status at <paramref name="now"/>: cancelled or superseded if so; else completed once its window has ended,
    /// active inside it; before it, the latest answer (acknowledged or objected), or filed when there is none.
    /// </summary>
    public NoticeStatus StatusAt(DateTimeOffset now)
    {
        if (Cancellation is not null)
        {
            return NoticeStatus.Cancelled;
        }

        if (ReplacedBy is not null)
        {
            return NoticeStatus.Superseded;
        }

        if (now >= Filing.Window.End)
        {
            return NoticeStatus.Completed;
        }

        if (now >= Filing.Window.Start)
        {
            return NoticeStatus.Active;
        }

        return Responses.Count == 0 ? NoticeStatus.Filed
            : Responses[^1].Kind == NoticeResponseKind.Objected ? NoticeStatus.Objected : NoticeStatus.Acknowledged;
    }
}

/// <summary>Where a notice stands: filed → acknowledged or objected → active → completed, or cancelled, or superseded by an amendment.</summary>
public enum NoticeStatus
{
    /// <summary>Filed, not yet answered, not yet started.</summary>
    Filed,

    /// <summary>Acknowledged by the other party, not yet started.</summary>
    Acknowledged,

    /// <summary>Objected to by the other party, not yet started (the activity is never blocked).</summary>
    Objected,

    /// <summary>Inside its window.</summary>
    Active,

    /// <summary>Its window has ended.</summary>
    Completed,

    /// <summary>Cancelled by the filing party.</summary>
    Cancelled,

    /// <summary>Replaced by an amendment.</summary>
    Superseded,
}

/// <summary>What an answer to a notice says.</summary>
public enum NoticeResponseKind
{
    /// <summary>The other party acknowledges.</summary>
    Acknowledged,

    /// <summary>The other party objects, with a reason.</summary>
    Objected,

    /// <summary>The filing party cancels, with a reason.</summary>
    Cancelled,
}

/// <summary>An answer to a notice (or its cancellation): the entry that made it, by whom, what, why and when (server time).</summary>
public sealed record NoticeResponse(long Seq, PartyCode Party, string Author, NoticeResponseKind Kind, string? Reason, DateTimeOffset At);

/// <summary>
/// Why a notice is late: the lead time the rule <see cref="Rule"/> required (for a self-defence notice, the grace after
/// its start), and by how much it fell short. Late notices are accepted: this is recorded, never a refusal.
/// </summary>
public sealed record Lateness(string Rule, TimeSpan RequiredLead, TimeSpan Shortfall);

/// <summary>Codes and names of statuses and answers.</summary>
public static class NoticeStatuses
{
    /// <summary>The status code, e.g. <c>acknowledged</c>.</summary>
    public static string Code(this NoticeStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>The answer code: <c>ack</c>, <c>object</c> or <c>cancel</c>.</summary>
    public static string Code(this NoticeResponseKind kind) => kind switch
    {
        NoticeResponseKind.Acknowledged => "ack",
        NoticeResponseKind.Objected => "object",
        NoticeResponseKind.Cancelled => "cancel",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an answer kind."),
    };
}
