using System.Text.Json;
using System.Threading.Channels;
using Liaison.Domain.Parties;
using Liaison.Features.Entries;
using Liaison.Features.Identity;
using Microsoft.AspNetCore.SignalR;

namespace Liaison.Web.Hosting;

/// <summary>A record object (an incident, a dispute) changed: which one, and the entry that changed it. The client reads the object itself.</summary>
public sealed record RecordChange(long Id, long Seq, string Type);

/// <summary>What a client of a record-change hub receives.</summary>
public interface IRecordChangeClient
{
    /// <summary>An entry changed an object its party may read.</summary>
    Task Changed(RecordChange change);
}

/// <summary>
/// Hears committed entries on the sequencer's loop (only queues the changes they make) and tells the parties in each
/// changed object's audience, in sequence order. Only the id goes out: each client reads the object through the API,
/// which shows it what its party may read. Lost pushes cost live clients only: the change is in the record.
/// </summary>
public abstract class RecordChangeLive<THub>(IHubContext<THub, IRecordChangeClient> hub, ILogger logger) : BackgroundService, IEntryObserver
    where THub : PartyHub<IRecordChangeClient>
{
    private readonly Channel<(RecordChange Change, IReadOnlyList<PartyCode> EntryAudience)> _changed =
        Channel.CreateUnbounded<(RecordChange, IReadOnlyList<PartyCode>)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    /// <summary>The objects entry <paramref name="seq"/> of <paramref name="type"/> changes (none for types the hub does not serve).</summary>
    public abstract IEnumerable<long> Changed(string type, long seq, JsonElement body);

    /// <summary>
    /// Who is told of <paramref name="change"/>: those who may read the object (empty when there is none, or it is not
    /// yet durable). <paramref name="entryAudience"/> is the audience of the entry that made the change.
    /// </summary>
    protected abstract Task<IReadOnlyList<PartyCode>> AudienceAsync(RecordChange change, IReadOnlyList<PartyCode> entryAudience, CancellationToken cancellationToken);

    /// <summary>The ids an entry's body names in <paramref name="field"/> (a number) or <paramref name="listField"/> (an array of numbers).</summary>
    protected static IEnumerable<long> Named(JsonElement body, string field, string? listField = null)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        if (listField is not null && body.TryGetProperty(listField, out var named) && named.ValueKind == JsonValueKind.Array)
        {
            foreach (var id in named.EnumerateArray())
            {
                if (id.TryGetInt64(out var value))
                {
                    yield return value;
                }
            }
        }
        else if (body.TryGetProperty(field, out var one) && one.TryGetInt64(out var value))
        {
            yield return value;
        }
    }

    void IEntryObserver.Committed(IReadOnlyList<CommittedEntry> entries)
    {
        foreach (var entry in entries)
        {
            var header = entry.Entry.Header;
            foreach (var id in Changed(header.Type, entry.Seq, header.Body))
            {
                _changed.Writer.TryWrite((new RecordChange(id, entry.Seq, header.Type), header.Audience));
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (change, entryAudience) in _changed.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var audience = await AudienceAsync(change, entryAudience, stoppingToken);
                if (audience.Count > 0)
                {
                    await hub.Clients.Groups([.. audience.Select(PartyHub<IRecordChangeClient>.GroupOf)]).Changed(change);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                RecordChangeLog.PushFailed(logger, ex, change.Type, change.Id);
            }
        }
    }
}

/// <summary>The log messages of <see cref="RecordChangeLive{THub}"/>.</summary>
internal static partial class RecordChangeLog
{
    [LoggerMessage(EventId = 3221, Level = LogLevel.Error, Message = "Telling live clients of the change {Type} made to {Id} failed")]
    public static partial void PushFailed(ILogger logger, Exception exception, string type, long id);
}

/// <summary>Registration of the record-change hubs in the web host.</summary>
public static class RecordChangeLiveRegistration
{
    /// <summary>Registers <typeparamref name="TLive"/> as an entry observer and the background service that sends its changes.</summary>
    public static IServiceCollection AddRecordChangeLive<TLive, THub>(this IServiceCollection services)
        where TLive : RecordChangeLive<THub>
        where THub : PartyHub<IRecordChangeClient>
    {
        services.AddSingleton<TLive>();
        services.AddSingleton<IEntryObserver>(sp => sp.GetRequiredService<TLive>());
        services.AddHostedService(sp => sp.GetRequiredService<TLive>());
        return services;
    }

    /// <summary>Maps <typeparamref name="THub"/> at <paramref name="path"/> for signed-in members who may read entries.</summary>
    public static IEndpointRouteBuilder MapRecordChangeHub<THub>(this IEndpointRouteBuilder routes, string path)
        where THub : PartyHub<IRecordChangeClient>
    {
        routes.MapHub<THub>(path, options => options.CloseOnAuthenticationExpiration = true).RequireAuthorization(TokenScopes.EntriesRead);
        return routes;
    }
}
