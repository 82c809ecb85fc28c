using Liaison.Domain.Common;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Notices;

/// <summary>The expected failures of notice decisions.</summary>
public static class NoticeErrors
{
    /// <summary>No notice has that id (or the caller's party is not in its audience).</summary>
    public static Error NotFound(long id) => new Error.NotFound("notice-not-found", $"There is no notice {id}.");

    /// <summary>A notice must be addressed to every party and the convener.</summary>
    public static Error Audience(IEnumerable<PartyCode> missing) =>
        new Error.Validation("notice-audience", $"A notice is addressed to every party and the convener; add {string.Join(", ", missing)} to the audience.");

    /// <summary>An answer or a cancellation reaches everyone the notice reached, so each of them reads the notice's course.</summary>
    public static Error StepAudience(long id, string step, IEnumerable<PartyCode> missing) =>
        new Error.Validation("notice-audience", $"{step} notice {id} is addressed to at least the notice's audience; add {string.Join(", ", missing)} to the audience.");

    /// <summary>An amendment is a new version of the notice for the same readers.</summary>
    public static Error AmendmentAudience(long id, IEnumerable<PartyCode> audience) =>
        new Error.Validation("notice-audience", $"An amendment is addressed to the audience of the notice it replaces: notice {id} went to {string.Join(", ", audience)}. To address others, cancel it and file a new notice.");

    /// <summary>The window is longer than the configuration allows.</summary>
    public static Error WindowTooLong(TimeSpan length, TimeSpan max) =>
        new Error.Validation("payload-invalid", $"Payload field 'window' runs {Hours(length)}, longer than the {Hours(max)} a notice may cover; file several notices.");

    /// <summary>Only another party answers a notice.</summary>
    public static Error OwnNotice(long id) =>
        new Error.Forbidden("notice-own", $"Notice {id} is your party's own; another party acknowledges or objects to it.");

    /// <summary>Only the filing party cancels or amends a notice.</summary>
    public static Error NotTheFiler(long id, PartyCode filer) =>
        new Error.Forbidden("notice-not-filer", $"Notice {id} was filed by {filer}; only {filer} may cancel or amend it.");

    /// <summary>The notice was cancelled or amended already.</summary>
    public static Error NoLongerStands(long id, string why) =>
        new Error.Conflict("notice-closed", $"Notice {id} {why}; answer or amend its current version instead.");

    /// <summary>The party already gave this answer.</summary>
    public static Error AlreadyAnswered(long id, PartyCode party, string answer, long bySeq) =>
        new Error.Conflict("notice-already-answered", $"{party} already {answer} notice {id} (entry {bySeq}).")
        {
            Extensions = new Dictionary<string, object?> { ["seq"] = bySeq },
        };

    private static string Hours(TimeSpan span) => span.TotalHours >= 48 ? $"{span.TotalDays:0.#} days" : $"{span.TotalHours:0.#} hours";
}
