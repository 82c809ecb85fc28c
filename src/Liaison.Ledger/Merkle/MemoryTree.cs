namespace Liaison.Ledger.Merkle;

/// <summary>
/// A whole Merkle tree in memory: every complete subtree hash, about 2n hashes for n leaves. Serves roots, proofs
/// and tiles for any size up to <see cref="Size"/>. Meant for tests, tools and small logs. Not thread-safe.
/// </summary>
public sealed class MemoryTree : IHashReader
{
    private readonly CompactTree _builder = new();
    private readonly List<List<byte[]>> _levels = [];

    /// <summary>The number of leaves appended.</summary>
    public long Size => _builder.Size;

    /// <summary>A tree of the given leaf hashes, in order.</summary>
    public static MemoryTree FromLeafHashes(IEnumerable<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        var tree = new MemoryTree();
        foreach (var leaf in leafHashes)
        {
            tree.Append(leaf);
        }

        return tree;
    }

    /// <summary>Appends a 32-byte leaf hash.</summary>
    /// <exception cref="ArgumentException">The hash is not 32 bytes.</exception>
    public void Append(ReadOnlySpan<byte> leafHash)
    {
        foreach (var (node, hash) in _builder.Append(leafHash))
        {
            if (_levels.Count == node.Level)
            {
                _levels.Add([]);
            }

            _levels[node.Level].Add(hash);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">A node is not complete in this tree.</exception>
    public IReadOnlyList<byte[]> ReadHashes(IReadOnlyList<NodeId> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var hashes = new byte[nodes.Count][];
        for (var i = 0; i < nodes.Count; i++)
        {
            var (level, index) = nodes[i];
            if (level < 0 || level >= _levels.Count || index < 0 || index >= _levels[level].Count)
            {
                throw new ArgumentOutOfRangeException(nameof(nodes), $"Node {nodes[i]} is not complete in a tree of size {Size}.");
            }

            hashes[i] = _levels[level][(int)index];
        }

        return hashes;
    }

    /// <summary>The root at the current size.</summary>
    public byte[] Root() => _builder.Root();

    /// <summary>The root of the first <paramref name="size"/> leaves.</summary>
    public byte[] Root(long size) => MerkleTree.Root(CheckSize(size), this);

    /// <summary>The inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves.</summary>
    public IReadOnlyList<byte[]> InclusionProof(long index, long size) => MerkleTree.InclusionProof(index, CheckSize(size), this);

    /// <summary>The consistency proof from <paramref name="oldSize"/> to <paramref name="newSize"/> leaves.</summary>
    public IReadOnlyList<byte[]> ConsistencyProof(long oldSize, long newSize) => MerkleTree.ConsistencyProof(oldSize, CheckSize(newSize), this);

    private long CheckSize(long size)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, Size);
        return size;
    }
}
