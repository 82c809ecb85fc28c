using Liaison.Features.Entries;
using Liaison.Features.Replay;

namespace Liaison.Features.Tests.Log;

/// <summary>The sequence lock the state digest pins a record size with: odd while a batch is being sequenced, even between batches.</summary>
public sealed class RecordPinTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 6, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Generation_OddFromTheFirstDecisionUntilTheObserversHearTheBatch()
    {
        var pin = new RecordPin();
        IEntryObserver observer = pin;

        await pin.DecideAsync(null!, null!, 0, T0, TestContext.Current.CancellationToken);
        var first = pin.Generation;
        await pin.DecideAsync(null!, null!, 1, T0, TestContext.Current.CancellationToken);
        pin.Commit();
        var committing = pin.Generation;
        observer.Committed([]);
        var closed = pin.Generation;
        observer.Committed([]);

        Assert.Equal((1, 1, 2, 2), (first, committing, closed, pin.Generation));
    }

    [Fact]
    public async Task Generation_AFailedBatchClosesTheWindow()
    {
        var pin = new RecordPin();

        await pin.DecideAsync(null!, null!, 0, T0, TestContext.Current.CancellationToken);
        pin.Rollback();
        pin.Rollback();

        Assert.Equal(2, pin.Generation);
    }
}
