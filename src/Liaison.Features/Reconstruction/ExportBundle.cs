using System.Globalization;
using System.Text.Json;
using Liaison.Domain.Attachments;
using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Parties;
using Liaison.Features.Attachments;
using Liaison.Features.Data;
using Liaison.Features.Entries;
using Liaison.Features.Log;
using Liaison.Features.Mechanism;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Reconstruction;

/// <summary>Which entries to export, and what they reconstruct (<c>entries</c> by default; e.g. <c>incident</c> and its seq).</summary>
public sealed record ExportBundleRequest(IReadOnlyCollection<long> Seqs, BundleSubject? Subject = null);

/// <summary>
/// Exports a reconstruction bundle (<see cref="ReconstructionBundle"/>) for a member: the entries asked for, against the
/// latest FINAL checkpoint (cosigned by every party's witness), each with its inclusion proof; the key entries each
/// author's key chain needs, with theirs; the attachments the entries name; the checkpoint note, the log key and the
/// witnesses' keys. Audience rules as everywhere: an entry whose payload is not addressed to the member's party is left
/// out and listed as withheld; an entry newer than the final checkpoint is left out and listed as pending (export again
/// once a newer checkpoint is final). Refused: no seqs or more than <see cref="MaxSeqs"/> (<c>invalid-seqs</c>,
/// <c>too-many-seqs</c>), a seq the record does not hold (<c>entry-not-found</c>), no final checkpoint yet
/// (<c>no-final-checkpoint</c>), nothing left to export (<c>nothing-to-export</c>), a subject (an incident) that is not
/// final yet (<c>subject-not-final</c>) or not among the entries (<c>subject-not-in-bundle</c>), attachments over
/// <see cref="MaxAttachmentBytes"/> in all (<c>bundle-too-large</c>). Called by <c>GET /api/v1/bundles</c> and by any
/// feature exporting what it relates (an incident's entries).
/// </summary>
public sealed class ExportBundle(LiaisonDbContext db, ReadLog log, AttachmentStore attachments, ServedMechanism mechanism, WitnessDirectory witnesses, TimeProvider time)
{
    /// <summary>The most entries one bundle may be asked for.</summary>
    public const int MaxSeqs = 500;

    /// <summary>The most attachment bytes one bundle carries (before base64).</summary>
    public const long MaxAttachmentBytes = 100L * 1024 * 1024;

    private static readonly string[] KeyTypes = [EntryTypes.MechanismEstablish, EntryTypes.PartyRoot, EntryTypes.KeyEnroll, EntryTypes.KeyRevoke];

    public async Task<Result<ReconstructionBundle>> HandleAsync(ExportBundleRequest request, Member viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var seqs = request.Seqs.Distinct().Order().ToList();
        if (seqs.Count == 0 || seqs[0] < 0)
        {
            return new Error.Validation("invalid-seqs", "Name at least one entry by its seq (0 or more): ?seq=12&seq=15.");
        }

        if (seqs.Count > MaxSeqs)
        {
            return new Error.Validation("too-many-seqs", string.Create(CultureInfo.InvariantCulture, $"A bundle holds at most {MaxSeqs} entries; {seqs.Count} were asked for."));
        }

        var records = await db.Entries.AsNoTracking().Where(e => seqs.Contains(e.Seq)).ToDictionaryAsync(e => e.Seq, cancellationToken);
        var unknown = seqs.Where(s => !records.ContainsKey(s)).ToList();
        if (unknown.Count > 0)
        {
            return new Error.NotFound("entry-not-found", $"The record holds no entry {string.Join(", ", unknown.Select(s => s.ToString(CultureInfo.InvariantCulture)))}.")
            {
                Extensions = new Dictionary<string, object?> { ["seqs"] = unknown },
            };
        }

        var required = witnesses.RequiredFor(mechanism.Config.PartiesOfKind(PartyKind.Party).Select(p => p.Code));
        var checkpoint = await log.CheckpointAsync(required, finalOnly: true, cancellationToken);
        if (!checkpoint.IsSuccess)
        {
            return new Error.Conflict("no-final-checkpoint", "No checkpoint is final yet (cosigned by every party's witness): a bundle is proven against a final one. Try again shortly.");
        }

        var size = checkpoint.Value.Size;
        var pending = seqs.Where(s => s >= size).ToList();
        var withheld = seqs.Where(s => s < size && !records[s].AudienceCodes.Contains(viewer.Party.Value)).ToList();
        var chosen = seqs.Where(s => s < size && records[s].AudienceCodes.Contains(viewer.Party.Value)).Select(s => records[s]).ToList();
        if (chosen.Count == 0)
        {
            return new Error.Conflict("nothing-to-export", string.Create(CultureInfo.InvariantCulture, $"None of these entries can be exported: {pending.Count} are newer than the latest final checkpoint (size {size}), {withheld.Count} are not addressed to your party."))
            {
                Extensions = new Dictionary<string, object?> { ["pending"] = pending, ["withheld"] = withheld, ["checkpointSize"] = size },
            };
        }

        if (request.Subject?.Id is { } subject && !chosen.Any(e => e.Seq == subject))
        {
            return pending.Contains(subject)
                ? new Error.Conflict("subject-not-final", string.Create(CultureInfo.InvariantCulture, $"Entry {subject} ({request.Subject.Kind}) is newer than the latest final checkpoint (size {size}): export again once a newer one is final."))
                : new Error.Validation("subject-not-in-bundle", string.Create(CultureInfo.InvariantCulture, $"Entry {subject} ({request.Subject.Kind}) is not among the entries you may export."));
        }

        var keyRecords = await KeyChainOfAsync(chosen, size, viewer, cancellationToken);
        var entries = new List<BundleEntry>();
        foreach (var record in chosen)
        {
            entries.Add(await BundleEntryAsync(record, size, viewer, cancellationToken));
        }

        var keys = new List<BundleEntry>();
        var chosenSeqs = chosen.Select(e => e.Seq).ToHashSet();
        foreach (var record in keyRecords.Where(k => !chosenSeqs.Contains(k.Seq)))
        {
            keys.Add(await BundleEntryAsync(record, size, viewer, cancellationToken));
        }

        var files = ReadAttachments(chosen);
        if (!files.IsSuccess)
        {
            return files.Error;
        }

        var witnessKeys = required.Select(name => witnesses.Witnesses.First(w => w.Name == name)).Select(w => new BundleWitness(w.Party, w.Vkey)).ToList();
        return new ReconstructionBundle(
            ReconstructionBundle.FormatName,
            mechanism.Config.Id,
            mechanism.Origin,
            time.GetUtcNow(),
            new BundleExporter(viewer.UserName, viewer.Party.Value),
            request.Subject ?? new BundleSubject("entries", null),
            checkpoint.Value.Note,
            mechanism.LogKey.VerifierKey.ToString(),
            witnessKeys,
            entries,
            keys,
            files.Value,
            pending,
            withheld);
    }

