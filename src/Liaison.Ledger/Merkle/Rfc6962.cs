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
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x00]);
        hash.AppendData(leaf);
        return hash.GetHashAndReset();
    }

    /// <summary>SHA-256(0x01 || left || right).</summary>
    public static byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x01]);
        hash.AppendData(left);
        hash.AppendData(right);
        return hash.GetHashAndReset();
    }

    /// <summary>The root of the empty tree: SHA-256 of no bytes.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData(ReadOnlySpan<byte>.Empty);
}
