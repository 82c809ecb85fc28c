using System.Globalization;
using System.Security.Cryptography;
using Liaison.Domain.Attachments;
using Liaison.Domain.Entries;
using Liaison.Features.Verification;
using Liaison.Ledger.Checkpoints;
using Liaison.Ledger.Merkle;
using Liaison.Ledger.Notes;

namespace Liaison.Features.Reconstruction;

/// <summary>
/// The keys a verifier trusts, each with where it comes from (said in the report: <c>--log-key</c>, your last
/// <c>liaison verify</c>, the bundle itself). The checkpoint must be signed by <see cref="LogKey"/> and cosigned by every
/// key in <see cref="Witnesses"/>, and there must be at least one: a bundle's checkpoint is a final one.
/// </summary>
public sealed record BundleTrust(NoteVerifierKey LogKey, string LogKeySource, IReadOnlyList<NoteVerifierKey> Witnesses, string WitnessesSource);

/// <summary>One entry that checked out, for the report's timeline.</summary>
public sealed record VerifiedEntry(long Seq, string Type, string Author, DateTimeOffset ServerTime, bool IsKey);

/// <summary>
/// What checking a bundle found: the checkpoint, what was checked, and every failure in the order found (the checkpoint,
/// then entries by seq, then attachments). <see cref="Passed"/> only when there is none.
/// </summary>
public sealed record BundleReport(
    string Origin,
    long TreeSize,
    string RootHash,
    IReadOnlyList<string> CosignedBy,
    IReadOnlyList<VerifiedEntry> Entries,
    int KeyEntriesChecked,
    int AttachmentsChecked,
    IReadOnlyList<AuditFinding> Failures)
{
    public bool Passed => Failures.Count == 0;
}

/// <summary>
/// Checks a reconstruction bundle offline, trusting only <see cref="BundleTrust"/>: the checkpoint is signed by the log
/// key and cosigned by every trusted witness; each entry's payload hashes to its leaf's payload hash and its header
/// (type, mechanism, author, audience, client time) is the leaf's; its leaf hashes to its leaf hash, which its inclusion
/// proof leads from to the checkpoint's root; its signature verifies with its author's key, enrolled by an unbroken chain
/// of key entries that are themselves proven in the same tree (<see cref="KeyChain"/>, as <c>liaison verify</c>);
/// every attachment an entry names is in the bundle with bytes of that SHA-256 and size, and the bundle holds no other;
/// a subject with an id (an incident) is one of the entries. Pure: no I/O, no clock.
/// </summary>
public static class VerifyBundle
{
    public static BundleReport Verify(ReconstructionBundle bundle, BundleTrust trust)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(trust);
        var failures = new List<AuditFinding>();
        BundleReport Stop() => new(bundle.Origin, 0, "", [], [], 0, 0, failures);

        if (bundle.LogKey != trust.LogKey.ToString())
        {
            failures.Add(new AuditFinding("log key", $"the bundle names {bundle.LogKey}, but you trust {trust.LogKey} ({trust.LogKeySource})"));
            return Stop();
        }

        if (trust.Witnesses.Count == 0)
        {
            failures.Add(new AuditFinding("checkpoint", "no witness key to check it with: a bundle's checkpoint must be final, cosigned by every party's witness"));
            return Stop();
        }

        var opened = SignedCheckpoint.Open(bundle.Checkpoint, bundle.Origin, [trust.LogKey, .. trust.Witnesses.Where(w => !w.Equals(trust.LogKey))], trust.LogKey);
        if (!opened.IsSuccess)
        {
            failures.Add(new AuditFinding("checkpoint", opened.Error.Detail));
            return Stop();
        }

        var verified = opened.Value.Note.Signatures;
        var missing = trust.Witnesses.Where(w => !verified.Any(s => s.Name == w.Name && s.KeyId == w.KeyId)).Select(w => w.Name).ToList();
        if (missing.Count > 0)
        {
            failures.Add(new AuditFinding("checkpoint", $"not cosigned by {string.Join(", ", missing)}: it is not final"));
            return Stop();
        }

        var checkpoint = opened.Value.Checkpoint;
        if (checkpoint.Size > long.MaxValue)
        {
            failures.Add(new AuditFinding("checkpoint", "its size is beyond what a log of entries can hold"));
            return Stop();
        }

        var size = (long)checkpoint.Size;
        var root = checkpoint.RootHash.ToArray();
        var cosigners = verified.Where(s => s.Name != trust.LogKey.Name).Select(s => s.Name).ToList();
        var (entries, keyEntries) = CheckEntries(bundle, size, root, failures);
        var attachments = CheckAttachments(bundle, failures);
        if (bundle.Subject.Id is { } subjectId && !bundle.Entries.Any(e => e.Seq == subjectId))
        {
            failures.Add(new AuditFinding("subject", string.Create(CultureInfo.InvariantCulture, $"{bundle.Subject.Kind} {subjectId} is not among the bundle's entries")));
        }

