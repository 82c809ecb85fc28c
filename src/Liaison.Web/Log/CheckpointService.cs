using Liaison.Features.Log;

namespace Liaison.Web.Log;

/// <summary>Signs a checkpoint at least every second while there are new entries, then asks the witnesses to cosign it.</summary>
internal sealed partial class CheckpointService(IServiceScopeFactory scopes, TimeProvider time, ILogger<CheckpointService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var checkpoint = await scope.ServiceProvider.GetRequiredService<SignCheckpoint>().HandleAsync(stoppingToken);
                if (checkpoint is not null)
                {
                    LogSigned(checkpoint.Size);
                    await scope.ServiceProvider.GetRequiredService<CollectCosignatures>().HandleAsync(checkpoint, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next tick tries again: a failed checkpoint must not stop the log from being checkpointed.
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Signed the checkpoint of size {Size}")]
    private partial void LogSigned(long size);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Signing or cosigning a checkpoint failed")]
    private partial void LogFailed(Exception exception);
}
