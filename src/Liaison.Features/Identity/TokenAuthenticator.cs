using System.Security.Cryptography;
using System.Text;
using Liaison.Domain.Common;
using Liaison.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Identity;

/// <summary>
/// Checks a personal access token on every API request. A singleton that opens a database context only when it must
/// (a token not in <see cref="TokenCache"/>, or a last use to record), so a request with a cached token builds neither
/// a context nor Identity's user manager.
/// </summary>
public sealed class TokenAuthenticator(IDbContextFactory<LiaisonDbContext> dbFactory, TokenCache cache, TimeProvider time)
{
    /// <summary>The owner and scopes of <paramref name="token"/>, or why it is refused (invalid, revoked, expired, owner locked out).</summary>
    public async Task<Result<TokenPrincipal>> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        var invalid = new Error.Unauthenticated("invalid-token", "The access token is not valid.");
        if (!token.StartsWith(AccessTokens.TokenPrefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return invalid;
        }

        var hash = Hash(token);
        var now = time.GetUtcNow();
        if (cache.TryGet(hash, out var cached))
        {
            if (cached.ExpiresAt <= now)
            {
                return new Error.Unauthenticated("token-expired", "The access token has expired; run 'liaison login' again.");
            }

            if (NeedsLastUse(cached.LastUsedAt, now))
            {
                await using var usedDb = await dbFactory.CreateDbContextAsync(cancellationToken);
                await usedDb.AccessTokens.Where(t => t.TokenHash == hash).ExecuteUpdateAsync(t => t.SetProperty(r => r.LastUsedAt, now), cancellationToken);
                cache.Used(hash, now);
            }

            return cached.Principal;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.AccessTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (record is null)
        {
            return invalid;
        }

        if (record.RevokedAt is not null)
        {
            return new Error.Unauthenticated("token-revoked", "The access token was revoked.");
        }

        if (record.ExpiresAt <= now)
        {
            return new Error.Unauthenticated("token-expired", "The access token has expired; run 'liaison login' again.");
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == record.UserId, cancellationToken);
        if (user is null || (user.LockoutEnd is { } end && end > now))
        {
            return invalid;
        }

        // Last use is recorded at most once a minute, so a busy client does not write on every request.
        if (NeedsLastUse(record.LastUsedAt, now))
        {
            record.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        var principal = new TokenPrincipal(user, record.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), record.Id);
        cache.Add(hash, principal, record.ExpiresAt, record.LastUsedAt);
        return principal;
    }

    /// <summary>The stored form of a token: lower-case hex SHA-256 of its UTF-8 text.</summary>
    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static bool NeedsLastUse(DateTimeOffset? lastUsedAt, DateTimeOffset now) => lastUsedAt is null || now - lastUsedAt > TimeSpan.FromMinutes(1);
}
