using Liaison.Domain.Common;
using Liaison.Domain.Parties;
using Liaison.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Entries;

/// <summary>Which entries to list: after a sequence number (oldest first), or the newest ones; optionally one type.</summary>
public sealed record ListEntriesRequest(long? After = null, int? Limit = null, string? Type = null, bool Newest = false);

/// <summary>
/// An entry as one party sees it: the leaf fields every party sees, and the payload only when the viewer's party is in
/// its audience (<see cref="Payload"/> is then the exact signed bytes as base64; otherwise null).
/// </summary>
public sealed record EntryView(
    long Seq,
    string Type,
    string Author,
    IReadOnlyList<string> Audience,
    DateTimeOffset ServerTime,
    DateTimeOffset ClientTime,
    string KeyId,
    string Sig,
    string PayloadSha256,
    string LeafHash,
    string? Payload)
{
    internal static EntryView From(EntryRecord e, PartyCode viewer) => new(
        e.Seq,
        e.Type,
        e.Author,
        e.AudienceCodes,
        e.ServerTime,
        e.ClientTime,
        e.KeyId,
        Convert.ToBase64String(e.Signature),
        Convert.ToHexStringLower(e.PayloadSha256),
        Convert.ToHexStringLower(e.LeafHash),
        e.AudienceCodes.Contains(viewer.Value) ? Convert.ToBase64String(e.Payload) : null);
}

/// <summary>A page of entries and the size of the whole record.</summary>
public sealed record EntryPage(IReadOnlyList<EntryView> Entries, long RecordSize);

/// <summary>Lists entries for a member: every leaf, and the payloads addressed to their party.</summary>
public sealed class ListEntries(LiaisonDbContext db)
{
    public const int MaxLimit = 500;

    public async Task<Result<EntryPage>> HandleAsync(ListEntriesRequest request, Member viewer, CancellationToken cancellationToken)
    {
        var limit = request.Limit ?? 50;
        if (limit is < 1 or > MaxLimit)
        {
            return new Error.Validation("invalid-limit", $"limit must be between 1 and {MaxLimit}.");
        }

        var query = db.Entries.AsNoTracking();
        if (request.After is { } after)
        {
            query = query.Where(e => e.Seq > after);
        }

        if (!string.IsNullOrEmpty(request.Type))
        {
            query = query.Where(e => e.Type == request.Type);
        }

        query = request.Newest ? query.OrderByDescending(e => e.Seq) : query.OrderBy(e => e.Seq);
        var records = await query.Take(limit).ToListAsync(cancellationToken);
        var size = await db.Entries.LongCountAsync(cancellationToken);
        return new EntryPage(records.Select(e => EntryView.From(e, viewer.Party)).ToList(), size);
    }

    public async Task<Result<EntryView>> GetAsync(long seq, Member viewer, CancellationToken cancellationToken)
    {
        var record = await db.Entries.AsNoTracking().SingleOrDefaultAsync(e => e.Seq == seq, cancellationToken);
        return record is null
            ? new Error.NotFound("entry-not-found", $"There is no entry {seq}.")
            : EntryView.From(record, viewer.Party);
    }
}
