using Liaison.Domain.Entries;
using Liaison.Domain.Parties;
using Liaison.Features.Entries;
using Liaison.Features.Tests.Infrastructure;
using Liaison.Ledger.Merkle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Features.Tests.Entries;

public sealed partial class EntrySequencerTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static EntrySequencer SequencerOf(TestDatabase database) => database.Services.GetRequiredService<EntrySequencer>();

    private static async Task<List<EntryRecord>> StoredAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.Entries.AsNoTracking().OrderBy(e => e.Seq).ToListAsync(Cancel);
    }

    private static SequencedEntry Accepted(Domain.Common.Result<SequencedEntry> result)
    {
        Assert.True(result.IsSuccess, result.IsSuccess ? null : $"{result.Error.Code}: {result.Error.Detail}");
        return result.Value;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AppendAsync_OneAtATime_AssignsConsecutiveSeqsFromZero(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var entries = new SequencerEntries();
        var sequencer = SequencerOf(database);

        var seqs = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            seqs.Add(Accepted(await sequencer.AppendAsync(entries.Make(i, database.Time.GetUtcNow()), Cancel)).Seq);
        }

        Assert.Equal([0L, 1L, 2L, 3L, 4L], seqs);
        Assert.Equal(seqs, (await StoredAsync(database)).Select(e => e.Seq));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AppendAsync_WhenItAnswers_ANewContextAlreadySeesTheEntry(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var entries = new SequencerEntries();
        var sequencer = SequencerOf(database);

        for (var i = 0; i < 10; i++)
        {
            var entry = entries.Make(i, database.Time.GetUtcNow());

            var sequenced = Accepted(await sequencer.AppendAsync(entry, Cancel));

            await using var db = database.NewContext();
            var row = await db.Entries.AsNoTracking().SingleOrDefaultAsync(e => e.Seq == sequenced.Seq, Cancel);
            Assert.NotNull(row);
            Assert.Equal(entry.Payload, row.Payload);
            Assert.Equal(sequenced.LeafHash, row.LeafHash);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AppendAsync_BatchHeldAtItsTransaction_AnswersNobodyUntilItCommits(string provider)
    {
        var gate = new TransactionGate();
        await using var database = await TestDatabase.CreateAsync(provider, configure: gate.Register);
        using var entries = new SequencerEntries();
        var sequencer = SequencerOf(database);
        gate.Close();

        var first = sequencer.AppendAsync(entries.Make(0, database.Time.GetUtcNow()), Cancel);
        await gate.ReachedAsync();
        var second = sequencer.AppendAsync(entries.Make(1, database.Time.GetUtcNow()), Cancel);
        await Task.Delay(50, Cancel);

        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);
        Assert.Empty(await StoredAsync(database));
        gate.Open();
        Assert.Equal(0, Accepted(await first).Seq);
        Assert.Equal(1, Accepted(await second).Seq);
        Assert.Equal(2, (await StoredAsync(database)).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AppendAsync_200ConcurrentCallers_AreGapFreeWithServerTimesInSeqOrder(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var entries = new SequencerEntries();
        var sequencer = SequencerOf(database);
        var pending = Enumerable.Range(0, 200).Select(i => entries.Make(i, database.Time.GetUtcNow())).ToList();
        using var stop = new CancellationTokenSource();
        var ticking = Task.Run(
            async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    database.FakeTime.Advance(TimeSpan.FromMilliseconds(1));
                    await Task.Yield();
                }
            },
            Cancel);

        var firstHalf = await Task.WhenAll(pending.Take(100).Select(entry => Task.Run(() => sequencer.AppendAsync(entry, Cancel), Cancel)));
        database.FakeTime.Advance(TimeSpan.FromMilliseconds(5));
        var secondHalf = await Task.WhenAll(pending.Skip(100).Select(entry => Task.Run(() => sequencer.AppendAsync(entry, Cancel), Cancel)));
        var results = firstHalf.Concat(secondHalf).ToArray();
        await stop.CancelAsync();
        await ticking;

        var sequenced = results.Select(Accepted).ToList();
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), sequenced.Select(s => s.Seq).Order());
        var stored = await StoredAsync(database);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), stored.Select(e => e.Seq));
        Assert.All(stored.Zip(stored.Skip(1)), pair => Assert.True(pair.First.ServerTime <= pair.Second.ServerTime, $"entry {pair.Second.Seq} is earlier than entry {pair.First.Seq}"));
        Assert.True(stored.Select(e => e.ServerTime).Distinct().Count() > 1, "the clock moved while the burst was sequenced");
        for (var i = 0; i < pending.Count; i++)
        {
            var row = stored[(int)sequenced[i].Seq];
            Assert.Equal(pending[i].Payload, row.Payload);
            Assert.Equal(sequenced[i].ServerTime, row.ServerTime);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AppendAsync_ClockGoingBackwards_ServerTimeNeverDoes(string provider)
    {
        var clock = new RewindingClock(TestDatabase.Start);
        await using var database = await TestDatabase.CreateAsync(provider, clock);
        using var entries = new SequencerEntries();
        var sequencer = SequencerOf(database);

        var times = new List<DateTimeOffset>();
        for (var i = 0; i < 4; i++)
        {
            times.Add(Accepted(await sequencer.AppendAsync(entries.Make(i, TestDatabase.Start), Cancel)).ServerTime);
        }

        Assert.Equal(TestDatabase.Start.AddSeconds(-1), times[0]);
        Assert.All(times, t => Assert.Equal(times[0], t));
    }

    /// <summary>
    /// A real clock has sub-millisecond ticks; the record keeps milliseconds. The answer must give the server time the
    /// record holds, or a client that keeps the acknowledgement sees a different time from everyone who reads the record.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AppendAsync_ClockWithSubMillisecondTicks_AnswersTheServerTimeTheRecordHolds(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var entries = new SequencerEntries();
        database.FakeTime.Advance(TimeSpan.FromTicks(1_234));

        var sequenced = Accepted(await SequencerOf(database).AppendAsync(entries.Make(0, TestDatabase.Start), Cancel));

        var stored = (await StoredAsync(database)).Single();
        Assert.Equal(TestDatabase.Start, stored.ServerTime);
        Assert.Equal(stored.ServerTime, sequenced.ServerTime);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AppendAsync_StoredLeafHash_IsTheRfc6962HashOfTheEncodedStoredFields(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var entries = new SequencerEntries();
        var sequencer = SequencerOf(database);
        var answers = new List<SequencedEntry>();
        for (var i = 0; i < 3; i++)
        {
            database.FakeTime.Advance(TimeSpan.FromSeconds(1.5));
            answers.Add(Accepted(await sequencer.AppendAsync(entries.Make(i, database.Time.GetUtcNow()), Cancel)));
        }

        var stored = await StoredAsync(database);

        Assert.All(stored, e =>
        {
            var leaf = new EntryLeaf(e.Type, e.Author, [.. e.AudienceCodes.Select(c => new PartyCode(c))], e.ServerTime, e.KeyId, e.Signature, e.PayloadSha256);
            Assert.Equal(Rfc6962.HashLeaf(leaf.Encode()), e.LeafHash);
            Assert.Equal(answers[(int)e.Seq].LeafHash, e.LeafHash);
        });
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AppendAsync_AfterReopeningTheSameFile_ContinuesTheSeqsAndServerTimes(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var entries = new SequencerEntries();
        for (var i = 0; i < 3; i++)
        {
            database.FakeTime.Advance(TimeSpan.FromSeconds(1));
            Accepted(await SequencerOf(database).AppendAsync(entries.Make(i, database.Time.GetUtcNow()), Cancel));
        }

        var before = await StoredAsync(database);

        await database.ReopenAsync();
        var next = Accepted(await SequencerOf(database).AppendAsync(entries.Make(3, database.Time.GetUtcNow()), Cancel));

        Assert.Equal(3, next.Seq);
        var after = await StoredAsync(database);
        Assert.Equal([0L, 1L, 2L, 3L], after.Select(e => e.Seq));
        Assert.Equal(before.Select(e => e.LeafHash), after.Take(3).Select(e => e.LeafHash));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AppendAsync_AfterReopeningWithAnEarlierClock_ServerTimeStaysAtTheLastStored(string provider)
    {
        var clock = new RewindingClock(TestDatabase.Start.AddHours(1));
        await using var database = await TestDatabase.CreateAsync(provider, clock);
        using var entries = new SequencerEntries();
        var last = Accepted(await SequencerOf(database).AppendAsync(entries.Make(0, TestDatabase.Start), Cancel));

        await database.ReopenAsync();
        var next = Accepted(await SequencerOf(database).AppendAsync(entries.Make(1, TestDatabase.Start), Cancel));

        Assert.Equal(1, next.Seq);
        Assert.True(next.ServerTime >= last.ServerTime, $"{next.ServerTime:O} is before {last.ServerTime:O}");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AppendAsync_AfterTheSequencerIsDisposed_Throws(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var entries = new SequencerEntries();
        var old = SequencerOf(database);

        await database.ReopenAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => old.AppendAsync(entries.Make(0, TestDatabase.Start), Cancel));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AppendAsync_CallerStopsWaiting_TheEntryIsStillAppended(string provider)
    {
        var gate = new TransactionGate();
        await using var database = await TestDatabase.CreateAsync(provider, configure: gate.Register);
        using var entries = new SequencerEntries();
        var sequencer = SequencerOf(database);
        using var impatient = new CancellationTokenSource();
        gate.Close();

        var waiting = sequencer.AppendAsync(entries.Make(0, TestDatabase.Start), impatient.Token);
        await gate.ReachedAsync();
        await impatient.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        gate.Open();
        Assert.Equal(1, Accepted(await sequencer.AppendAsync(entries.Make(1, TestDatabase.Start), Cancel)).Seq);
        Assert.Equal(2, (await StoredAsync(database)).Count);
    }
}
