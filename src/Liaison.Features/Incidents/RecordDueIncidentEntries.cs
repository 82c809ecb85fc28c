using Liaison.Domain.Common;
using Liaison.Domain.Incidents;
using Liaison.Features.Entries;
using Liaison.Features.Mechanism;

namespace Liaison.Features.Incidents;

/// <summary>
/// Makes the escalations the incidents' deadlines call for (<c>incident.escalate</c> at a missed acknowledgement, review or
/// finding deadline), signed by the server key and appended like any other entry, so that <c>liaison replay</c>
/// reproduces them. Idempotent: a stage the register holds as escalated is never proposed again.
/// </summary>
public sealed class RecordDueIncidentEntries(IncidentBook book, EntrySequencer sequencer, ServedMechanism mechanism, TimeProvider time)
{
    /// <summary>Appends every escalation due at the current time; returns how many were recorded.</summary>
    public async Task<Result<int>> HandleAsync(CancellationToken cancellationToken)
    {
        if (mechanism.ServerKey is not { } serverKey)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var due = await book.ReadAsync((register, durable) =>
            IncidentDeadlines.Due(register.Open.Where(i => i.Id <= durable).Select(i => i.UpTo(durable)), mechanism.Config.Deadlines, now), cancellationToken);
        var recorded = 0;
        foreach (var entry in due)
        {
            var appended = await ServerEntries.AppendAsync(sequencer, mechanism, serverKey, IncidentDue.Type, entry.Audience, entry.Fields(), now, cancellationToken);
            if (!appended.IsSuccess)
            {
                return appended.Error;
            }

            recorded++;
        }

        return recorded;
    }
}
