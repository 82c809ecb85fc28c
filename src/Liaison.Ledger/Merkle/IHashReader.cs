namespace Liaison.Ledger.Merkle;

/// <summary>
/// Reads the stored hashes of complete subtrees, so proofs, roots and tiles can be computed over any store
/// (memory, a database). Every requested node is complete in the tree the caller is working on.
/// </summary>
public interface IHashReader
{
    /// <summary>Returns the 32-byte hash of each node, in the order asked.</summary>
    IReadOnlyList<byte[]> ReadHashes(IReadOnlyList<NodeId> nodes);
}

/// <summary>The asynchronous form of <see cref="IHashReader"/>, for stores behind I/O.</summary>
public interface IAsyncHashReader
{
    /// <summary>Returns the 32-byte hash of each node, in the order asked.</summary>
    ValueTask<IReadOnlyList<byte[]>> ReadHashesAsync(IReadOnlyList<NodeId> nodes, CancellationToken cancellationToken);
}
