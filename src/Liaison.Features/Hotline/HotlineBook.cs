using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Hotline;
using Liaison.Domain.Keys;
using Liaison.Features.Data;
using Liaison.Features.Entries;
using Liaison.Features.Mechanism;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Hotline;

/// <summary>
/// The hotline's state: a fold of every hotline entry in the record (<see cref="HotlineProjection"/>), loaded once
/// and then advanced by the sequencer as it appends. Hotline entries are decided here against that state, so two
/// acknowledgements of one message can never both be accepted. Thread-safe: readers see the last committed state.
/// </summary>
public sealed class HotlineBook(EstablishedMechanism mechanism, IDbContextFactory<LiaisonDbContext> dbFactory) : IEntryRule
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private HotlineState? _committed;
    private HotlineState? _staged;

    /// <summary>
    /// A fresh fold of <paramref name="entries"/> (in sequence order; entries of other types are skipped), through the
    /// same projection the book advances: what <c>liaison replay</c> computes from the entries a viewer may read.
    /// </summary>
    public static HotlineState Fold(Domain.Mechanism.MechanismConfig config, IEnumerable<Disputes.FoldedEntry> entries) =>
        HotlineProjection.Fold(config, entries
            .Where(e => HotlineEntryTypes.IsHotline(e.Header.Type))
            .Select(e => HotlineEntry.From(e.Seq, e.Header, e.Party, e.ServerTime))
            .Where(e => e.IsSuccess)
            .Select(e => e.Value));

    /// <summary>The committed state, loaded from the record on first use.</summary>
    public async Task<HotlineState> StateAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _committed) is { } state)
        {
            return state;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_committed is null)
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                Volatile.Write(ref _committed, await FoldAsync(db, cancellationToken));
            }

            return _committed!;
        }
        finally
        {
            _loading.Release();
        }
    }

    public async ValueTask<Result<Unit>> DecideAsync(LiaisonDbContext db, PendingEntry entry, long seq, DateTimeOffset serverTime, CancellationToken cancellationToken)
    {
        if (!HotlineEntryTypes.IsHotline(entry.Header.Type))
        {
            return Unit.Value;
        }

        var state = _staged ?? await StateAsync(cancellationToken);
        if (entry.Signer.Kind == KeyOwnerKind.User)
        {
            var decided = HotlineDecisions.Decide(mechanism.Config, state, entry.Header, entry.Signer.Party);
            if (!decided.IsSuccess)
            {
                return decided.Error;
            }
        }

        var hotlineEntry = HotlineEntry.From(seq, entry.Header, entry.Signer.Party, serverTime);
        if (!hotlineEntry.IsSuccess)
        {
            return hotlineEntry.Error;
        }

        _staged = HotlineProjection.Apply(mechanism.Config, state, hotlineEntry.Value);
        return Unit.Value;
    }

    public void Commit()
    {
        if (_staged is not null)
        {
            Volatile.Write(ref _committed, _staged);
            _staged = null;
        }
    }

    public void Rollback()
    {
        // The record is the truth: after a failed batch the state is folded again from what was committed.
        _staged = null;
        Volatile.Write(ref _committed, null);
    }

    private async Task<HotlineState> FoldAsync(LiaisonDbContext db, CancellationToken cancellationToken)
    {
        var types = HotlineEntryTypes.All.Keys.ToList();
        var parties = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.UserName!, u => u.PartyCode, cancellationToken);
        var records = await db.Entries.AsNoTracking().Where(e => types.Contains(e.Type)).OrderBy(e => e.Seq).ToListAsync(cancellationToken);
        var entries = new List<HotlineEntry>(records.Count);
        foreach (var record in records)
        {
            var header = EntryPayload.Parse(record.Payload);
            var party = parties.TryGetValue(record.Author, out var code) ? new Domain.Parties.PartyCode(code) : mechanism.Config.Convener.Code;
            var entry = header.Then(h => HotlineEntry.From(record.Seq, h, party, record.ServerTime));
            if (entry.IsSuccess)
            {
                entries.Add(entry.Value);
            }
        }

        return HotlineProjection.Fold(mechanism.Config, entries);
    }
}
