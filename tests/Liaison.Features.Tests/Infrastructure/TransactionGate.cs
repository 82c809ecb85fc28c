using System.Data.Common;
using Liaison.Features.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Features.Tests.Infrastructure;

/// <summary>
/// Holds the next database transaction at its start until the test opens the gate, so a test knows the sequencer
/// has taken a batch and is waiting: whatever it queues meanwhile lands together in the next batch.
/// </summary>
public sealed class TransactionGate : DbTransactionInterceptor
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? _release;

    /// <summary>Adds the gate to every context the services make.</summary>
    public void Register(IServiceCollection services) =>
        services.ConfigureDbContext<LiaisonDbContext>(options => options.AddInterceptors(this), ServiceLifetime.Singleton);

    /// <summary>Holds the next transaction that starts.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Completes once a transaction is held at the closed gate.</summary>
    public Task ReachedAsync()
    {
        lock (_lock)
        {
            return _reached.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Lets the held transaction, and every later one, start.</summary>
    public void Open()
    {
        TaskCompletionSource? release;
        lock (_lock)
        {
            release = _release;
            _release = null;
        }

        release?.TrySetResult();
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource? release;
        TaskCompletionSource reached;
        lock (_lock)
        {
            release = _release;
            reached = _reached;
        }

        if (release is not null)
        {
            reached.TrySetResult();
            await release.Task.WaitAsync(Patience, cancellationToken);
        }

        return result;
    }
}
