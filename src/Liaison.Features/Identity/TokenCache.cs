using System.Collections.Concurrent;

namespace Liaison.Features.Identity;

/// <summary>
/// Recently authenticated tokens, by token hash, for at most <see cref="Lifetime"/>: a busy client is not looked up in
/// the database on every request. Revoking a token removes it at once; expiry is still checked on every use.
/// </summary>
public sealed class TokenCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string tokenHash, out Entry entry) =>
        _entries.TryGetValue(tokenHash, out entry!) && entry.CachedUntil > time.GetUtcNow();

    public void Add(string tokenHash, TokenPrincipal principal, DateTimeOffset expiresAt, DateTimeOffset? lastUsedAt) =>
        _entries[tokenHash] = new Entry(principal, expiresAt, lastUsedAt, time.GetUtcNow() + Lifetime);

    /// <summary>Notes a use recorded in the database, keeping the entry's lifetime.</summary>
    public void Used(string tokenHash, DateTimeOffset at)
    {
        if (_entries.TryGetValue(tokenHash, out var entry))
        {
            _entries[tokenHash] = entry with { LastUsedAt = at };
        }
    }

    /// <summary>A cached token: its owner and scopes, its expiry, and when its last use was recorded.</summary>
    public sealed record Entry(TokenPrincipal Principal, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset CachedUntil);

    public void Forget(Guid tokenId)
    {
        foreach (var (hash, entry) in _entries)
        {
            if (entry.Principal.TokenId == tokenId)
            {
                _entries.TryRemove(hash, out _);
            }
        }
    }
}
