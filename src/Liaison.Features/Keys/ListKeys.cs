using Liaison.Domain.Common;
using Liaison.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Keys;

/// <summary>Filters for listing keys; each is optional.</summary>
public sealed record ListKeysRequest(string? Owner = null, string? Party = null, string? Status = null);

/// <summary>Lists signing keys and finds one by id.</summary>
public sealed class ListKeys(LiaisonDbContext db)
{
    public async Task<Result<IReadOnlyList<KeyView>>> HandleAsync(ListKeysRequest request, CancellationToken cancellationToken)
    {
        var query = db.SigningKeys.AsNoTracking();
        if (!string.IsNullOrEmpty(request.Owner))
        {
            query = query.Where(k => k.Owner == request.Owner);
        }

        if (!string.IsNullOrEmpty(request.Party))
        {
            query = query.Where(k => k.Party == request.Party);
        }

        if (!string.IsNullOrEmpty(request.Status))
        {
            if (!Enum.TryParse<Domain.Keys.KeyStatus>(request.Status, ignoreCase: true, out var status))
            {
                return new Error.Validation("invalid-status", "status must be pending, enrolled or revoked.");
            }

            query = query.Where(k => k.Status == status);
        }

        var keys = await query.OrderBy(k => k.Party).ThenBy(k => k.Owner).ThenBy(k => k.RequestedAt).ToListAsync(cancellationToken);
        return keys.Select(KeyView.From).ToList();
    }

    public async Task<Result<KeyView>> GetAsync(string keyId, CancellationToken cancellationToken)
    {
        var key = await db.SigningKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyId == keyId, cancellationToken);
        return key is null ? new Error.NotFound("key-not-found", $"Key {keyId} is not known.") : KeyView.From(key);
    }
}
