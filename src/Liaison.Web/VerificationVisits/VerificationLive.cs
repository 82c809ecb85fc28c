using System.Text.Json;
using Liaison.Domain.Parties;
using Liaison.Domain.VerificationVisits;
using Liaison.Web.Hosting;
using Microsoft.AspNetCore.SignalR;

namespace Liaison.Web.VerificationVisits;

/// <summary>
/// Live verification at <see cref="VerificationLive.HubPath"/>: a signed-in connection joins its party's group and is
/// told of each request, report and overdue visit addressed to its party, so the verification page redraws.
/// </summary>
public sealed class VerificationHub : PartyHub<IRecordChangeClient>;

/// <summary>Tells the parties each verification entry is addressed to that it was recorded (the id is the entry's).</summary>
public sealed class VerificationLive(IHubContext<VerificationHub, IRecordChangeClient> hub, ILogger<VerificationLive> logger)
    : RecordChangeLive<VerificationHub>(hub, logger)
{
    /// <summary>Where the hub is mapped.</summary>
    public const string HubPath = "/hubs/verification";

    /// <summary>A request, a report or an overdue visit is its own object.</summary>
    public override IEnumerable<long> Changed(string type, long seq, JsonElement body) =>
        VerificationEntryTypes.All.ContainsKey(type) ? [seq] : [];

    // The entry is committed and the parties it is addressed to may read it: they are the ones told.
    protected override Task<IReadOnlyList<PartyCode>> AudienceAsync(RecordChange change, IReadOnlyList<PartyCode> entryAudience, CancellationToken cancellationToken) =>
        Task.FromResult(entryAudience);
}
