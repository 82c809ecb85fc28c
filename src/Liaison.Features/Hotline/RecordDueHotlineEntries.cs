using Liaison.Domain.Common;
using Liaison.Domain.Hotline;
using Liaison.Features.Entries;
using Liaison.Features.Mechanism;

namespace Liaison.Features.Hotline;

/// <summary>
/// Makes the entries the hotline's deadlines call for (an escalation at the deadline, a miss at twice the deadline)
/// and each channel's scheduled link test, signed by the server key and appended like any other entry, so that
/// <c>liaison replay</c> reproduces them. Idempotent: what the state already holds is never proposed again.
/// </summary>
public sealed class RecordDueHotlineEntries(HotlineBook book, EntrySequencer sequencer, ServedMechanism mechanism, TimeProvider time)
{
    /// <summary>Appends every entry due at the current time; returns how many were recorded.</summary>
    public async Task<Result<int>> HandleAsync(CancellationToken cancellationToken)
    {
        if (mechanism.ServerKey is not { } serverKey)
        {
            return 0;
        }

        var state = await book.StateAsync(cancellationToken);
        var now = time.GetUtcNow();
        var due = HotlineDeadlines.Due(state, now).Concat(HotlineDeadlines.DueLinkTests(mechanism.Config, state, now)).ToList();
        var recorded = 0;
        foreach (var entry in due)
        {
            var appended = await ServerEntries.AppendAsync(sequencer, mechanism, serverKey, entry.Type, entry.Audience, entry.Fields(), now, cancellationToken);
            if (!appended.IsSuccess)
            {
                return appended.Error;
            }

            recorded++;
        }

        return recorded;
    }
}
