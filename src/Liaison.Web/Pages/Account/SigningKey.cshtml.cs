using Liaison.Domain.Parties;
using Liaison.Features.Keys;
using Liaison.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages.Account;

/// <summary>
/// This browser's signing key (made and kept by <c>wwwroot/js/signing.js</c>): make it, see its state, and the command
/// an administrator of the user's party runs to enrol it. An administrator also sees the party's pending keys and may
/// enrol them from here, each as a <c>key.enroll</c> entry signed by their own enrolled browser key.
/// </summary>
[Authorize]
public sealed class SigningKeyModel(ListKeys keys) : PageModel
{
    public Member Member { get; private set; } = null!;

    /// <summary>True when the user administers their party and so may enrol its keys.</summary>
    public bool IsAdministrator => Member.Roles.Contains(Role.Administrator);

    /// <summary>The CLI profile name the demo gives the party's administrator, e.g. <c>syr-admin</c>.</summary>
    public string AdministratorProfile => Member.Party.Value.ToLowerInvariant() + "-admin";

    /// <summary>The party's keys awaiting enrolment, for an administrator; empty otherwise.</summary>
    public IReadOnlyList<KeyView> Pending { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.ToMember() is not { } member)
        {
            return Challenge();
        }

        Member = member;
        if (IsAdministrator)
        {
            var pending = await keys.HandleAsync(new ListKeysRequest(Party: member.Party.Value, Status: "pending"), cancellationToken);
            Pending = pending.IsSuccess ? pending.Value : [];
        }

        return Page();
    }
}
