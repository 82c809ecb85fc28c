using Liaison.Domain.Hotline;
using Liaison.Domain.Notices;
using Liaison.Domain.Parties;

namespace Liaison.Domain.VerificationVisits;

/// <summary>Where a request for verification stands at an instant: <c>open</c>, <c>overdue</c>, <c>answered</c> or <c>answered-late</c>.</summary>
public enum RequestStatus
{
    /// <summary>Not answered; the deadline has not passed.</summary>
    Open,

    /// <summary>Not answered; the deadline has passed.</summary>
    Overdue,

    /// <summary>Answered by a report by the deadline.</summary>
    Answered,

    /// <summary>Answered by a report after the deadline.</summary>
    AnsweredLate,
}

/// <summary>Request status codes as written in the API.</summary>
public static class RequestStatuses
{
    /// <summary>The code, e.g. <c>answered-late</c>.</summary>
    public static string Code(this RequestStatus status) => status switch
    {
        RequestStatus.Open => "open",
        RequestStatus.Overdue => "overdue",
        RequestStatus.Answered => "answered",
        RequestStatus.AnsweredLate => "answered-late",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a request status."),
    };
}

/// <summary>
/// A party's request for verification of a zone; its id is the request entry's sequence number. <see cref="Due"/> is the
/// request's time plus the configured <c>onDemandVerification</c>. The first report naming it answers it.
/// </summary>
public sealed record VerificationRequest(long Id, PartyCode Party, string Author, string Zone, string Reason, string Lang, IReadOnlyList<PartyCode> Audience, DateTimeOffset At, DateTimeOffset Due)
{
    /// <summary>The first report answering it.</summary>
    public long? AnsweredBy { get; init; }

    /// <summary>When it was answered.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>The server's overdue entry, once recorded.</summary>
    public long? OverdueSeq { get; init; }

    /// <summary>The status at <paramref name="now"/>.</summary>
    public RequestStatus StatusAt(DateTimeOffset now) =>
        AnsweredAt is { } at ? (at > Due ? RequestStatus.AnsweredLate : RequestStatus.Answered)
        : now >= Due ? RequestStatus.Overdue
        : RequestStatus.Open;
}

/// <summary>
/// A verification report by the convener or an observer; its id is the report entry's sequence number. Its violations
/// are those computed from <see cref="Observed"/> against the zone's rules, then those the reporter stated.
/// </summary>
public sealed record VerificationReport(
    long Id,
    PartyCode Party,
    string Author,
    string Zone,
    long? Request,
    ActivityWindow Visit,
    IReadOnlyDictionary<PartyCode, NoticeAssets> Observed,
    IReadOnlyList<Violation> Violations,
    string Text,
    string Lang,
    IReadOnlyList<Attachment> Evidence,
    IReadOnlyList<PartyCode> Audience,
    DateTimeOffset At);

/// <summary>A server's overdue record: the zone, the instant it fell due, and the request when it was one.</summary>
public sealed record OverdueRecord(long Seq, string Zone, DateTimeOffset Due, long? Request, DateTimeOffset At);
