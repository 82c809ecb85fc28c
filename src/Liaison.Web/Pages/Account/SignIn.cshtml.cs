using Liaison.Features.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Liaison.Web.Pages.Account;

/// <summary>Password sign-in; users with an authenticator go on to the one-time code step.</summary>
[EnableRateLimiting(Hosting.LiaisonWebHost.SignInRateLimit)]
public sealed class SignInModel(SignInManager<LiaisonUser> signIn) : PageModel
{
    [BindProperty]
    public string UserName { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await signIn.PasswordSignInAsync(UserName, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl());
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("SignInTotp", new { returnUrl = SafeReturnUrl() });
        }

        Message = result.IsLockedOut ? "This account is locked for a while after too many failed attempts." : "The user name or password is wrong.";
        return Page();
    }

    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}
