using System.Text.Json;
using Liaison.Domain.Incidents;
using Liaison.Domain.Parties;
using Liaison.Features.Incidents;
using Liaison.Web.Hosting;
using Microsoft.AspNetCore.SignalR;

namespace Liaison.Web.Incidents;

/// <summary>
/// Live incidents at <see cref="IncidentLive.HubPath"/>: a signed-in connection joins its party's group and is told of
/// each change to an incident its party may read, so the incident pages redraw without a reload.
/// </summary>
public sealed class IncidentHub : PartyHub<IRecordChangeClient>;

/// <summary>Tells the parties in an incident's audience of each entry that reports, answers, escalates, links or decides it.</summary>
public sealed class IncidentLive(IncidentBook book, IHubContext<IncidentHub, IRecordChangeClient> hub, ILogger<IncidentLive> logger)
    : RecordChangeLive<IncidentHub>(hub, logger)
{
    /// <summary>Where the hub is mapped.</summary>
    public const string HubPath = "/hubs/incidents";

    /// <summary>A report changes itself; a link every report it names; other incident steps the one they name.</summary>
    public override IEnumerable<long> Changed(string type, long seq, JsonElement body) =>
        !IncidentEntryTypes.IsIncident(type) ? []
        : type == IncidentEntryTypes.Report ? [seq]
        : Named(body, "incident", "incidents");

    protected override Task<IReadOnlyList<PartyCode>> AudienceAsync(RecordChange change, IReadOnlyList<PartyCode> entryAudience, CancellationToken cancellationToken) =>
        book.ReadAsync<IReadOnlyList<PartyCode>>(
            (register, durable) => change.Id <= durable && register.Incidents.TryGetValue(change.Id, out var incident) ? incident.Audience : [], cancellationToken);
}
