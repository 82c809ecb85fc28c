using System.Threading.Channels;
using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Keys;
using Liaison.Features.Data;
using Liaison.Features.Keys;
using Liaison.Features.Log;
using Liaison.Ledger.Merkle;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Liaison.Features.Entries;

/// <summary>
/// The one writer of the joint record. Entries queue here; a single loop takes as many as are waiting (up to
/// <see cref="MaxBatch"/>), decides each against the record's current state, appends the accepted ones with
/// consecutive sequence numbers in one transaction, and only after the commit is durable answers their callers
/// (group commit). Server times never go backwards.
/// </summary>
public sealed partial class EntrySequencer : IAsyncDisposable
{
    private const int MaxBatch = 512;

    private readonly IDbContextFactory<LiaisonDbContext> _dbFactory;
    private readonly EnrolledKeys _enrolledKeys;
    private readonly List<IEntryRule> _rules;
    private readonly List<IEntryObserver> _observers;
    private readonly TimeProvider _time;
    private readonly ILogger<EntrySequencer> _logger;
    private readonly Channel<Submission> _queue = Channel.CreateUnbounded<Submission>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private long? _nextSeq;
    private LogAppender? _log;

    // Only the sequencer enrols and revokes keys, so what it read of a key stays true until it applies a key entry.
    private readonly Dictionary<string, SigningKeyRecord?> _signingKeys = new(StringComparer.Ordinal);
    private TreeHead? _head;
    private DateTimeOffset _lastServerTime = DateTimeOffset.MinValue;

