using Liaison.Domain.Notices;
using Liaison.Domain.Parties;
using Liaison.Features.Mechanism;
using Liaison.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages.Notices;

/// <summary>
/// The notice form: kind, window in UTC, altitude band, assets, text and the self-defence flag, and an area drawn on the
/// map or pasted as GeoJSON. The browser signs the <c>notice.file</c> entry with the user's own key and shows the
/// server's answer (the notice's id, whether it is late and by how much, its conflicts) or its refusal.
/// With <c>?replaces=ID</c> it files an amendment of notice ID, starting from that notice's fields.
/// </summary>
public sealed class NewModel(ServedMechanism mechanism, TimeProvider time) : PageModel
{
    public Member Member { get; private set; } = null!;

    /// <summary>The server's time when the page was made: the default window starts from it.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>The notice this one amends, or null for a new notice.</summary>
    public long? Replaces { get; private set; }

    /// <summary>True when the user holds a role that files notices; others see the form with the reason they cannot.</summary>
    public bool MayFile => Member.Roles.Overlaps(NoticeEntryTypes.AuthorRoles);

    /// <summary>Who a notice is always addressed to: every party of kind "party" and the convener.</summary>
    public IReadOnlyList<string> Audience =>
        [.. NoticeDisplay.FilingParties(mechanism.Config).Select(p => p.Value), mechanism.Config.Convener.Code.Value];

    /// <summary>The observers, whom the filer may add to the audience.</summary>
    public IReadOnlyList<string> Observers => mechanism.Config.PartiesOfKind(PartyKind.Observer).Select(p => p.Code.Value).ToList();

    /// <summary>The languages of the user's party, then English, for the text's language.</summary>
    public IReadOnlyList<string> Languages => (mechanism.Config.FindParty(Member.Party)?.Languages ?? []).Append("en").Distinct(StringComparer.Ordinal).ToList();

    public string PartyCodes => NoticeDisplay.PartyCodes(mechanism.Config);

    public IActionResult OnGet(long? replaces)
    {
        if (User.ToMember() is not { } member)
        {
            return Forbid();
        }

        Member = member;
        Now = time.GetUtcNow();
        Replaces = replaces is > 0 ? replaces : null;
        return Page();
    }

    /// <summary>The default window: from the next full hour plus one to two hours later, as <c>datetime-local</c> values in UTC.</summary>
    public (string Start, string End) DefaultWindow()
    {
        var start = new DateTimeOffset(Now.UtcDateTime.Date, TimeSpan.Zero).AddHours(Now.UtcDateTime.Hour + 2);
        return (Local(start), Local(start.AddHours(2)));
    }

    private static string Local(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
