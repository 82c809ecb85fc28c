using Liaison.Features.Disputes;
using Liaison.Features.Hotline;
using Liaison.Features.Incidents;
using Liaison.Features.VerificationVisits;

namespace Liaison.Web.Hotline;

/// <summary>
/// Every few seconds, records the escalations, misses and link tests the hotline's deadlines call for, the incidents'
/// escalations, the disputes' escalations at missed reply deadlines, and the verification visits that are overdue.
/// </summary>
internal sealed partial class HotlineDeadlineService(IServiceScopeFactory scopes, TimeProvider time, ILogger<HotlineDeadlineService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var recorded = await scope.ServiceProvider.GetRequiredService<RecordDueHotlineEntries>().HandleAsync(stoppingToken);
                if (!recorded.IsSuccess)
                {
                    LogRefused(recorded.Error.Detail);
                }

                // Incident escalations ride on the same pass: one clock, one loop for every deadline.
                var escalated = await scope.ServiceProvider.GetRequiredService<RecordDueIncidentEntries>().HandleAsync(stoppingToken);
                if (!escalated.IsSuccess)
                {
                    LogRefused(escalated.Error.Detail);
                }

                // Disputes' reply deadlines and verification visits' cadence and on-demand deadlines, on the same beat.
                var disputes = await scope.ServiceProvider.GetRequiredService<RecordDueDisputeEntries>().HandleAsync(stoppingToken);
                var visits = await scope.ServiceProvider.GetRequiredService<RecordDueVerificationEntries>().HandleAsync(stoppingToken);
                foreach (var other in new[] { disputes, visits }.Where(r => !r.IsSuccess))
                {
                    LogRefused(other.Error.Detail);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed pass is retried on the next one: deadlines must keep being enforced.
                LogFailed(ex);
            }

            // One delay at a time (not a periodic timer): a test clock moved by a day runs one pass, not 43,200.
            await Task.Delay(Interval, time, stoppingToken);
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "A due hotline entry was refused: {Detail}")]
    private partial void LogRefused(string detail);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "Recording due hotline entries failed")]
    private partial void LogFailed(Exception exception);
}
