namespace Liaison.Ledger.Merkle;

/// <summary>
/// A complete subtree of the log: <see cref="Level"/> 0 is a leaf hash; level <c>L</c> index <c>i</c> covers the
/// <c>2^L</c> leaves <c>[i * 2^L, (i + 1) * 2^L)</c>. A store keeps one hash per complete subtree, written once
/// when the subtree fills and never changed.
/// </summary>
/// <param name="Level">Height above the leaves, 0 to 62.</param>
/// <param name="Index">Position among the subtrees of that level, from 0.</param>
public readonly record struct NodeId(int Level, long Index)
{
    /// <summary>The index of the first leaf the subtree covers.</summary>
    public long FirstLeaf => Index << Level;

    /// <summary>The number of leaves the subtree covers.</summary>
    public long LeafCount => 1L << Level;
}

/// <summary>A complete subtree and its hash, as the tree builders hand them to a store.</summary>
/// <param name="Node">Which subtree.</param>
/// <param name="Hash">Its 32-byte Merkle tree hash.</param>
public readonly record struct NodeHash(NodeId Node, byte[] Hash);
