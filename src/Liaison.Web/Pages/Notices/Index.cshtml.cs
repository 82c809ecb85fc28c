using Liaison.Domain.Parties;
using Liaison.Features.Mechanism;
using Liaison.Features.Notices;
using Liaison.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages.Notices;

/// <summary>
/// The deconfliction map: zones, the notices the user's party may see on the map, in a list with status, lateness and
/// conflicts, and on a timeline, filtered by activity, party and kind, with notices pushed live as they are filed and
/// answered.
/// </summary>
public sealed class IndexModel(ServedMechanism mechanism, ListNotices notices, TimeProvider time) : PageModel
{
    public Member Member { get; private set; } = null!;

    /// <summary>The server's time when the page was made: the timeline and "active" start from it.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>"active" (the default) or "all".</summary>
    public string Show { get; private set; } = "active";

    /// <summary>The party filter, or empty for every party.</summary>
    public string Party { get; private set; } = "";

    /// <summary>The kind filter, or empty for every kind.</summary>
    public string Kind { get; private set; } = "";

    /// <summary>The notices the user's party may read that pass the filters, newest first.</summary>
    public IReadOnlyList<NoticeView> Notices { get; private set; } = [];

    public string PartyCodes => NoticeDisplay.PartyCodes(mechanism.Config);

    public IReadOnlyList<string> FilingParties => NoticeDisplay.FilingParties(mechanism.Config).Select(p => p.Value).ToList();

    public async Task<IActionResult> OnGetAsync(string? show, string? party, string? kind, CancellationToken cancellationToken)
    {
        if (User.ToMember() is not { } member)
        {
            return Forbid();
        }

        Member = member;
        Now = time.GetUtcNow();
        Show = string.Equals(show, "all", StringComparison.Ordinal) ? "all" : "active";
        Party = FilingParties.Contains(party ?? "") ? party! : "";
        Kind = NoticeDisplay.Kinds.Contains(kind ?? "") ? kind! : "";
        var listed = await notices.HandleAsync(new ListNoticesRequest(Active: Show == "active", Party: Party.Length > 0 ? Party : null, Kind: Kind.Length > 0 ? Kind : null), member.Party, cancellationToken);
        Notices = listed.IsSuccess ? listed.Value : [];
        return Page();
    }
}
