using System.Text;
using Liaison.Ledger.Merkle;

namespace Liaison.Ledger.Conformance;

/// <summary>The test trees the vectors name: <c>rfc6962-ref8</c> and <c>d130</c>.</summary>
internal static class KnownTrees
{
    /// <summary>The 8 leaf inputs of the RFC 6962 reference tree used by Certificate Transparency test suites.</summary>
    public static readonly IReadOnlyList<string> Rfc6962Reference8 =
        ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    public static MemoryTree? Build(string name) => name switch
    {
        "rfc6962-ref8" => FromInputs(Rfc6962Reference8.Select(Convert.FromHexString)),
        "d130" => FromInputs(Enumerable.Range(0, 130).Select(i => new[] { (byte)i })),
        _ => null,
    };

    public static MemoryTree FromInputs(IEnumerable<byte[]> leafInputs) =>
        MemoryTree.FromLeafHashes(leafInputs.Select(input => Rfc6962.HashLeaf(input)));

    /// <summary>Leaf inputs given as a format like <c>ASCII "record %d" for i = 0..299</c>.</summary>
    public static IEnumerable<byte[]>? FromFormat(string format, long count)
    {
        var open = format.IndexOf('"', StringComparison.Ordinal);
        var close = format.LastIndexOf('"');
        if (!format.StartsWith("ASCII \"", StringComparison.Ordinal) || close <= open)
        {
            return null;
        }

        var template = format[(open + 1)..close];
        return Enumerable.Range(0, (int)count).Select(i => Encoding.ASCII.GetBytes(template.Replace("%d", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
    }
}
