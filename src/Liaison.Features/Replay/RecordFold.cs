using Liaison.Domain.Disputes;
using Liaison.Domain.Entries;
using Liaison.Domain.Hotline;
using Liaison.Domain.Incidents;
using Liaison.Domain.Keys;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Notices;
using Liaison.Domain.Parties;
using Liaison.Domain.Record;
using Liaison.Domain.VerificationVisits;
using Liaison.Domain.Zones;
using Liaison.Features.Data;
using Liaison.Features.Disputes;
using Liaison.Features.Hotline;
using Liaison.Features.Incidents;
using Liaison.Features.Notices;
using Liaison.Features.VerificationVisits;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Replay;

/// <summary>
/// Every projection folded afresh from a list of entries, as of its <see cref="Size"/>: the keys and, through each
/// book's own fold, the hotline, notices, incidents, disputes and verification visits. <see cref="AsOf"/> is the
/// server's time of the last entry (null for an empty record).
/// </summary>
public sealed record FoldedRecord(
    RecordState Keys,
    long Size,
    DateTimeOffset? AsOf,
    HotlineState Hotline,
    NoticeBoard Notices,
    IncidentRegister Incidents,
    DisputeState Disputes,
    VerificationState Verification)
{
    /// <summary>
    /// The digest of what <paramref name="reader"/> sees of these projections (<see cref="ProjectionViews"/>), every
    /// part of the record below <see cref="Size"/> being durable.
    /// </summary>
    public RecordDigest DigestFor(MechanismConfig config, PartyCode reader)
    {
        ArgumentNullException.ThrowIfNull(config);
        var now = AsOf ?? DateTimeOffset.MinValue;
        var durable = Size - 1;
        return new RecordDigest(Keys.Mechanism, Size, reader.Value, AsOf,
        [
            ProjectionViews.Keys(Keys),
            ProjectionViews.Hotline(Hotline, reader),
            ProjectionViews.Notices(Notices, durable, reader, now),
            ProjectionViews.Incidents(Incidents, durable, reader, config.Deadlines, now),
            ProjectionViews.Disputes(Disputes, config, reader, now),
            ProjectionViews.Verification(Verification, config, reader, now),
        ]);
    }
}

/// <summary>
/// Folds the record's projections afresh from entries alone: what <c>liaison replay</c> does with the entries a viewer
/// may read (a payload it may not read is a leaf only: its server time counts, its content does not). Each entry's
/// party and whether the server made it come from the key that signed it, as the keys replay knows it at that entry.
/// </summary>
public static class RecordFold
{
    /// <summary>
    /// Every entry of the database in sequence order as <paramref name="reader"/> may read it, as the API serves it: the
    /// payload only where the reader is in the entry's audience (a leaf only otherwise). What the reader's replay folds.
    /// </summary>
    public static async Task<List<ReplayEntry>> ReadableEntriesAsync(LiaisonDbContext db, PartyCode reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Entries.AsNoTracking().OrderBy(e => e.Seq)
            .Select(e => new { e.Seq, e.Type, e.Author, e.KeyId, e.Payload, e.ServerTime, e.Audience })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(e => new ReplayEntry(e.Seq, e.Type, e.Author, e.KeyId,
            e.Audience.Split(',', StringSplitOptions.RemoveEmptyEntries).Contains(reader.Value) ? e.Payload : null, e.ServerTime))];
    }

    /// <param name="config">The configuration the mechanism was established with.</param>
    /// <param name="zones">Its zones (<see cref="ZoneFiles.Load"/>).</param>
    /// <param name="entries">Every entry of a prefix of the record (a leaf without payload when the viewer may not read it).</param>
    public static FoldedRecord Fold(MechanismConfig config, ZoneAtlas zones, IEnumerable<ReplayEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(config);
        var folded = new List<FoldedEntry>();
        DateTimeOffset? asOf = null;
        var last = -1L;
        var keys = RecordReplay.Replay(config.Id, config.Convener.Code.Value, entries, (entry, signer) =>
        {
            if (entry.Seq > last)
            {
                last = entry.Seq;
                asOf = entry.ServerTime;
            }

            if (entry.Payload is null || EntryPayload.Parse(entry.Payload) is not { IsSuccess: true } header)
            {
                return;
            }

            var party = signer is not null && PartyCode.TryParse(signer.Party, out var code) ? code : config.Convener.Code;
            folded.Add(new FoldedEntry(entry.Seq, header.Value, party, signer is not { OwnerKind: KeyOwnerKind.User }, entry.ServerTime));
        });

        return new FoldedRecord(
            keys,
            keys.Size,
            asOf,
            HotlineBook.Fold(config, folded),
            NoticeBook.Fold(config, zones, folded),
            IncidentBook.Fold(config, folded),
            DisputeBook.Fold(config, folded),
            VerificationBook.Fold(config, folded));
    }
}
