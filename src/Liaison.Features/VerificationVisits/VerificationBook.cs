using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.VerificationVisits;
using Liaison.Features.Data;
using Liaison.Features.Disputes;
using Liaison.Features.Mechanism;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.VerificationVisits;

/// <summary>
/// The verification visits of the record (<see cref="VerificationDesk"/>): requests, reports, the latest visit to each
/// zone and the server's overdue records, with the mechanism's start, where every zone's cadence begins.
/// </summary>
public sealed class VerificationBook(EstablishedMechanism mechanism, IDbContextFactory<LiaisonDbContext> dbFactory) : FoldedBook<VerificationState>(mechanism, dbFactory)
{
    private static readonly HashSet<string> Read = [.. VerificationEntryTypes.All.Keys, EntryTypes.MechanismEstablish];

    protected override IReadOnlyCollection<string> Types => Read;

    protected override VerificationState Empty => VerificationState.Empty;

    /// <summary>A fresh fold of <paramref name="entries"/> (in sequence order), as the book loads the record: what <c>liaison replay</c> computes.</summary>
    public static VerificationState Fold(Domain.Mechanism.MechanismConfig config, IEnumerable<FoldedEntry> entries) =>
        FoldEntries(VerificationState.Empty, Read, entries, (state, entry) => Step(config, state, entry, checkAuthor: false));

    protected override Result<VerificationState> Apply(VerificationState state, FoldedEntry entry, bool checkAuthor) => Step(Mechanism.Config, state, entry, checkAuthor);

    private static Result<VerificationState> Step(Domain.Mechanism.MechanismConfig config, VerificationState state, FoldedEntry entry, bool checkAuthor)
    {
        var h = entry.Header;
        return VerificationDesk.Apply(config, state, new VerificationEntry(entry.Seq, h.Type, entry.Party, h.Author, entry.ByServer, h.Audience, entry.ServerTime, h.Body), checkAuthor);
    }
}
