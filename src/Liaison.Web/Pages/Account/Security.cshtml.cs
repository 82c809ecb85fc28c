using System.Text.Encodings.Web;
using Liaison.Features.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages.Account;

/// <summary>Turns TOTP sign-in on (after a code proves the authenticator holds the key) or off.</summary>
[Microsoft.AspNetCore.Authorization.Authorize]
public sealed class SecurityModel(UserManager<LiaisonUser> users, SignInManager<LiaisonUser> signIn) : PageModel
{
    [BindProperty]
    public string Code { get; set; } = string.Empty;

    public bool TwoFactorEnabled { get; private set; }

    public string SharedKey { get; private set; } = string.Empty;

    public string AuthenticatorUri { get; private set; } = string.Empty;

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Challenge();

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var code = Code.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Message = "That code is not valid; check the key and your device's clock.";
            await LoadAsync();
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        await signIn.RefreshSignInAsync(user);
        Message = "One-time codes are on.";
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        Message = "One-time codes are off.";
        await LoadAsync();
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return false;
        }

        TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(user);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        SharedKey = key!;
        AuthenticatorUri = $"otpauth://totp/{UrlEncoder.Default.Encode("Liaison:" + user.UserName)}?secret={key}&issuer=Liaison&digits=6";
        return true;
    }
}
