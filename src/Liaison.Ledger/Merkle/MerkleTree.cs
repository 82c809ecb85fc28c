namespace Liaison.Ledger.Merkle;

/// <summary>
/// RFC 9162 section 2.1 Merkle tree hashes and proofs: generated from any <see cref="IHashReader"/> (or a list of
/// leaf hashes), and verified without trusting the prover. Sizes and indices are counts of leaves, from 0.
/// Generation throws <see cref="ArgumentOutOfRangeException"/> for impossible arguments (an index outside the tree,
/// an old size above the new one): callers check requests first. Verification never throws for bad input.
/// </summary>
public static class MerkleTree
{
    /// <summary>The Merkle tree hash of the first <paramref name="size"/> leaves; SHA-256("") for 0.</summary>
    public static byte[] Root(long size, IHashReader reader) => Run(HashPlan.Root(size), reader)[0];

    /// <summary>The Merkle tree hash of the first <paramref name="size"/> leaves; SHA-256("") for 0.</summary>
    public static async ValueTask<byte[]> RootAsync(long size, IAsyncHashReader reader, CancellationToken cancellationToken) =>
        (await RunAsync(HashPlan.Root(size), reader, cancellationToken))[0];

    /// <summary>The Merkle tree hash of all <paramref name="leafHashes"/>, in O(n) time and O(log n) memory.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        var builder = new CompactTree();
        foreach (var leaf in leafHashes)
        {
            builder.Append(leaf);
        }

        return builder.Root();
    }

    /// <summary>The inclusion proof (audit path) of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves, deepest hash first.</summary>
    public static IReadOnlyList<byte[]> InclusionProof(long index, long size, IHashReader reader) => Run(HashPlan.Inclusion(index, size), reader);

    /// <summary>The inclusion proof (audit path) of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves, deepest hash first.</summary>
    public static ValueTask<IReadOnlyList<byte[]>> InclusionProofAsync(long index, long size, IAsyncHashReader reader, CancellationToken cancellationToken) =>
        RunAsync(HashPlan.Inclusion(index, size), reader, cancellationToken);

    /// <summary>
    /// The consistency proof from the tree of <paramref name="oldSize"/> leaves to the tree of <paramref name="newSize"/>.
    /// Empty when the sizes are equal, and when <paramref name="oldSize"/> is 0 (as C2SP tlog-witness expects).
    /// </summary>
    public static IReadOnlyList<byte[]> ConsistencyProof(long oldSize, long newSize, IHashReader reader) => Run(HashPlan.Consistency(oldSize, newSize), reader);

    /// <summary>The asynchronous form of <see cref="ConsistencyProof(long, long, IHashReader)"/>.</summary>
    public static ValueTask<IReadOnlyList<byte[]>> ConsistencyProofAsync(long oldSize, long newSize, IAsyncHashReader reader, CancellationToken cancellationToken) =>
        RunAsync(HashPlan.Consistency(oldSize, newSize), reader, cancellationToken);

    /// <summary>
    /// Verifies an inclusion proof (RFC 9162 section 2.1.3.2). Every hash must be 32 bytes and the index must lie
    /// in the tree; the proof must have exactly the length the tree shape implies.
    /// </summary>
    public static LedgerResult VerifyInclusion(ReadOnlySpan<byte> leafHash, long index, long size, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || size <= 0 || index >= size)
        {
            return LedgerError.InvalidProof($"Leaf index {index} is not in a tree of size {size}.");
        }

        if (leafHash.Length != Rfc6962.HashLength || root.Length != Rfc6962.HashLength || !AllHashes(proof))
        {
            return LedgerError.Malformed("Every hash in an inclusion proof is 32 bytes.");
        }

        var fn = (ulong)index;
        var sn = (ulong)(size - 1);
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return LedgerError.InvalidProof("The inclusion proof is longer than the tree is deep.");
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = Rfc6962.HashChildren(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = Rfc6962.HashChildren(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        if (sn != 0)
        {
            return LedgerError.InvalidProof("The inclusion proof is shorter than the tree is deep.");
        }

        return r.AsSpan().SequenceEqual(root)
            ? LedgerResult.Success
            : LedgerError.InvalidProof("The inclusion proof leads to a different root.");
    }

    /// <summary>
    /// Verifies a consistency proof (RFC 9162 section 2.1.4.2). Equal sizes need an empty proof and identical roots.
    /// An <paramref name="oldSize"/> of 0 is rejected, as RFC 9162 defines proofs only for <c>0 &lt; m</c> (the
    /// transparency-dev/merkle rule); a C2SP witness, which accepts <c>old 0</c> with an empty proof, handles that
    /// case before calling this.
    /// </summary>
    public static LedgerResult VerifyConsistency(long oldSize, long newSize, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (oldSize <= 0 || newSize < oldSize)
        {
            return LedgerError.InvalidProof($"No consistency proof exists from size {oldSize} to size {newSize}.");
        }

        if (oldSize == newSize)
        {
            if (proof.Count != 0)
            {
                return LedgerError.InvalidProof("A consistency proof between equal sizes is empty.");
            }

            return oldRoot.SequenceEqual(newRoot)
                ? LedgerResult.Success
                : LedgerError.InvalidProof("Two trees of the same size have different roots.");
        }

        if (proof.Count == 0)
        {
            return LedgerError.InvalidProof("The consistency proof is empty.");
        }

        if (oldRoot.Length != Rfc6962.HashLength || newRoot.Length != Rfc6962.HashLength || !AllHashes(proof))
        {
            return LedgerError.Malformed("Every hash in a consistency proof is 32 bytes.");
        }

        var path = new List<byte[]>(proof.Count + 1);
        if ((oldSize & (oldSize - 1)) == 0)
        {
            path.Add(oldRoot.ToArray());
        }

        path.AddRange(proof);
        var fn = (ulong)(oldSize - 1);
        var sn = (ulong)(newSize - 1);
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return LedgerError.InvalidProof("The consistency proof is longer than the tree is deep.");
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = Rfc6962.HashChildren(c, fr);
                sr = Rfc6962.HashChildren(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = Rfc6962.HashChildren(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        if (sn != 0)
        {
            return LedgerError.InvalidProof("The consistency proof is shorter than the tree is deep.");
        }

        if (!fr.AsSpan().SequenceEqual(oldRoot))
        {
            return LedgerError.InvalidProof("The consistency proof does not lead to the old root.");
        }

        return sr.AsSpan().SequenceEqual(newRoot)
            ? LedgerResult.Success
            : LedgerError.InvalidProof("The consistency proof does not lead to the new root.");
    }

    private static bool AllHashes(IReadOnlyList<byte[]> hashes)
    {
        foreach (var hash in hashes)
        {
            if (hash is null || hash.Length != Rfc6962.HashLength)
            {
                return false;
            }
        }

        return true;
    }

    private static IReadOnlyList<byte[]> Run(HashPlan plan, IHashReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return plan.Fold(plan.Nodes.Count == 0 ? [] : reader.ReadHashes(plan.Nodes));
    }

    private static async ValueTask<IReadOnlyList<byte[]>> RunAsync(HashPlan plan, IAsyncHashReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return plan.Fold(plan.Nodes.Count == 0 ? [] : await reader.ReadHashesAsync(plan.Nodes, cancellationToken));
    }
}
