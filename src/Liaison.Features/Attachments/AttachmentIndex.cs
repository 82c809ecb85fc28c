using System.Text;
using System.Text.Json;
using Liaison.Domain.Attachments;
using Liaison.Domain.Hotline;
using Liaison.Features.Data;
using Liaison.Features.Entries;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Attachments;

/// <summary>An entry naming an attachment: its place in the record, its audience (party codes), and the attachment as it describes it.</summary>
public sealed record AttachmentReference(long Seq, IReadOnlyList<string> Audience, Attachment Attachment);

/// <summary>
/// Which entries name which attachments: a projection of the record (<see cref="AttachmentReferences.Named"/> of every
/// payload), folded once on first use and then advanced by the sequencer's committed batches, so it needs no table of
/// its own. Thread-safe.
/// </summary>
public sealed class AttachmentIndex(IDbContextFactory<LiaisonDbContext> dbFactory) : IEntryObserver
{
    private static readonly byte[][] Markers = [.. AttachmentReferences.Arrays.Select(name => Encoding.UTF8.GetBytes($"\"{name}\""))];
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<long, AttachmentReference>> _byHash = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile bool _loaded;

    /// <summary>The entries that name <paramref name="sha256"/>, oldest first.</summary>
    public async Task<IReadOnlyList<AttachmentReference>> ReferencesAsync(string sha256, CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        lock (_gate)
        {
            return _byHash.TryGetValue(sha256, out var references) ? [.. references.Values.OrderBy(r => r.Seq)] : [];
        }
    }

    /// <summary>Every reference in an entry addressed to <paramref name="party"/>, newest entry first.</summary>
    public async Task<IReadOnlyList<AttachmentReference>> VisibleToAsync(string party, CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        lock (_gate)
        {
            return [.. _byHash.Values.SelectMany(r => r.Values).Where(r => r.Audience.Contains(party, StringComparer.Ordinal)).OrderByDescending(r => r.Seq).ThenBy(r => r.Attachment.Name, StringComparer.Ordinal)];
        }
    }

    void IEntryObserver.Committed(IReadOnlyList<CommittedEntry> entries)
    {
        // Recorded whether or not the fold has run: the fold may have read the record before this batch, and adding one
        // reference twice is harmless (they are keyed by seq).
        foreach (var committed in entries)
        {
            var named = AttachmentReferences.Named(committed.Entry.Header.Body);
            if (named.Count > 0)
            {
                Add(committed.Seq, [.. committed.Entry.Header.Audience.Select(p => p.Value)], named);
            }
        }
    }

    private async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_loaded)
            {
                return;
            }

            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var rows = db.Entries.AsNoTracking().OrderBy(e => e.Seq).Select(e => new { e.Seq, e.Audience, e.Payload }).AsAsyncEnumerable();
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                if (!Markers.Any(marker => row.Payload.AsSpan().IndexOf(marker) >= 0))
                {
                    continue;
                }

                using var document = ParseOrNull(row.Payload);
                if (document is null)
                {
                    continue;
                }

                var named = AttachmentReferences.Named(document.RootElement);
                if (named.Count > 0)
                {
                    Add(row.Seq, row.Audience.Split(',', StringSplitOptions.RemoveEmptyEntries), named);
                }
            }

            _loaded = true;
        }
        finally
        {
            _loading.Release();
        }
    }

    private void Add(long seq, IReadOnlyList<string> audience, IReadOnlyList<(string Field, Attachment Attachment)> named)
    {
        lock (_gate)
        {
            foreach (var (_, attachment) in named)
            {
                if (!_byHash.TryGetValue(attachment.Sha256, out var references))
                {
                    references = [];
                    _byHash[attachment.Sha256] = references;
                }

                references[seq] = new AttachmentReference(seq, audience, attachment);
            }
        }
    }

    private static JsonDocument? ParseOrNull(byte[] payload)
    {
        try
        {
            return JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            // Every recorded payload parsed when it was admitted; one that does not now names nothing.
            return null;
        }
    }
}
