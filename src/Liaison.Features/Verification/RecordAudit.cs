using System.Security.Cryptography;
using Liaison.Domain.Entries;
using Liaison.Domain.Parties;
using Liaison.Features.Entries;
using Liaison.Ledger.Merkle;
using Liaison.Ledger.Tiles;

namespace Liaison.Features.Verification;

/// <summary>Something that does not check out, naming what: <c>entry 12</c>, <c>tile/0/000</c>, <c>checkpoint</c>.</summary>
public sealed record AuditFinding(string Subject, string Problem)
{
    public override string ToString() => $"{Subject}: {Problem}";
}

/// <summary>What an audit of the record found: the tree it checked, how much it checked, and every failure.</summary>
public sealed record AuditReport(long TreeSize, string RootHash, int LeavesChecked, int PayloadsChecked, int PayloadsHidden, IReadOnlyList<AuditFinding> Failures)
{
    public bool Passed => Failures.Count == 0;
}

/// <summary>
/// Checks the joint record from what the log serves, trusting nothing but the log key: the tiles must give the
/// checkpoint's root, every served leaf must hash to its tile entry, every entry the viewer can read must match its
/// leaf, its payload hash and its signature, and every signing key must come from an unbroken enrolment chain
/// in the record itself (party root → key.enroll → …), not revoked before it signed. Pure: no I/O.
/// </summary>
public static class RecordAudit
{
    /// <summary>Audits a tree of <paramref name="size"/> leaves with root <paramref name="root"/>.</summary>
    /// <param name="size">The checkpoint's tree size.</param>
    /// <param name="root">The checkpoint's root hash.</param>
    /// <param name="tiles">Every hash tile of that tree as served, by tile.</param>
    /// <param name="leaves">Every leaf (entry bundle contents) by index, as served.</param>
    /// <param name="entries">The entries as the API serves them to the viewer (payloads only where addressed to them), in any order.</param>
    public static AuditReport Audit(long size, byte[] root, IReadOnlyDictionary<TileId, byte[]> tiles, IReadOnlyList<byte[]> leaves, IReadOnlyList<EntryView> entries)
    {
        var failures = new List<AuditFinding>();
        var leafHashes = CheckTiles(size, root, tiles, failures);
        CheckLeaves(size, leafHashes, leaves, failures);
        var (payloads, hidden) = CheckEntries(size, leafHashes, entries, failures);
        return new AuditReport(size, Convert.ToBase64String(root), leaves.Count, payloads, hidden, failures);
    }

    /// <summary>Recomputes the tree from the level-0 tiles and checks the root and every higher tile; returns the leaf hashes.</summary>
    private static List<byte[]> CheckTiles(long size, byte[] root, IReadOnlyDictionary<TileId, byte[]> tiles, List<AuditFinding> failures)
    {
        var leafHashes = new List<byte[]>();
        foreach (var tile in TileLayout.Tiles(size).Where(t => t.Level == 0))
        {
            if (!tiles.TryGetValue(tile, out var bytes) || bytes.Length != tile.Width * Rfc6962.HashLength)
            {
                failures.Add(new AuditFinding(tile.Path, "missing or of the wrong length"));
                return leafHashes;
            }

            for (var i = 0; i < tile.Width; i++)
            {
                leafHashes.Add(bytes.AsSpan(i * Rfc6962.HashLength, Rfc6962.HashLength).ToArray());
            }
        }

        var memory = MemoryTree.FromLeafHashes(leafHashes);
        if (!memory.Root().AsSpan().SequenceEqual(root))
        {
            failures.Add(new AuditFinding("tile/0", "the leaf hashes of the level-0 tiles do not give the checkpoint's root: a leaf hash was changed (the entries whose leaves no longer match are listed)"));
        }

        foreach (var tile in TileLayout.Tiles(size).Where(t => t.Level > 0))
        {
            var expected = TileLayout.Read(tile, size, memory);
            if (!tiles.TryGetValue(tile, out var served) || !served.AsSpan().SequenceEqual(expected))
            {
                failures.Add(new AuditFinding(tile.Path, "does not match the hashes computed from the leaves"));
            }
        }

        return leafHashes;
    }

    private static void CheckLeaves(long size, List<byte[]> leafHashes, IReadOnlyList<byte[]> leaves, List<AuditFinding> failures)
    {
        if (leaves.Count != size)
        {
            failures.Add(new AuditFinding("entry bundles", $"hold {leaves.Count} leaves, the tree has {size}"));
        }

        for (var i = 0; i < Math.Min(leaves.Count, leafHashes.Count); i++)
        {
            if (!Rfc6962.HashLeaf(leaves[i]).AsSpan().SequenceEqual(leafHashes[i]))
            {
                failures.Add(new AuditFinding($"entry {i}", "its leaf (type, author, audience, time, key, signature, payload hash) does not hash to the tree's leaf hash"));
            }
        }
    }

    private static (int Payloads, int Hidden) CheckEntries(long size, List<byte[]> leafHashes, IReadOnlyList<EntryView> entries, List<AuditFinding> failures)
    {
        var keys = new KeyChain();
        var payloads = 0;
        var hidden = 0;
        foreach (var entry in entries.Where(e => e.Seq < size).OrderBy(e => e.Seq))
        {
            var subject = $"entry {entry.Seq}";
            var leaf = LeafOf(entry);
            if (entry.Seq >= leafHashes.Count || !Rfc6962.HashLeaf(leaf.Encode()).AsSpan().SequenceEqual(leafHashes[(int)entry.Seq]))
            {
                failures.Add(new AuditFinding(subject, "the entry as served does not match its leaf in the tree"));
                continue;
            }

            if (Convert.ToHexStringLower(Rfc6962.HashLeaf(leaf.Encode())) != entry.LeafHash)
            {
                failures.Add(new AuditFinding(subject, "the stored leaf hash is not the hash of its leaf"));
            }

            if (entry.Payload is null)
            {
                hidden++;
                if (!keys.IsEnrolledFor(entry.KeyId, entry.Author))
                {
                    failures.Add(new AuditFinding(subject, $"key {entry.KeyId} of '{entry.Author}' has no enrolment in the record before it"));
                }

                continue;
            }

            payloads++;
            var payload = Convert.FromBase64String(entry.Payload);
            if (Convert.ToHexStringLower(SHA256.HashData(payload)) != entry.PayloadSha256)
            {
                failures.Add(new AuditFinding(subject, "the payload does not hash to the payload hash in its leaf"));
                continue;
            }

            var problem = keys.Check(entry, payload);
            if (problem is not null)
            {
                failures.Add(new AuditFinding(subject, problem));
            }
        }

        return (payloads, hidden);
    }

    /// <summary>The leaf an entry as served stands for: what its leaf hash and inclusion proof must match.</summary>
    public static EntryLeaf LeafOf(EntryView e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Type, e.Author, e.Audience.Select(c => new PartyCode(c)).ToList(), e.ServerTime, e.KeyId, Convert.FromBase64String(e.Sig), Convert.FromHexString(e.PayloadSha256));
    }
}
