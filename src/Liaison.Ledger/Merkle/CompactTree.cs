using System.Numerics;

namespace Liaison.Ledger.Merkle;

/// <summary>
/// An append-only Merkle tree kept as its right edge only: one hash per set bit of <see cref="Size"/>, so
/// O(log n) memory. A sequencer appends leaf hashes one by one, stores the hashes each append completes, and
/// reads the root at the current size. Not thread-safe: one sequencer owns it.
/// </summary>
public sealed class CompactTree
{
    private readonly List<byte[]> _frontier = [];

    /// <summary>An empty tree.</summary>
    public CompactTree()
    {
    }

    private CompactTree(long size, IEnumerable<byte[]> frontier)
    {
        Size = size;
        _frontier.AddRange(frontier.Select(h => h.ToArray()));
    }

    /// <summary>The number of leaves appended.</summary>
    public long Size { get; private set; }

    /// <summary>The hashes of the right edge's complete subtrees, largest (leftmost) first; see <see cref="FrontierNodes"/>.</summary>
    public IReadOnlyList<byte[]> Frontier => _frontier;

    /// <summary>The complete subtrees whose hashes make up the right edge of a tree of <paramref name="size"/> leaves, largest first.</summary>
    public static IReadOnlyList<NodeId> FrontierNodes(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var nodes = new List<NodeId>(BitOperations.PopCount((ulong)size));
        var start = 0L;
        for (var level = 62; level >= 0; level--)
        {
            if ((size & (1L << level)) != 0)
            {
                nodes.Add(new NodeId(level, start >> level));
                start += 1L << level;
            }
        }

        return nodes;
    }

    /// <summary>Rebuilds the builder of a tree of <paramref name="size"/> leaves from the hashes of <see cref="FrontierNodes"/>.</summary>
    /// <exception cref="ArgumentException">The hashes do not match the frontier of that size.</exception>
    public static CompactTree Restore(long size, IReadOnlyList<byte[]> frontier)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        if (frontier.Count != FrontierNodes(size).Count || frontier.Any(h => h.Length != Rfc6962.HashLength))
        {
            throw new ArgumentException($"A tree of size {size} has {FrontierNodes(size).Count} 32-byte frontier hashes.", nameof(frontier));
        }

        return new CompactTree(size, frontier);
    }

    /// <summary>Rebuilds the builder of a tree of <paramref name="size"/> leaves by reading its frontier from a store.</summary>
    public static CompactTree Load(long size, IHashReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var nodes = FrontierNodes(size);
        return Restore(size, nodes.Count == 0 ? [] : reader.ReadHashes(nodes));
    }

    /// <summary>
    /// Appends one leaf hash (<see cref="Rfc6962.HashLeaf"/> of the entry) and returns every complete subtree the
    /// append creates: the leaf itself at level 0, then each parent it completes. A store that keeps all of them
    /// can serve any root, proof or tile later through <see cref="IHashReader"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The hash is not 32 bytes.</exception>
    public IReadOnlyList<NodeHash> Append(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != Rfc6962.HashLength)
        {
            throw new ArgumentException("A leaf hash is 32 bytes.", nameof(leafHash));
        }

        var created = new List<NodeHash>(2);
        var hash = leafHash.ToArray();
        var index = Size;
        var level = 0;
        created.Add(new NodeHash(new NodeId(0, index), hash));
        while (((Size >> level) & 1) == 1)
        {
            hash = Rfc6962.HashChildren(_frontier[^1], hash);
            _frontier.RemoveAt(_frontier.Count - 1);
            level++;
            index >>= 1;
            created.Add(new NodeHash(new NodeId(level, index), hash));
        }

        _frontier.Add(hash);
        Size++;
        return created;
    }

    /// <summary>The Merkle tree hash at the current size; SHA-256("") when empty.</summary>
    public byte[] Root()
    {
        if (_frontier.Count == 0)
        {
            return Rfc6962.EmptyRoot();
        }

        var hash = _frontier[^1];
        for (var i = _frontier.Count - 2; i >= 0; i--)
        {
            hash = Rfc6962.HashChildren(_frontier[i], hash);
        }

        return hash;
    }
}
