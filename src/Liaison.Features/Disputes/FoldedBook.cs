using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Keys;
using Liaison.Domain.Parties;
using Liaison.Features.Data;
using Liaison.Features.Entries;
using Liaison.Features.Mechanism;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Disputes;

/// <summary>What a book reads of an entry: sequence number, header, author's party, whether the server made it, and the server's time.</summary>
public sealed record FoldedEntry(long Seq, EntryHeader Header, PartyCode Party, bool ByServer, DateTimeOffset ServerTime);

/// <summary>
/// An immutable state folded from the entries of some types, loaded once from the record and then advanced by the
/// sequencer as it appends: each entry of those types is decided against the state the entries before it made (a user's
/// fully, the server's and the record's as they are). Readers see the last committed state only, so never a part an
/// uncommitted entry made. Thread-safe. Register it after every rule that may refuse an entry it reads.
/// </summary>
public abstract class FoldedBook<TState>(EstablishedMechanism mechanism, IDbContextFactory<LiaisonDbContext> dbFactory) : IEntryRule
    where TState : class
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private TState? _committed;
    private TState? _staged;

    /// <summary>The entry types the book reads.</summary>
    protected abstract IReadOnlyCollection<string> Types { get; }

    /// <summary>The state of an empty record.</summary>
    protected abstract TState Empty { get; }

    /// <summary>The mechanism served.</summary>
    protected EstablishedMechanism Mechanism => mechanism;

    /// <summary>The committed state, folded from the record on first use.</summary>
    public async Task<TState> StateAsync(CancellationToken cancellationToken)
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
        if (!Types.Contains(entry.Header.Type))
        {
            return Unit.Value;
        }

        var state = _staged ?? await StateAsync(cancellationToken);
        var applied = Apply(state, new FoldedEntry(seq, entry.Header, entry.Signer.Party, entry.Signer.Kind == KeyOwnerKind.Server, serverTime), entry.Signer.Kind == KeyOwnerKind.User);
        if (!applied.IsSuccess)
        {
            return applied.Error;
        }

        _staged = applied.Value;
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

    /// <summary>
    /// Folds <paramref name="entries"/> (in sequence order) from <paramref name="empty"/> as the book loads the record:
    /// entries of other types than <paramref name="types"/> are skipped, and so is an entry the state refuses.
    /// </summary>
    protected static TState FoldEntries(TState empty, IReadOnlyCollection<string> types, IEnumerable<FoldedEntry> entries, Func<TState, FoldedEntry, Result<TState>> apply)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(apply);
        var state = empty;
        foreach (var entry in entries)
        {
            if (types.Contains(entry.Header.Type) && apply(state, entry) is { IsSuccess: true } applied)
            {
                state = applied.Value;
            }
        }

        return state;
    }

    /// <summary>Decides and applies one entry; <paramref name="checkAuthor"/> is false for the record's and the server's entries.</summary>
    protected abstract Result<TState> Apply(TState state, FoldedEntry entry, bool checkAuthor);

    private async Task<TState> FoldAsync(LiaisonDbContext db, CancellationToken cancellationToken)
    {
        var types = Types.ToList();
        var parties = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.UserName!, u => u.PartyCode, cancellationToken);
        var records = await db.Entries.AsNoTracking().Where(e => types.Contains(e.Type)).OrderBy(e => e.Seq).ToListAsync(cancellationToken);
        var state = Empty;
        foreach (var record in records)
        {
            var header = EntryPayload.Parse(record.Payload);
            if (!header.IsSuccess)
            {
                continue;
            }

            var byServer = !parties.TryGetValue(record.Author, out var code);
            var party = byServer ? mechanism.Config.Convener.Code : new PartyCode(code!);
            var applied = Apply(state, new FoldedEntry(record.Seq, header.Value, party, byServer, record.ServerTime), checkAuthor: false);
            if (applied.IsSuccess)
            {
                state = applied.Value;
            }
        }

        return state;
    }
}
