using System.Numerics;

namespace Liaison.Ledger.Merkle;

/// <summary>
/// Which complete subtrees to read, and how to fold them into a list of hashes (a root, or the elements of a
/// proof). Splitting the read from the fold lets one batched read serve a database-backed store.
/// </summary>
internal sealed class HashPlan
{
    private readonly List<NodeId> _nodes = [];
    private readonly List<int> _runs = [];

    public IReadOnlyList<NodeId> Nodes => _nodes;

    /// <summary>The root of the leaves <c>[0, size)</c>.</summary>
    public static HashPlan Root(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var plan = new HashPlan();
        plan.AddRange(0, size);
        return plan;
    }

    /// <summary>RFC 9162 section 2.1.3.1 PATH(index, D[size]).</summary>
    public static HashPlan Inclusion(long index, long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var plan = new HashPlan();
        plan.AddPath(index, 0, size);
        return plan;
    }

    /// <summary>
    /// RFC 9162 section 2.1.4.1 PROOF(oldSize, D[newSize]); empty when the sizes are equal and, as C2SP
    /// tlog-witness requires, when <paramref name="oldSize"/> is 0.
    /// </summary>
    public static HashPlan Consistency(long oldSize, long newSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, newSize);
        var plan = new HashPlan();
        if (oldSize > 0 && oldSize < newSize)
        {
            plan.AddSubproof(oldSize, 0, newSize, true);
        }

        return plan;
    }

    public IReadOnlyList<byte[]> Fold(IReadOnlyList<byte[]> hashes)
    {
        if (hashes.Count != _nodes.Count)
        {
            throw new InvalidOperationException($"The hash reader returned {hashes.Count} hashes for {_nodes.Count} nodes.");
        }

        var result = new List<byte[]>(_runs.Count);
        var next = 0;
        foreach (var run in _runs)
        {
            if (run == 0)
            {
                result.Add(Rfc6962.EmptyRoot());
                continue;
            }

            var hash = Checked(hashes[next + run - 1]);
            for (var i = next + run - 2; i >= next; i--)
            {
                hash = Rfc6962.HashChildren(Checked(hashes[i]), hash);
            }

            result.Add(hash);
            next += run;
        }

        return result;
    }

    internal static long SplitPoint(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    private static byte[] Checked(byte[] hash) => hash.Length == Rfc6962.HashLength
        ? hash
        : throw new InvalidOperationException($"The hash reader returned a {hash.Length}-byte hash.");

    private void AddPath(long index, long lo, long hi)
    {
        if (hi - lo <= 1)
        {
            return;
        }

        var k = SplitPoint(hi - lo);
        if (index - lo < k)
        {
            AddPath(index, lo, lo + k);
            AddRange(lo + k, hi);
        }
        else
        {
            AddPath(index, lo + k, hi);
            AddRange(lo, lo + k);
        }
    }

    private void AddSubproof(long m, long lo, long hi, bool complete)
    {
        var n = hi - lo;
        if (m == n)
        {
            if (!complete)
            {
                AddRange(lo, hi);
            }

            return;
        }

        var k = SplitPoint(n);
        if (m <= k)
        {
            AddSubproof(m, lo, lo + k, complete);
            AddRange(lo + k, hi);
        }
        else
        {
            AddSubproof(m - k, lo + k, hi, false);
            AddRange(lo, lo + k);
        }
    }

    // [start, end) where start is a multiple of a power of two no smaller than end - start: the range is the
    // left-to-right run of complete subtrees given by the set bits of its length, highest first.
    private void AddRange(long start, long end)
    {
        var count = 0;
        while (start < end)
        {
            var level = 63 - BitOperations.LeadingZeroCount((ulong)(end - start));
            _nodes.Add(new NodeId(level, start >> level));
            start += 1L << level;
            count++;
        }

        _runs.Add(count);
    }
}
