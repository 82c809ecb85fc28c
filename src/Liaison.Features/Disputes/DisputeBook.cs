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

    /// <summary>A fresh fold of <paramref name="entries"/> (in sequence order), as the book loads the record: what <c>liaison replay</c> computes.</summary>
    public static DisputeState Fold(Domain.Mechanism.MechanismConfig config, IEnumerable<FoldedEntry> entries) =>
        FoldEntries(DisputeState.Empty, Read, entries, (state, entry) => Step(config, state, entry, checkAuthor: false));

    protected override Result<DisputeState> Apply(DisputeState state, FoldedEntry entry, bool checkAuthor) => Step(Mechanism.Config, state, entry, checkAuthor);

    private static Result<DisputeState> Step(Domain.Mechanism.MechanismConfig config, DisputeState state, FoldedEntry entry, bool checkAuthor)
    {
        var h = entry.Header;
        return DisputeDesk.Apply(config, state, new DisputeEntry(entry.Seq, h.Type, entry.Party, h.Author, entry.ByServer, h.Audience, entry.ServerTime, h.Body), checkAuthor);
    }
}
