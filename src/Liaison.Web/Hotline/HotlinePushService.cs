using Liaison.Domain.Hotline;
using Liaison.Features.Hotline;
using Liaison.Features.Mechanism;
using Microsoft.AspNetCore.SignalR;

namespace Liaison.Web.Hotline;

/// <summary>
/// Pushes each committed hotline entry to the connections of the parties in its audience, in sequence order, and to
/// nobody else. Reads the hotline's state after the entry, which <see cref="HotlineBook"/> committed before
/// <see cref="HotlineLiveFeed"/> queued it.
/// </summary>
internal sealed partial class HotlinePushService(
    HotlineLiveFeed feed,
    HotlineBook book,
    IServiceProvider services,
    IHubContext<HotlineHub, IHotlineClient> hub,
    ILogger<HotlinePushService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var committed in feed.Committed.ReadAllAsync(stoppingToken))
        {
            try
            {
                await PushAsync(committed, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A push that failed is lost for live clients only: the entry is in the record and in every inbox.
                LogPushFailed(ex, committed.Seq);
            }
        }
    }

    private async Task PushAsync(CommittedHotlineEntry committed, CancellationToken cancellationToken)
    {
        // Resolved when first needed: start-up loads the mechanism after the services are built.
        var config = services.GetRequiredService<ServedMechanism>().Config;
        var entry = HotlineEntry.From(committed.Seq, committed.Entry.Header, committed.Entry.Signer.Party, committed.ServerTime);
        if (!entry.IsSuccess)
        {
            LogNotPushed(committed.Seq, entry.Error.Detail);
            return;
        }

        var state = await book.StateAsync(cancellationToken);
        if (HotlineLiveEvents.From(config, state, entry.Value) is not { } delivery)
        {
            LogNotPushed(committed.Seq, "the hotline's state holds no step recorded by it");
            return;
        }

        if (delivery.Audience.Count > 0)
        {
            await hub.Clients.Groups([.. delivery.Audience.Select(HotlineHub.GroupOf)]).HotlineEntry(delivery.Event);
        }
    }

    [LoggerMessage(EventId = 3111, Level = LogLevel.Error, Message = "Pushing hotline entry {Seq} to live clients failed")]
    private partial void LogPushFailed(Exception exception, long seq);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Debug, Message = "Hotline entry {Seq} was not pushed: {Reason}")]
    private partial void LogNotPushed(long seq, string reason);
}
