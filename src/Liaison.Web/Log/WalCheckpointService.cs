using Liaison.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Web.Log;

/// <summary>
/// Copies SQLite's write-ahead log back into the database four times a second, off the sequencer's path (its commits
/// never do: see <see cref="DatabaseSetup.DeferWalCheckpointsAsync"/>). Small, frequent checkpoints keep each one's flush
/// short: a commit's fsync that lands during a checkpoint's flush waits for it on the same file system.
/// </summary>
internal sealed partial class WalCheckpointService(IDbContextFactory<LiaisonDbContext> dbFactory, TimeProvider time, ILogger<WalCheckpointService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
                await DatabaseSetup.CheckpointWalAsync(db, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next tick tries again; until then the log only grows.
                LogFailed(ex);
            }
        }
    }

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Checkpointing SQLite's write-ahead log failed")]
    private partial void LogFailed(Exception exception);
}
