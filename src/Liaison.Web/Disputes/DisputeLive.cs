using System.Text.Json;
using Liaison.Domain.Disputes;
using Liaison.Domain.Parties;
using Liaison.Features.Disputes;
using Liaison.Web.Hosting;
using Microsoft.AspNetCore.SignalR;

namespace Liaison.Web.Disputes;

/// <summary>
/// Live disputes at <see cref="DisputeLive.HubPath"/>: a signed-in connection joins its party's group and is told of
/// each change to a dispute its party may read, so the dispute pages redraw without a reload.
/// </summary>
public sealed class DisputeHub : PartyHub<IRecordChangeClient>;

/// <summary>Tells the parties in a dispute's audience of each entry that opens, answers, escalates or decides it.</summary>
public sealed class DisputeLive(DisputeBook book, IHubContext<DisputeHub, IRecordChangeClient> hub, ILogger<DisputeLive> logger)
    : RecordChangeLive<DisputeHub>(hub, logger)
{
    /// <summary>Where the hub is mapped.</summary>
    public const string HubPath = "/hubs/disputes";

    /// <summary>An opening changes itself; a reply, escalation or finding the dispute it names.</summary>
    public override IEnumerable<long> Changed(string type, long seq, JsonElement body) =>
        !DisputeEntryTypes.All.ContainsKey(type) ? []
        : type == DisputeEntryTypes.Open ? [seq]
        : Named(body, "dispute");

    protected override async Task<IReadOnlyList<PartyCode>> AudienceAsync(RecordChange change, IReadOnlyList<PartyCode> entryAudience, CancellationToken cancellationToken) =>
        (await book.StateAsync(cancellationToken)).Disputes.TryGetValue(change.Id, out var dispute) ? dispute.Audience : [];
}
