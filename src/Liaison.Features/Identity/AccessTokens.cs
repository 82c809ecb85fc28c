using System.Security.Cryptography;
using Liaison.Domain.Common;
using Liaison.Features.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Identity;

/// <summary>Asks for a personal access token: a name, the scopes (all when empty) and the lifetime in days (1 to 365).</summary>
public sealed record CreateTokenRequest(string? Name, IReadOnlyList<string>? Scopes, int? ExpiresInDays);

/// <summary>Signs in with a password (and a TOTP code when the user has one) to get a personal access token, as <c>liaison login</c> does.</summary>
public sealed record PasswordTokenRequest(string? UserName, string? Password, string? TotpCode, string? TokenName, IReadOnlyList<string>? Scopes, int? ExpiresInDays);

/// <summary>A token's metadata; <see cref="Token"/> holds the secret only in the answer that created it.</summary>
public sealed record TokenView(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, string? Token = null)
{
    internal static TokenView From(AccessTokenRecord t, string? token = null) =>
        new(t.Id, t.Name, t.Prefix, t.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt, token);
}

/// <summary>The owner of a valid token and what it may do.</summary>
public sealed record TokenPrincipal(LiaisonUser User, IReadOnlyList<string> Scopes, Guid TokenId);

/// <summary>
/// Personal access tokens: <c>lia_</c> and 43 base64url characters of 32 random bytes. Only SHA-256 of the token is
/// stored, so a database reader cannot use one; a token is scoped, expires, and can be revoked by its owner.
/// </summary>
public sealed class AccessTokens(LiaisonDbContext db, UserManager<LiaisonUser> users, TokenCache cache, TokenAuthenticator authenticator, TimeProvider time)
{
    public const string TokenPrefix = "lia_";

    public async Task<Result<TokenView>> CreateAsync(CreateTokenRequest request, string userId, CancellationToken cancellationToken)
    {
        var name = string.IsNullOrWhiteSpace(request.Name) ? "cli" : request.Name.Trim();
        if (name.Length > 100)
        {
            return new Error.Validation("invalid-token-name", "A token name is at most 100 characters.");
        }

        var scopes = request.Scopes is null || request.Scopes.Count == 0 ? TokenScopes.All : request.Scopes;
        var unknown = scopes.FirstOrDefault(s => !TokenScopes.All.Contains(s));
        if (unknown is not null)
        {
            return new Error.Validation("invalid-scope", $"'{unknown}' is not a scope; scopes are {string.Join(", ", TokenScopes.All)}.");
        }

        var days = request.ExpiresInDays ?? 90;
        if (days is < 1 or > 365)
        {
            return new Error.Validation("invalid-expiry", "A token lasts 1 to 365 days.");
        }

        var token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var record = new AccessTokenRecord
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Name = name,
            TokenHash = Hash(token),
            Prefix = token[..12],
            Scopes = string.Join(' ', scopes.Distinct(StringComparer.Ordinal)),
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
        };
        db.AccessTokens.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return TokenView.From(record, token);
    }

    public async Task<Result<TokenView>> CreateWithPasswordAsync(PasswordTokenRequest request, CancellationToken cancellationToken)
    {
        var refused = new Error.Unauthenticated("bad-credentials", "The user name, password or one-time code is wrong, or the account is locked.");
        if (string.IsNullOrEmpty(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return refused;
        }

        var user = await users.FindByNameAsync(request.UserName);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return refused;
        }

        if (!await users.CheckPasswordAsync(user, request.Password))
        {
            await users.AccessFailedAsync(user);
            return refused;
        }

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            if (string.IsNullOrEmpty(request.TotpCode))
            {
                return new Error.Unauthenticated("totp-required", "This account uses a one-time code: give it with --totp.");
            }

            if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, request.TotpCode))
            {
                await users.AccessFailedAsync(user);
                return refused;
            }
        }

        await users.ResetAccessFailedCountAsync(user);
        return await CreateAsync(new CreateTokenRequest(request.TokenName, request.Scopes, request.ExpiresInDays), user.Id, cancellationToken);
    }

    /// <summary>The owner and scopes of <paramref name="token"/>; see <see cref="TokenAuthenticator"/>, which the API's token scheme uses directly.</summary>
    public Task<Result<TokenPrincipal>> AuthenticateAsync(string token, CancellationToken cancellationToken) =>
        authenticator.AuthenticateAsync(token, cancellationToken);

    public async Task<Result<IReadOnlyList<TokenView>>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var tokens = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.CreatedAt).ToListAsync(cancellationToken);
        return tokens.Select(t => TokenView.From(t)).ToList();
    }

    public async Task<Result<TokenView>> RevokeAsync(Guid id, string userId, CancellationToken cancellationToken)
    {
        var record = await db.AccessTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == userId, cancellationToken);
        if (record is null)
        {
            return new Error.NotFound("token-not-found", $"You have no token {id}.");
        }

        record.RevokedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        cache.Forget(record.Id);
        return TokenView.From(record);
    }

    private static string Hash(string token) => TokenAuthenticator.Hash(token);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