    /// <summary>
    /// The key entries that prove the chosen entries' keys, oldest first: for each key, the entry that introduced it
    /// (mechanism.establish, party.root or key.enroll) and every key.revoke naming it in the tree, then the same for the
    /// keys that signed those, until nothing new is needed.
    /// </summary>
    private async Task<List<EntryRecord>> KeyChainOfAsync(List<EntryRecord> chosen, long size, Member viewer, CancellationToken cancellationToken)
    {
        var keyEntries = await db.Entries.AsNoTracking().Where(e => KeyTypes.Contains(e.Type) && e.Seq < size).OrderBy(e => e.Seq).ToListAsync(cancellationToken);
        var introducedBy = new Dictionary<string, EntryRecord>(StringComparer.Ordinal);
        var revokedBy = new Dictionary<string, List<EntryRecord>>(StringComparer.Ordinal);
        foreach (var entry in keyEntries)
        {
            switch (entry.Type)
            {
                case EntryTypes.KeyEnroll when Field(entry, "publicKey") is { } publicKey && Convert.TryFromBase64String(publicKey, new byte[32], out var written) && written == 32:
                    introducedBy.TryAdd(KeyId.For(Convert.FromBase64String(publicKey)).Value, entry);
                    break;
                case EntryTypes.KeyRevoke when Field(entry, "keyId") is { } target:
                    if (!revokedBy.TryGetValue(target, out var list))
                    {
                        revokedBy[target] = list = [];
                    }

                    list.Add(entry);
                    break;
                case EntryTypes.MechanismEstablish or EntryTypes.PartyRoot:
                    introducedBy.TryAdd(entry.KeyId, entry);
                    break;
                default:
                    break;
            }
        }

        var needed = new SortedDictionary<long, EntryRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(chosen.Select(e => e.KeyId));
        while (queue.TryDequeue(out var keyId))
        {
            if (!seen.Add(keyId))
            {
                continue;
            }

            var related = revokedBy.GetValueOrDefault(keyId) ?? [];
            if (introducedBy.TryGetValue(keyId, out var introduced))
            {
                related = [introduced, .. related];
            }

            foreach (var entry in related.Where(e => e.AudienceCodes.Contains(viewer.Party.Value)))
            {
                needed.TryAdd(entry.Seq, entry);
                queue.Enqueue(entry.KeyId);
            }
        }

        return [.. needed.Values];
    }

    private async Task<BundleEntry> BundleEntryAsync(EntryRecord record, long size, Member viewer, CancellationToken cancellationToken)
    {
        var proof = await log.InclusionAsync(record.Seq, size, cancellationToken);
        var view = EntryView.From(record, viewer.Party);
        return new BundleEntry(view.Seq, view.Type, view.Author, view.Audience, view.ServerTime, view.ClientTime, view.KeyId, view.Sig, view.PayloadSha256, view.LeafHash, view.Payload!, proof.Value.Hashes);
    }

    private Result<IReadOnlyDictionary<string, string>> ReadAttachments(List<EntryRecord> chosen)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var total = 0L;
        foreach (var record in chosen)
        {
            using var document = JsonDocument.Parse(record.Payload);
            foreach (var (_, attachment) in AttachmentReferences.Named(document.RootElement))
            {
                if (files.ContainsKey(attachment.Sha256) || attachments.SizeOf(attachment.Sha256) is not { } stored)
                {
                    continue;
                }

                total += stored;
                if (total > MaxAttachmentBytes)
                {
                    return new Error.TooLarge("bundle-too-large", string.Create(CultureInfo.InvariantCulture, $"The entries' attachments hold more than {MaxAttachmentBytes} bytes; export fewer entries per bundle."));
                }

                files[attachment.Sha256] = Convert.ToBase64String(File.ReadAllBytes(attachments.PathOf(attachment.Sha256)));
            }
        }

        return files;
    }

    private static string? Field(EntryRecord entry, string name)
    {
        using var document = JsonDocument.Parse(entry.Payload);
        return document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
