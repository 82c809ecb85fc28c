using Liaison.Domain.Common;
using Liaison.Domain.Disputes;
using Liaison.Features.Entries;
using Liaison.Features.Mechanism;

namespace Liaison.Features.Disputes;

/// <summary>
/// Makes the escalations the disputes' reply deadlines call for (<see cref="DisputeDeadlines"/>), signed by the server
/// key and appended like any other entry. Idempotent: an escalation folded in moves the dispute to a new rung.
/// </summary>
public sealed class RecordDueDisputeEntries(DisputeBook book, EntrySequencer sequencer, ServedMechanism mechanism, TimeProvider time)
{
    /// <summary>Appends every escalation due at the current time; returns how many were recorded.</summary>
    public async Task<Result<int>> HandleAsync(CancellationToken cancellationToken)
    {
        if (mechanism.ServerKey is not { } serverKey)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var recorded = 0;
        foreach (var due in DisputeDeadlines.Due(await book.StateAsync(cancellationToken), now))
        {
            var appended = await ServerEntries.AppendAsync(sequencer, mechanism, serverKey, due.Type, due.Audience, due.Fields(), now, cancellationToken);
            if (!appended.IsSuccess)
            {
                return appended.Error;
            }

            recorded++;
        }

        return recorded;
    }
}
