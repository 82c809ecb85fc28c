using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Parties;

namespace Liaison.Features.Entries;

/// <summary>Several signed entries in one request, in the order they are to be recorded.</summary>
public sealed record SubmitEntriesRequest(IReadOnlyList<SubmitEntryRequest?>? Entries);

/// <summary>
/// Submits a batch of signed entries: each is checked exactly as <see cref="SubmitEntry"/> checks one, the admitted ones
/// are handed to the sequencer together and in order, and the answer comes once every accepted entry is durable. Each
/// entry is accepted or refused on its own (a refused entry does not stop the others), so a client learns every
/// entry's seq or problem from one round trip: store-and-forward bundles and busy gateways need no request per entry.
/// Entries are admitted against the record as it stands when the batch arrives, so an entry signed by a key that an
/// earlier entry of the same batch enrols is refused: send the enrolment first.
/// </summary>
public sealed class SubmitEntries(SubmitEntry single, EntrySequencer sequencer)
{
    /// <summary>The most entries one batch may hold.</summary>
    public const int MaxEntries = 500;

    /// <summary>The most bytes a batch's request body may hold.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>Each entry's seq and leaf hash, or why it was refused, in the order given; or why the batch itself is refused.</summary>
    public async Task<Result<Result<SubmitEntryResponse>[]>> HandleAsync(SubmitEntriesRequest request, Member user, CancellationToken cancellationToken)
    {
        if (request.Entries is not { Count: > 0 } entries)
        {
            return EntryErrors.MalformedEnvelope("A batch is {\"entries\": [entry, …]} with at least one entry.");
        }

        if (entries.Count > MaxEntries)
        {
            return EntryErrors.MalformedEnvelope($"A batch holds at most {MaxEntries} entries; this one holds {entries.Count}.");
        }

        var admitted = new Result<PendingEntry>[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            admitted[i] = entries[i] is { } entry
                ? await single.AdmitAsync(entry, user, cancellationToken)
                : EntryErrors.MalformedEnvelope("An entry of the batch is null.");
        }

        // Queued one after another, so the sequencer sees them in the batch's order (usually in one group commit).
        var appended = new Task<Result<SequencedEntry>>?[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            if (admitted[i].IsSuccess)
            {
                appended[i] = sequencer.AppendAsync(admitted[i].Value, cancellationToken);
            }
        }

        var outcomes = new Result<SubmitEntryResponse>[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            if (appended[i] is not { } append)
            {
                outcomes[i] = admitted[i].Error;
                continue;
            }

            var pending = admitted[i].Value;
            outcomes[i] = (await append).Map(s => SubmitEntry.Accepted(s, pending));
        }

        return outcomes;
    }
}