        return new BundleReport(bundle.Origin, size, Convert.ToBase64String(root), cosigners, entries, keyEntries, attachments, failures);
    }

    private static (List<VerifiedEntry> Entries, int KeyEntries) CheckEntries(ReconstructionBundle bundle, long size, byte[] root, List<AuditFinding> failures)
    {
        var all = bundle.Entries.Select(e => (Entry: e, IsKey: false)).Concat(bundle.Keys.Select(e => (Entry: e, IsKey: true))).OrderBy(e => e.Entry.Seq).ToList();
        var chain = new KeyChain();
        var checkedEntries = new List<VerifiedEntry>();
        var keyEntries = 0;
        long? previous = null;
        foreach (var (entry, isKey) in all)
        {
            var subject = string.Create(CultureInfo.InvariantCulture, $"entry {entry.Seq}{(isKey ? " (key)" : "")}");
            if (entry.Seq == previous)
            {
                failures.Add(new AuditFinding(subject, "is in the bundle twice"));
                continue;
            }

            previous = entry.Seq;
            var problem = CheckEntry(bundle, entry, size, root, chain);
            if (problem is not null)
            {
                failures.Add(new AuditFinding(subject, problem));
                continue;
            }

            keyEntries += isKey ? 1 : 0;
            checkedEntries.Add(new VerifiedEntry(entry.Seq, entry.Type, entry.Author, entry.ServerTime, isKey));
        }

        return (checkedEntries, keyEntries);
    }

    /// <summary>Null when the entry checks out; else what is wrong with it, first found first.</summary>
    private static string? CheckEntry(ReconstructionBundle bundle, BundleEntry entry, long size, byte[] root, KeyChain chain)
    {
        if (entry.Seq < 0 || entry.Seq >= size)
        {
            return $"is not in the checkpoint's tree of {size} entries";
        }

        var payload = Base64(entry.Payload);
        var signature = Base64(entry.Sig);
        if (payload is null || signature is null || !IsHex(entry.PayloadSha256) || !IsHex(entry.LeafHash) || entry.Audience.Count == 0)
        {
            return "its payload, signature, payload hash or leaf hash is not well-formed";
        }

        if (Convert.ToHexStringLower(SHA256.HashData(payload)) != entry.PayloadSha256)
        {
            return "its payload does not hash to the payload hash in its leaf";
        }

        var header = EntryPayload.Parse(payload);
        if (!header.IsSuccess)
        {
            return "its payload is not a signed entry: " + header.Error.Detail;
        }

        var h = header.Value;
        if (h.Type != entry.Type || h.Author != entry.Author || h.Mechanism != bundle.Mechanism || h.ClientTime != entry.ClientTime
            || !h.Audience.Select(p => p.Value).SequenceEqual(entry.Audience, StringComparer.Ordinal))
        {
            return "its payload's type, mechanism, author, audience or time differs from its leaf's";
        }

        var problem = chain.Check(entry.ToView(), payload);
        if (problem is not null)
        {
            return problem;
        }

        var leafHash = Rfc6962.HashLeaf(RecordAudit.LeafOf(entry.ToView()).Encode());
        if (Convert.ToHexStringLower(leafHash) != entry.LeafHash)
        {
            return "its leaf (type, author, audience, time, key, signature, payload hash) does not hash to its leaf hash";
        }

        var proof = entry.InclusionProof.Select(Base64).ToList();
        if (proof.Any(p => p is null))
        {
            return "its inclusion proof is not base64";
        }

        var included = MerkleTree.VerifyInclusion(leafHash, entry.Seq, size, proof!, root);
        return included.IsSuccess ? null : "inclusion proof: " + included.Error.Detail;
    }

    private static int CheckAttachments(ReconstructionBundle bundle, List<AuditFinding> failures)
    {
        var named = new Dictionary<string, (long Seq, long Size)>(StringComparer.Ordinal);
        foreach (var entry in bundle.Entries.OrderBy(e => e.Seq))
        {
            if (Base64(entry.Payload) is not { } payload || EntryPayload.Parse(payload) is not { IsSuccess: true } header)
            {
                continue;
            }

            foreach (var (_, attachment) in AttachmentReferences.Named(header.Value.Body))
            {
                named.TryAdd(attachment.Sha256, (entry.Seq, attachment.Size));
            }
        }

        var count = 0;
        foreach (var (sha256, (seq, described)) in named.OrderBy(n => n.Value.Seq).ThenBy(n => n.Key, StringComparer.Ordinal))
        {
            var subject = "attachment " + sha256;
            if (!bundle.Attachments.TryGetValue(sha256, out var text))
            {
                failures.Add(new AuditFinding(subject, string.Create(CultureInfo.InvariantCulture, $"named by entry {seq} but its bytes are not in the bundle")));
                continue;
            }

            var bytes = Base64(text);
            if (bytes is null)
            {
                failures.Add(new AuditFinding(subject, "its bytes are not base64"));
                continue;
            }

            var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (actual != sha256)
            {
                failures.Add(new AuditFinding(subject, $"its bytes hash to {actual}"));
                continue;
            }

            if (bytes.LongLength != described)
            {
                failures.Add(new AuditFinding(subject, string.Create(CultureInfo.InvariantCulture, $"holds {bytes.LongLength} bytes, entry {seq} says {described}")));
                continue;
            }

            count++;
        }

        foreach (var extra in bundle.Attachments.Keys.Where(k => !named.ContainsKey(k)).Order(StringComparer.Ordinal))
        {
            failures.Add(new AuditFinding("attachment " + extra, "no entry in the bundle names it"));
        }

        return count;
    }

    private static byte[]? Base64(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var bytes = new byte[text.Length * 3 / 4];
        return Convert.TryFromBase64String(text, bytes, out var written) ? bytes[..written] : null;
    }

    private static bool IsHex(string? text) =>
        text is { Length: 64 } && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
