using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Keys;
using Liaison.Domain.Notices;
using Liaison.Domain.Parties;
using Liaison.Domain.Zones;
using Liaison.Features.Data;
using Liaison.Features.Entries;
using Liaison.Features.Mechanism;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Notices;

/// <summary>
/// The notices of the record (<see cref="NoticeBoards"/>), folded from it once and then advanced by the sequencer as it
/// appends: a notice entry is decided and assessed here, against every notice before it, so its conflicts and lateness
/// are a function of the record; an observer reads its own board, folded from the notice entries addressed to it. Readers see only what is durable: parts made by entries after the last committed
/// batch are left out of every view. Thread-safe. Register it after every other <see cref="IEntryRule"/>, because it
/// applies what it accepts at once (a later refusal would leave it ahead of the record).
/// </summary>
public sealed class NoticeBook(EstablishedMechanism mechanism, IDbContextFactory<LiaisonDbContext> dbFactory) : IEntryRule
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly Lock _gate = new();
    private NoticeBoards? _boards;
    private ZoneAtlas? _zones;
    private long _committed = -1;
    private long _staged = -1;

    /// <summary>The zones of the mechanism, read from its GeoJSON files on first use (start-up loads them, see <see cref="LoadZones"/>).</summary>
    /// <exception cref="InvalidOperationException">A zone file is missing or invalid: start-up should have refused to serve.</exception>
    public ZoneAtlas Zones
    {
        get
        {
            var zones = LoadZones();
            return zones.IsSuccess ? zones.Value : throw new InvalidOperationException(zones.Error.Detail);
        }
    }

    /// <summary>Reads the zones' GeoJSON files once; fails naming the zone and file when one is missing or invalid.</summary>
    public Result<ZoneAtlas> LoadZones()
    {
        if (Volatile.Read(ref _zones) is { } zones)
        {
            return zones;
        }

        var built = ZoneFiles.Load(mechanism.Config);
        if (built.IsSuccess)
        {
            Volatile.Write(ref _zones, built.Value);
        }

        return built;
    }

    /// <summary>
    /// A fresh board folded from <paramref name="entries"/> (in sequence order; entries of other types, and those no
    /// user signed, are skipped as when the book loads the record): what <c>liaison replay</c> computes.
    /// </summary>
    public static NoticeBoard Fold(Domain.Mechanism.MechanismConfig config, ZoneAtlas zones, IEnumerable<Disputes.FoldedEntry> entries)
    {
        var board = new NoticeBoard(config, zones);
        foreach (var entry in entries)
        {
            if (entry.ByServer || !NoticeEntryTypes.IsNotice(entry.Header.Type))
            {
                continue;
            }

            var h = entry.Header;
            board.Apply(new NoticeEntry(entry.Seq, h.Type, entry.Party, h.Author, h.Audience, entry.ServerTime, h.ClientTime, h.Body), checkAuthor: false);
        }

        return board;
    }

    /// <summary>
    /// Runs <paramref name="read"/> on the board <paramref name="reader"/> reads (<see cref="NoticeBoards.For"/>), with the
    /// highest durable sequence number, under the book's lock.
    /// </summary>
    public async Task<T> ReadAsync<T>(PartyCode reader, Func<NoticeBoard, long, T> read, CancellationToken cancellationToken)
    {
        var boards = await BoardsAsync(cancellationToken);
        lock (_gate)
        {
            return read(boards.For(reader), _committed);
        }
    }

    /// <summary>
    /// Runs <paramref name="read"/> on notice <paramref name="id"/> once per board its audience reads (the record's for
    /// the parties and the convener, an observer's own), under one lock, with the highest durable sequence number; gives
    /// each result with the readers it is for (nothing when there is no such notice).
    /// </summary>
    public async Task<IReadOnlyList<(IReadOnlyList<PartyCode> Readers, T Value)>> ReadForAudienceAsync<T>(long id, Func<Notice, long, T> read, CancellationToken cancellationToken)
    {
        var boards = await BoardsAsync(cancellationToken);
        lock (_gate)
        {
            if (!boards.Record.Notices.TryGetValue(id, out var notice))
            {
                return [];
            }

            return [.. notice.Audience.GroupBy(boards.For)
                .Where(readers => readers.Key.Notices.ContainsKey(id))
                .Select(readers => ((IReadOnlyList<PartyCode>)[.. readers], read(readers.Key.Notices[id], _committed)))];
        }
    }

    public async ValueTask<Result<Unit>> DecideAsync(LiaisonDbContext db, PendingEntry entry, long seq, DateTimeOffset serverTime, CancellationToken cancellationToken)
    {
        if (!NoticeEntryTypes.IsNotice(entry.Header.Type))
        {
            return Unit.Value;
        }

        var boards = await BoardsAsync(cancellationToken);
        var header = entry.Header;
        var noticeEntry = new NoticeEntry(seq, header.Type, entry.Signer.Party, header.Author, header.Audience, serverTime, header.ClientTime, header.Body);
        lock (_gate)
        {
            var applied = boards.Apply(noticeEntry, checkAuthor: entry.Signer.Kind == KeyOwnerKind.User);
            if (!applied.IsSuccess)
            {
                return applied.Error;
            }

            _staged = seq;
            return Unit.Value;
        }
    }

    public void Commit()
    {
        lock (_gate)
        {
            if (_staged > _committed)
            {
                _committed = _staged;
            }
        }
    }

    public void Rollback()
    {
        // The record is the truth: after a failed batch the board is folded again from what was committed.
        lock (_gate)
        {
            _boards = null;
            _staged = _committed;
        }
    }

    private async Task<NoticeBoards> BoardsAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _boards) is { } boards)
        {
            return boards;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_boards is null)
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                var (folded, last) = await FoldAsync(db, cancellationToken);
                lock (_gate)
                {
                    _committed = Math.Max(_committed, last);
                    _staged = _committed;
                    Volatile.Write(ref _boards, folded);
                }
            }

            return _boards!;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<(NoticeBoards Boards, long Last)> FoldAsync(LiaisonDbContext db, CancellationToken cancellationToken)
    {
        var boards = new NoticeBoards(mechanism.Config, Zones);
        var types = NoticeEntryTypes.All.Keys.ToList();
        var parties = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.UserName!, u => u.PartyCode, cancellationToken);
        var last = await db.Entries.AsNoTracking().MaxAsync(e => (long?)e.Seq, cancellationToken) ?? -1;
        var records = await db.Entries.AsNoTracking().Where(e => types.Contains(e.Type)).OrderBy(e => e.Seq).ToListAsync(cancellationToken);
        foreach (var record in records)
        {
            var header = EntryPayload.Parse(record.Payload);
            if (!header.IsSuccess || !parties.TryGetValue(record.Author, out var party))
            {
                continue;
            }

            var h = header.Value;
            boards.Apply(new NoticeEntry(record.Seq, h.Type, new PartyCode(party), h.Author, h.Audience, record.ServerTime, h.ClientTime, h.Body), checkAuthor: false);
        }

        return (boards, last);
    }
}
