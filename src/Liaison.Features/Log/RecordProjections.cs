using Liaison.Domain.Keys;
using Liaison.Domain.Record;
using Liaison.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Log;

/// <summary>The state digest as the server holds it.</summary>
public sealed record RecordStateView(string Mechanism, long Size, int Keys, string Digest);

/// <summary>
/// The server's own projections, in the canonical form of <see cref="RecordState"/>: the keys table as the sequencer
/// maintained it. <c>liaison replay</c> recomputes the same state from the entries alone; equal digests show the
/// projections are a function of the record and nothing else.
/// </summary>
public sealed class RecordProjections(LiaisonDbContext db)
{
    public async Task<RecordState> StateAsync(string mechanism, CancellationToken cancellationToken)
    {
        var size = await db.Entries.LongCountAsync(cancellationToken);
        var keys = await db.SigningKeys.AsNoTracking().Where(k => k.Status != KeyStatus.Pending).ToListAsync(cancellationToken);
        return new RecordState(mechanism, size, keys
            .Select(k => new KeyProjection(k.KeyId, Convert.ToBase64String(k.PublicKey), k.Owner, k.OwnerKind, k.Party, k.Status, k.EnrolledBySeq, k.RevokedBySeq))
            .ToList());
    }

    public async Task<RecordStateView> ViewAsync(string mechanism, CancellationToken cancellationToken)
    {
        var state = await StateAsync(mechanism, cancellationToken);
        return new RecordStateView(state.Mechanism, state.Size, state.Keys.Count, state.Digest());
    }
}
