using System.Text.Json;
using System.Threading.Channels;
using Liaison.Domain.Incidents;
using Liaison.Domain.Parties;
using Liaison.Features.Entries;
using Liaison.Features.Identity;
using Liaison.Features.Incidents;
using Liaison.Web.Hosting;
using Microsoft.AspNetCore.SignalR;

namespace Liaison.Web.Incidents;

/// <summary>An incident changed: which one, and the entry that changed it. The client reads the incident itself.</summary>
public sealed record IncidentChange(long Id, long Seq, string Type);

/// <summary>What an incidents client receives.</summary>
public interface IIncidentClient
{
    /// <summary>An entry reported, answered, escalated, linked or decided an incident its party may read.</summary>
    Task Incident(IncidentChange change);
}

/// <summary>
/// Live incidents at <see cref="IncidentLive.HubPath"/>: a signed-in connection joins its party's group and is told of
/// each change to an incident its party may read, so the incident pages refresh what changed without a reload.
/// </summary>
public sealed class IncidentHub : PartyHub<IIncidentClient>;

/// <summary>
/// Hears committed incident entries on the sequencer's loop (only queues them) and tells the parties in each changed
/// incident's audience, in sequence order. Only the id goes out: each client reads the incident through the API, which
/// shows it what its party may read.
/// </summary>
public sealed partial class IncidentLive(IncidentBook book, IHubContext<IncidentHub, IIncidentClient> hub, ILogger<IncidentLive> logger)
    : BackgroundService, IEntryObserver
{
    /// <summary>Where the hub is mapped.</summary>
    public const string HubPath = "/hubs/incidents";

    private readonly Channel<IncidentChange> _changed = Channel.CreateUnbounded<IncidentChange>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    /// <summary>The incidents an incident entry changes: a report its own; a link every report it names; other steps the one they name.</summary>
    public static IEnumerable<long> Changed(string type, long seq, JsonElement body)
    {
        if (type == IncidentEntryTypes.Report)
        {
            yield return seq;
        }
        else if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("incidents", out var named) && named.ValueKind == JsonValueKind.Array)
        {
            foreach (var id in named.EnumerateArray())
            {
                if (id.TryGetInt64(out var value))
                {
                    yield return value;
                }
            }
        }
        else if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("incident", out var one) && one.TryGetInt64(out var value))
        {
            yield return value;
        }
    }

    void IEntryObserver.Committed(IReadOnlyList<CommittedEntry> entries)
    {
        foreach (var entry in entries)
        {
            var header = entry.Entry.Header;
            if (IncidentEntryTypes.IsIncident(header.Type))
            {
                foreach (var id in Changed(header.Type, entry.Seq, header.Body))
                {
                    _changed.Writer.TryWrite(new IncidentChange(id, entry.Seq, header.Type));
                }
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var change in _changed.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var audience = await book.ReadAsync<IReadOnlyList<PartyCode>>(
                    (register, durable) => change.Id <= durable && register.Incidents.TryGetValue(change.Id, out var incident) ? incident.Audience : [], stoppingToken);
                if (audience.Count > 0)
                {
                    await hub.Clients.Groups([.. audience.Select(IncidentHub.GroupOf)]).Incident(change);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Lost for live clients only: the change is in the record and on every page that reloads.
                LogPushFailed(ex, change.Id);
            }
        }
    }

    [LoggerMessage(EventId = 3221, Level = LogLevel.Error, Message = "Telling live clients of incident {Id} failed")]
    private partial void LogPushFailed(Exception exception, long id);
}

/// <summary>Registration of live incidents in the web host.</summary>
public static class IncidentLiveRegistration
{
    /// <summary>Registers the incident change observer and its hub's sender.</summary>
    public static IServiceCollection AddIncidentLive(this IServiceCollection services)
    {
        services.AddSingleton<IncidentLive>();
        services.AddSingleton<IEntryObserver>(sp => sp.GetRequiredService<IncidentLive>());
        services.AddHostedService(sp => sp.GetRequiredService<IncidentLive>());
        return services;
    }

    /// <summary>Maps the incidents hub.</summary>
    public static IEndpointRouteBuilder MapIncidentHub(this IEndpointRouteBuilder routes)
    {
        routes.MapHub<IncidentHub>(IncidentLive.HubPath, options => options.CloseOnAuthenticationExpiration = true).RequireAuthorization(TokenScopes.EntriesRead);
        return routes;
    }
}
