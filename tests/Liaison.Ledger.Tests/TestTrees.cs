using Liaison.Ledger.Merkle;

namespace Liaison.Ledger.Tests;

/// <summary>The trees the vectors use: rfc6962-ref8 (the CT reference tree) and d130 (leaf i is the byte i).</summary>
public static class TestTrees
{
    public static readonly byte[][] Reference8Inputs =
        [.. new[] { "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f" }.Select(Convert.FromHexString)];

    public static MemoryTree Named(string name) => name switch
    {
        "rfc6962-ref8" => FromInputs(Reference8Inputs),
        "d130" => FromInputs(Enumerable.Range(0, 130).Select(i => new[] { (byte)i })),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown test tree."),
    };

    public static MemoryTree FromInputs(IEnumerable<byte[]> inputs) => MemoryTree.FromLeafHashes(inputs.Select(i => Rfc6962.HashLeaf(i)));

    public static byte[][] LeafHashes(int count) => [.. Enumerable.Range(0, count).Select(i => Rfc6962.HashLeaf(BitConverter.GetBytes(i)))];

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static string[] Hex(IEnumerable<byte[]> hashes) => [.. hashes.Select(h => Convert.ToHexStringLower(h))];
}
