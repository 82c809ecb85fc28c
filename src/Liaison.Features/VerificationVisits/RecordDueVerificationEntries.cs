using Liaison.Domain.Common;
using Liaison.Domain.VerificationVisits;
using Liaison.Features.Entries;
using Liaison.Features.Mechanism;

namespace Liaison.Features.VerificationVisits;

/// <summary>
/// Records each zone whose scheduled verification, and each request whose on-demand verification, is overdue
/// (<see cref="VerificationSchedule.Due"/>), signed by the server key. Idempotent: an overdue record is made once.
/// </summary>
public sealed class RecordDueVerificationEntries(VerificationBook book, EntrySequencer sequencer, ServedMechanism mechanism, TimeProvider time)
{
    /// <summary>Appends every overdue record due at the current time; returns how many were recorded.</summary>
    public async Task<Result<int>> HandleAsync(CancellationToken cancellationToken)
    {
        if (mechanism.ServerKey is not { } serverKey)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var recorded = 0;
        foreach (var due in VerificationSchedule.Due(mechanism.Config, await book.StateAsync(cancellationToken), now))
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
