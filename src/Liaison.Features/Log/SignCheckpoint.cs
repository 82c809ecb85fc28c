using Liaison.Features.Data;
using Liaison.Features.Mechanism;
using Liaison.Ledger.Checkpoints;
using Liaison.Ledger.Merkle;
using Liaison.Ledger.Notes;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Log;

/// <summary>
/// Signs a new checkpoint when the record has grown since the last one: the root is recomputed from the stored
/// tiles (never taken from memory), signed as a C2SP signed note by the log key, and stored.
/// </summary>
public sealed class SignCheckpoint(LiaisonDbContext db, ServedMechanism mechanism, TimeProvider time)
{
    /// <summary>The new checkpoint, or null when the record has not grown.</summary>
    public async Task<LogCheckpointRecord?> HandleAsync(CancellationToken cancellationToken)
    {
        var size = await db.LogTiles.AsNoTracking().Where(t => t.Level == 0).OrderByDescending(t => t.Index)
            .Select(t => (long?)((t.Index * 256) + (t.Hashes.Length / Rfc6962.HashLength))).FirstOrDefaultAsync(cancellationToken) ?? 0;
        var last = await db.LogCheckpoints.AsNoTracking().MaxAsync(c => (long?)c.Size, cancellationToken) ?? 0;
        if (size <= last)
        {
            return null;
        }

        var root = await MerkleTree.RootAsync(size, new TileHashReader(db), cancellationToken);
        var body = new Checkpoint(mechanism.Origin, (ulong)size, root).ToBody();
        var checkpoint = new LogCheckpointRecord
        {
            Size = size,
            RootHash = root,
            Note = SignedNote.Sign(body, [mechanism.LogKey]),
            SignedAt = time.GetUtcNow(),
        };
        db.LogCheckpoints.Add(checkpoint);
        await db.SaveChangesAsync(cancellationToken);
        return checkpoint;
    }
}
