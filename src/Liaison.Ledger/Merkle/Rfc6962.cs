using System.Security.Cryptography;

namespace Liaison.Ledger.Merkle;

/// <summary>RFC 6962 / RFC 9162 hashing: SHA-256 with a 0x00 prefix for leaves and 0x01 for interior nodes.</summary>
public static class Rfc6962
{
    /// <summary>The length of every hash, in bytes.</summary>
    public const int HashLength = 32;

    /// <summary>SHA-256(0x00 || leaf).</summary>
    public static byte[] HashLeaf(ReadOnlySpan<byte> leaf)
    {
        if (leaf.Length <= 1024)
        {
            Span<byte> input = stackalloc byte[leaf.Length + 1];
            input[0] = 0x00;
            leaf.CopyTo(input[1..]);
            return SHA256.HashData(input);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x00]);
        hash.AppendData(leaf);
        return hash.GetHashAndReset();
    }

    /// <summary>SHA-256(0x01 || left || right).</summary>
    public static byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length + right.Length > 2 * HashLength)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData([0x01]);
            hash.AppendData(left);
            hash.AppendData(right);
            return hash.GetHashAndReset();
        }

        // One-shot hashing of a stack buffer: no hasher object per node, which dominates proof and tree work.
        Span<byte> input = stackalloc byte[1 + left.Length + right.Length];
        input[0] = 0x01;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + left.Length)..]);
        return SHA256.HashData(input);
    }

    /// <summary>SHA-256(0x01 || left || right) of two 32-byte hashes, written to <paramref name="destination"/> (32 bytes): no allocation.</summary>
    /// <exception cref="ArgumentException">A hash or the destination is not 32 bytes.</exception>
    public static void HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        if (left.Length != HashLength || right.Length != HashLength || destination.Length != HashLength)
        {
            throw new ArgumentException("Children and their parent are 32-byte hashes.", nameof(destination));
        }

        Span<byte> input = stackalloc byte[1 + (2 * HashLength)];
        input[0] = 0x01;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + HashLength)..]);
        SHA256.HashData(input, destination);
    }

    /// <summary>The root of the empty tree: SHA-256 of no bytes.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData(ReadOnlySpan<byte>.Empty);
}
