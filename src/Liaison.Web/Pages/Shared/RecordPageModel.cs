using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;
using Liaison.Features.Mechanism;
using Liaison.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages.Shared;

/// <summary>
/// A page drawn in the browser from the JSON API (incidents, disputes, verification, statistics): the server gives it the
/// signed-in member, the mechanism's parties and the id in the address; the script reads everything else through
/// <c>/api/v1</c>, with the same audience rules as any client, and signs what the user does.
/// </summary>
public abstract class RecordPageModel(ServedMechanism mechanism) : PageModel
{
    public Member Member { get; private set; } = null!;

    /// <summary>The mechanism's configuration.</summary>
    protected MechanismConfig Config => mechanism.Config;

    /// <summary>The id in the address (<c>?id=</c>), when the page shows one record.</summary>
    public long? Id { get; private set; }

    /// <summary>Every party code in configuration order, space separated (the map's colours follow it).</summary>
    public string PartyCodes => string.Join(' ', mechanism.Config.Parties.Select(p => p.Code.Value));

    /// <summary>The parties of kind "party", space separated.</summary>
    public string SideCodes => string.Join(' ', mechanism.Config.PartiesOfKind(PartyKind.Party).Select(p => p.Code.Value));

    /// <summary>The convener's party code.</summary>
    public string Convener => mechanism.Config.Convener.Code.Value;

    /// <summary>The member's role codes, space separated.</summary>
    public string RoleCodes => Codes(Member.Roles);

    /// <summary>Role codes, space separated, as the pages' scripts compare them with the viewer's.</summary>
    public static string Codes(IEnumerable<Role> roles) => string.Join(' ', roles.Select(r => r.Code()).Order(StringComparer.Ordinal));

    /// <summary>The kind of the member's party: party, convener or observer.</summary>
    public string PartyKindCode => mechanism.Config.Parties.First(p => p.Code == Member.Party).Kind.ToString().ToLowerInvariant();

    public IActionResult OnGet(long? id)
    {
        if (User.ToMember() is not { } member)
        {
            return Forbid();
        }

        Member = member;
        Id = id;
        return Page();
    }
}
