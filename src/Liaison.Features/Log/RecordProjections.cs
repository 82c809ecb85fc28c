using Liaison.Domain.Keys;
using Liaison.Domain.Record;
using Liaison.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Log;

/// <summary>
/// The state digest the server answers <c>GET /api/v1/log/state</c> with, for the caller's party: the record size it is
/// pinned at, the keys table's digest (<see cref="Digest"/>, as before per-projection digests existed), the overall
/// digest of every projection the caller sees (<see cref="Overall"/>), each projection's digest, the server time the
/// views are evaluated at, and whether they came from the live books (<c>live</c>) or a fresh fold (<c>fold</c>).
/// </summary>
public sealed record RecordStateView(
    string Mechanism,
    long Size,
    int Keys,
    string Digest,
    string? Viewer = null,
    DateTimeOffset? AsOf = null,
    string? Source = null,
    string? Overall = null,
    IReadOnlyList<ProjectionDigest>? Projections = null)
{
    /// <summary>The view of a viewer's digest, with where it came from.</summary>
    public static RecordStateView Of(RecordDigest digest, string source)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var keys = digest.Find(ProjectionNames.Keys);
        return new RecordStateView(digest.Mechanism, digest.Size, keys?.Count ?? 0, keys?.Digest ?? string.Empty, digest.Viewer, digest.AsOf, source, digest.Overall(), digest.Projections);
    }

    /// <summary>The digest this view holds.</summary>
    public RecordDigest ToDigest() => new(Mechanism, Size, Viewer ?? string.Empty, AsOf, Projections ?? [new ProjectionDigest(ProjectionNames.Keys, Keys, Digest)]);
}

/// <summary>
/// The server's keys table in the canonical form of <see cref="RecordState"/>, as the sequencer maintained it.
/// <c>liaison replay</c> recomputes the same state from the entries alone; equal digests show the table is a function of
/// the record and nothing else.
/// </summary>
public sealed class RecordProjections(LiaisonDbContext db)
{
    public async Task<RecordState> StateAsync(string mechanism, CancellationToken cancellationToken) =>
        await KeysAsync(db, mechanism, await db.Entries.LongCountAsync(cancellationToken), cancellationToken);

    /// <summary>The keys table read through <paramref name="db"/>, labelled with the record <paramref name="size"/> it stands at.</summary>
    public static async Task<RecordState> KeysAsync(LiaisonDbContext db, string mechanism, long size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var keys = await db.SigningKeys.AsNoTracking().Where(k => k.Status != KeyStatus.Pending).ToListAsync(cancellationToken);
        return new RecordState(mechanism, size, keys
            .Select(k => new KeyProjection(k.KeyId, Convert.ToBase64String(k.PublicKey), k.Owner, k.OwnerKind, k.Party, k.Status, k.EnrolledBySeq, k.RevokedBySeq))
            .ToList());
    }
}
