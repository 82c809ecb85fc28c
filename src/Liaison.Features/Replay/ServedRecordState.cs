using Liaison.Domain.Parties;
using Liaison.Domain.Record;
using Liaison.Features.Data;
using Liaison.Features.Disputes;
using Liaison.Features.Entries;
using Liaison.Features.Hotline;
using Liaison.Features.Incidents;
using Liaison.Features.Log;
using Liaison.Features.Mechanism;
using Liaison.Features.Notices;
using Liaison.Features.VerificationVisits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Features.Replay;

/// <summary>
/// The server's side of <c>liaison replay</c>: the digest of what the server shows a reader, computed from the LIVE books
/// that serve the API (the same views, <see cref="ProjectionViews"/>) and the keys table, pinned at one record size.
/// The size is pinned with <see cref="RecordPin"/>: the database's size and every book are read while no batch is being
/// sequenced, and read again if one was. Under a load that never leaves such a moment (after
/// <see cref="LiveAttempts"/> tries) the projections are folded afresh from the record's first <c>size</c> entries
/// instead, and the answer says so (<c>source: fold</c>): it then shows the record is consistent, not that the books are.
/// </summary>
public sealed class ServedRecordState(
    RecordPin pin,
    IDbContextFactory<LiaisonDbContext> dbFactory,
    ServedMechanism mechanism,
    HotlineBook hotline,
    NoticeBook notices,
    IncidentBook incidents,
    DisputeBook disputes,
    VerificationBook verification)
{
    /// <summary>How many times the live books are read before folding afresh.</summary>
    public const int LiveAttempts = 20;

    /// <summary>The digest for <paramref name="reader"/>, from the live books when they can be pinned.</summary>
    public async Task<RecordStateView> ViewAsync(PartyCode reader, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < LiveAttempts; attempt++)
        {
            var generation = pin.Generation;
            if ((generation & 1) == 0)
            {
                var live = await LiveAsync(reader, cancellationToken);
                if (pin.Generation == generation)
                {
                    return RecordStateView.Of(live, "live");
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5 * (attempt + 1)), cancellationToken);
        }

        return RecordStateView.Of(await FoldAsync(reader, cancellationToken), "fold");
    }

    /// <summary>The live books' digest for <paramref name="reader"/>; consistent only if no batch was sequenced meanwhile.</summary>
    public async Task<RecordDigest> LiveAsync(PartyCode reader, CancellationToken cancellationToken)
    {
        var config = mechanism.Config;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var last = await db.Entries.AsNoTracking().OrderByDescending(e => e.Seq).Select(e => new { e.Seq, e.ServerTime }).FirstOrDefaultAsync(cancellationToken);
        var size = last is null ? 0 : last.Seq + 1;
        var now = last?.ServerTime ?? DateTimeOffset.MinValue;
        var keys = await RecordProjections.KeysAsync(db, config.Id, size, cancellationToken);
        return new RecordDigest(config.Id, size, reader.Value, last?.ServerTime,
        [
            ProjectionViews.Keys(keys),
            ProjectionViews.Hotline(await hotline.StateAsync(cancellationToken), reader),
            await notices.ReadAsync(reader, (board, durable) => ProjectionViews.Notices(board, durable, reader, now), cancellationToken),
            await incidents.ReadAsync((register, durable) => ProjectionViews.Incidents(register, durable, reader, config.Deadlines, now), cancellationToken),
            ProjectionViews.Disputes(await disputes.StateAsync(cancellationToken), config, reader, now),
            ProjectionViews.Verification(await verification.StateAsync(cancellationToken), config, reader, now),
        ]);
    }

    /// <summary>A fresh fold of the entries <paramref name="reader"/> may read in the record now, with the keys table, digested for it.</summary>
    public async Task<RecordDigest> FoldAsync(PartyCode reader, CancellationToken cancellationToken)
    {
        var config = mechanism.Config;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // One read transaction: the entries and the keys table are read from the same snapshot of the database.
        await using var snapshot = await db.Database.BeginTransactionAsync(cancellationToken);
        // What the reader's own replay folds, and so what its live view must equal.
        var entries = await RecordFold.ReadableEntriesAsync(db, reader, cancellationToken);
        var folded = RecordFold.Fold(config, notices.Zones, entries);
        var digest = folded.DigestFor(config, reader);
        var keys = await RecordProjections.KeysAsync(db, config.Id, folded.Size, cancellationToken);
        return digest with { Projections = [ProjectionViews.Keys(keys), .. digest.Projections.Where(p => p.Name != ProjectionNames.Keys)] };
    }
}

/// <summary>Registers the state digest's services.</summary>
public static class RecordStateServices
{
    /// <summary>
    /// Registers <see cref="ServedRecordState"/> and its <see cref="RecordPin"/>, first among the entry rules (it must
    /// open its window before any book stages a batch) and among the observers.
    /// </summary>
    public static IServiceCollection AddRecordState(this IServiceCollection services)
    {
        services.AddSingleton<RecordPin>();
        services.Insert(0, ServiceDescriptor.Singleton<IEntryRule>(sp => sp.GetRequiredService<RecordPin>()));
        services.AddSingleton<IEntryObserver>(sp => sp.GetRequiredService<RecordPin>());
        services.AddScoped<ServedRecordState>();
        return services;
    }
}
