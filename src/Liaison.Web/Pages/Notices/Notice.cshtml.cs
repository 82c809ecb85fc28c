using Liaison.Domain.Notices;
using Liaison.Domain.Parties;
using Liaison.Features.Mechanism;
using Liaison.Features.Notices;
using Liaison.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages.Notices;

/// <summary>
/// One notice: its area on the map with the notices it conflicts with, window, altitude, assets, lateness, conflicts and
/// answers; for another party Acknowledge and Object (with a reason), for the filing party Cancel (with a reason) and
/// Amend. Each answer is an entry the user signs in the browser. A notice the party may not read is not found.
/// </summary>
public sealed class NoticeModel(ServedMechanism mechanism, ListNotices notices) : PageModel
{
    private static readonly string[] Ended = ["cancelled", "superseded", "completed"];

    public Member Member { get; private set; } = null!;

    public NoticeView Notice { get; private set; } = null!;

    public string PartyCodes => NoticeDisplay.PartyCodes(mechanism.Config);

    /// <summary>True while the notice stands: neither cancelled, nor amended, nor over.</summary>
    public bool Stands => !Ended.Contains(Notice.Status, StringComparer.Ordinal);

    /// <summary>True when the user's roles file and answer notices.</summary>
    public bool MayAct => Member.Roles.Overlaps(NoticeEntryTypes.AuthorRoles);

    /// <summary>True when the user is of the filing party: they cancel and amend, and do not answer.</summary>
    public bool IsFiler => Member.Party.Value == Notice.Party;

    /// <summary>The user's party's answer so far, if it gave one.</summary>
    public ResponseView? OwnAnswer => Notice.Responses.LastOrDefault(r => r.Party == Member.Party.Value && r.Kind is "ack" or "object");

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (User.ToMember() is not { } member)
        {
            return Forbid();
        }

        Member = member;
        var found = await notices.GetAsync(id, member.Party, cancellationToken);
        if (!found.IsSuccess)
        {
            // An unknown notice and one the party may not read look the same: need to know.
            return NotFound();
        }

        Notice = found.Value;
        return Page();
    }
}