    public EntrySequencer(IDbContextFactory<LiaisonDbContext> dbFactory, EnrolledKeys enrolledKeys, IEnumerable<IEntryRule> rules, IEnumerable<IEntryObserver> observers, TimeProvider time, ILogger<EntrySequencer> logger)
    {
        _dbFactory = dbFactory;
        _enrolledKeys = enrolledKeys;
        _rules = rules.ToList();
        _observers = observers.ToList();
        _time = time;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The tree as of the last committed batch; null until the first batch after start.</summary>
    public TreeHead? Head => Volatile.Read(ref _head);

    /// <summary>Queues an entry and completes once it is durably appended, or refused by the record's state.</summary>
    public Task<Result<SequencedEntry>> AppendAsync(PendingEntry entry, CancellationToken cancellationToken)
    {
        var submission = new Submission(entry, new TaskCompletionSource<Result<SequencedEntry>>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(submission))
        {
            throw new InvalidOperationException("The sequencer is shut down.");
        }

        // The caller may stop waiting, but the entry itself is not withdrawn: it may already be durable.
        return submission.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<Submission>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                var results = await WriteBatchAsync(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.SetResult(results[i]);
                }
            }
            catch (Exception ex)
            {
                // Whatever went wrong fails this batch's callers, who get no acknowledgement; it never stops the sequencer.
                _nextSeq = null;
                _log = null;
                _signingKeys.Clear();
                foreach (var rule in _rules)
                {
                    rule.Rollback();
                }

                LogBatchFailed(ex, batch.Count);
                foreach (var submission in batch)
                {
                    submission.Completion.TrySetException(ex);
                }
            }
        }
    }

    private async Task<Result<SequencedEntry>[]> WriteBatchAsync(List<Submission> batch)
    {
        await using var db = await _dbFactory.CreateDbContextAsync();
        await DatabaseSetup.DeferWalCheckpointsAsync(db, CancellationToken.None);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var nextSeq = _nextSeq ?? 0;
        var lastTime = _lastServerTime;
        if (_nextSeq is null)
        {
            var last = await db.Entries.AsNoTracking().OrderByDescending(e => e.Seq).Select(e => new { e.Seq, e.ServerTime }).FirstOrDefaultAsync();
            nextSeq = last is null ? 0 : last.Seq + 1;
            lastTime = last?.ServerTime ?? DateTimeOffset.MinValue;
            _log = await LogAppender.LoadAsync(db, nextSeq, CancellationToken.None);
        }

        var log = _log!;

        var results = new Result<SequencedEntry>[batch.Count];
        var hashesInBatch = new Dictionary<string, long>(StringComparer.Ordinal);
        var committed = new List<CommittedEntry>(batch.Count);
        var signingKeys = _signingKeys;
        var recorded = await RecordedAsync(db, batch);
        await using var writer = EntryWriter.Create(db);

        for (var i = 0; i < batch.Count; i++)
        {
            var entry = batch[i].Entry;
            var hashKey = Convert.ToHexString(entry.PayloadSha256);
            if (hashesInBatch.TryGetValue(hashKey, out var earlier))
            {
                results[i] = EntryErrors.Duplicate(earlier);
                continue;
            }

            if (recorded.TryGetValue(hashKey, out var first))
            {
                results[i] = EntryErrors.Duplicate(first);
                continue;
            }

            if (entry.Signer.Kind == KeyOwnerKind.User)
            {
                // Re-checked here because a revocation may have been sequenced since the request was admitted.
                if (!signingKeys.TryGetValue(entry.KeyId, out var key))
                {
                    key = await db.SigningKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyId == entry.KeyId);
                    signingKeys[entry.KeyId] = key;
                }

                if (key is null || key.Status != KeyStatus.Enrolled || key.Owner != entry.Signer.Name)
                {
                    results[i] = key is { Status: KeyStatus.Revoked } ? EntryErrors.RevokedKey(entry.KeyId, key.RevokedBySeq ?? -1) : EntryErrors.UnknownKey(entry.KeyId);
                    continue;
                }
            }

            // The record keeps whole milliseconds; the answer must be the time the record holds.
            var now = DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
            var serverTime = now > lastTime ? now : lastTime;
            var refused = await DecideByRulesAsync(db, entry, nextSeq, serverTime);
            if (refused is not null)
            {
                results[i] = refused;
                continue;
            }

            if (EntryProjector.HasEffects(entry.Header.Type))
            {
                // The entry's decision reads the keys and users as they are, so everything before it is written first.
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
                var applied = await EntryProjector.ApplyAsync(db, entry, nextSeq, serverTime, CancellationToken.None);
                if (!applied.IsSuccess)
                {
                    db.ChangeTracker.Clear();
                    results[i] = applied.Error;
                    continue;
                }

                signingKeys.Clear();
            }

            var leaf = new EntryLeaf(entry.Header.Type, entry.Header.Author, entry.Header.Audience, serverTime, entry.KeyId, entry.Signature, entry.PayloadSha256);
            var leafHash = Rfc6962.HashLeaf(leaf.Encode());
            log.Append(leafHash);
            await writer.InsertAsync(new EntryRecord
            {
                Seq = nextSeq,
                Type = entry.Header.Type,
                Author = entry.Header.Author,
                Audience = EntryProjector.JoinAudience(entry.Header.Audience),
                ServerTime = serverTime,
                ClientTime = entry.Header.ClientTime,
                KeyId = entry.KeyId,
                Signature = entry.Signature,
                Payload = entry.Payload,
                PayloadSha256 = entry.PayloadSha256,
                LeafHash = leafHash,
            });
            if (EntryProjector.HasEffects(entry.Header.Type))
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }

            hashesInBatch[hashKey] = nextSeq;
            committed.Add(new CommittedEntry(nextSeq, serverTime, entry));
            results[i] = new SequencedEntry(nextSeq, serverTime, leafHash);
            nextSeq++;
            lastTime = serverTime;
        }

        await log.FlushAsync(db, CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        foreach (var rule in _rules)
        {
            rule.Commit();
        }

        foreach (var observer in _observers)
        {
            observer.Committed(committed);
        }

        foreach (var revoked in batch.Where(b => b.Entry.Header.Type == EntryTypes.KeyRevoke))
        {
            _enrolledKeys.Forget(revoked.Entry.Header.Body.GetProperty("keyId").GetString()!);
        }

        Volatile.Write(ref _head, log.Head);
        _nextSeq = nextSeq;
        _lastServerTime = lastTime;
        return results;
    }

    private async Task<Error?> DecideByRulesAsync(LiaisonDbContext db, PendingEntry entry, long seq, DateTimeOffset serverTime)
    {
        foreach (var rule in _rules)
        {
            var decision = await rule.DecideAsync(db, entry, seq, serverTime, CancellationToken.None);
            if (!decision.IsSuccess)
            {
                return decision.Error;
            }
        }

        return null;
    }

    /// <summary>The batch's payloads already in the record, by hex SHA-256, found with one query on the unique index.</summary>
    private static async Task<Dictionary<string, long>> RecordedAsync(LiaisonDbContext db, List<Submission> batch)
    {
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var names = new List<string>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            names.Add(command.AddParameter($"@h{i}", batch[i].Entry.PayloadSha256).ParameterName);
        }

        command.CommandText = $"SELECT \"Seq\", \"PayloadSha256\" FROM \"entries\" WHERE \"PayloadSha256\" IN ({string.Join(", ", names)})";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found[Convert.ToHexString((byte[])reader.GetValue(1))] = reader.GetInt64(0);
        }

        return found;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "A batch of {Count} entries could not be written; none was acknowledged")]
    private partial void LogBatchFailed(Exception exception, int count);

    private sealed record Submission(PendingEntry Entry, TaskCompletionSource<Result<SequencedEntry>> Completion);
}
