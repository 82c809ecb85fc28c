using System.Threading.Channels;
using Liaison.Domain.Notices;
using Liaison.Features.Entries;
using Liaison.Features.Identity;
using Liaison.Features.Notices;
using Liaison.Web.Hosting;
using Microsoft.AspNetCore.SignalR;

namespace Liaison.Web.Notices;

/// <summary>What a notices client receives.</summary>
public interface INoticeClient
{
    /// <summary>A notice was filed, answered, amended or cancelled: its view after the change.</summary>
    Task Notice(NoticeView notice);
}

/// <summary>
/// Live notices at <see cref="NoticeLive.HubPath"/>: a signed-in connection joins its party's group and receives each
/// notice its party may read whenever an entry changes it (filed with its conflicts, answered, amended, cancelled).
/// </summary>
public sealed class NoticeHub : PartyHub<INoticeClient>;

/// <summary>
/// Hears committed notice entries on the sequencer's loop (only queues them) and pushes each changed notice to the
/// parties in its audience, in sequence order.
/// </summary>
public sealed partial class NoticeLive(NoticeBook book, IHubContext<NoticeHub, INoticeClient> hub, TimeProvider time, ILogger<NoticeLive> logger)
    : BackgroundService, IEntryObserver
{
    /// <summary>Where the hub is mapped.</summary>
    public const string HubPath = "/hubs/notices";

    private readonly Channel<long> _changed = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    void IEntryObserver.Committed(IReadOnlyList<CommittedEntry> entries)
    {
        foreach (var entry in entries)
        {
            var header = entry.Entry.Header;
            if (!NoticeEntryTypes.IsNotice(header.Type))
            {
                continue;
            }

            var id = header.Type == NoticeEntryTypes.File ? entry.Seq
                : header.Body.TryGetProperty("notice", out var notice) && notice.TryGetInt64(out var named) ? named : -1;
            if (id >= 0)
            {
                _changed.Writer.TryWrite(id);
            }

            // An amendment also changes the version it replaces (now superseded).
            if (header.Type == NoticeEntryTypes.File && header.Body.TryGetProperty("replaces", out var replaces) && replaces.TryGetInt64(out var replaced))
            {
                _changed.Writer.TryWrite(replaced);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var id in _changed.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                // Each reader gets the notice from the board it reads (an observer's conflicts count only notices it reads).
                var now = time.GetUtcNow();
                var views = await book.ReadForAudienceAsync(id, (notice, durable) => NoticeView.From(notice, now, durable), stoppingToken);
                foreach (var (readers, view) in views)
                {
                    await hub.Clients.Groups([.. readers.Select(NoticeHub.GroupOf)]).Notice(view);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Lost for live clients only: the notice is in the record and on every map that reloads.
                LogPushFailed(ex, id);
            }
        }
    }

    [LoggerMessage(EventId = 3211, Level = LogLevel.Error, Message = "Pushing notice {Id} to live clients failed")]
    private partial void LogPushFailed(Exception exception, long id);
}

/// <summary>Registration of the notices feature in the web host.</summary>
public static class NoticeRegistration
{
    /// <summary>
    /// Registers the notice book (an entry rule: call this after every other rule is registered), the handlers, and live
    /// pushes. The zones are read when the server starts, so a bad zone file stops it with the file named.
    /// </summary>
    public static IServiceCollection AddNotices(this IServiceCollection services)
    {
        services.AddSingleton<NoticeBook>();
        services.AddSingleton<IEntryRule>(sp => sp.GetRequiredService<NoticeBook>());
        services.AddScoped<ListNotices>();
        services.AddSingleton<NoticeLive>();
        services.AddSingleton<IEntryObserver>(sp => sp.GetRequiredService<NoticeLive>());
        services.AddHostedService(sp => sp.GetRequiredService<NoticeLive>());
        return services;
    }

    /// <summary>Maps the notices hub.</summary>
    public static IEndpointRouteBuilder MapNoticeHub(this IEndpointRouteBuilder routes)
    {
        routes.MapHub<NoticeHub>(NoticeLive.HubPath, options => options.CloseOnAuthenticationExpiration = true).RequireAuthorization(TokenScopes.EntriesRead);
        return routes;
    }
}
