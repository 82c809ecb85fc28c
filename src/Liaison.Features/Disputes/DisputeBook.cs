using Liaison.Domain.Common;
using Liaison.Domain.Disputes;
using Liaison.Features.Data;
using Liaison.Features.Mechanism;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Disputes;

/// <summary>
/// The disputes of the record (<see cref="DisputeDesk"/>), with the incident reports they may name. Register it after
/// every other entry rule (the incidents' among them), so that an incident report it reads was admitted.
/// </summary>
public sealed class DisputeBook(EstablishedMechanism mechanism, IDbContextFactory<LiaisonDbContext> dbFactory) : FoldedBook<DisputeState>(mechanism, dbFactory)
{
    private static readonly HashSet<string> Read = [.. DisputeEntryTypes.All.Keys, DisputeEntryTypes.IncidentReport];

    protected override IReadOnlyCollection<string> Types => Read;

    protected override DisputeState Empty => DisputeState.Empty;

    protected override Result<DisputeState> Apply(DisputeState state, FoldedEntry entry, bool checkAuthor)
    {
        var h = entry.Header;
        return DisputeDesk.Apply(Mechanism.Config, state, new DisputeEntry(entry.Seq, h.Type, entry.Party, h.Author, entry.ByServer, h.Audience, entry.ServerTime, h.Body), checkAuthor);
    }
}
