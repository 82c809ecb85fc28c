using System.Text.Json;

namespace Liaison.Ledger.Tests;

/// <summary>Short reads of vector case fields.</summary>
public static class JsonCase
{
    public static string Str(this JsonElement c, string name) => c.GetProperty(name).GetString()!;

    public static string? OptionalStr(this JsonElement c, string name) =>
        c.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static long Int(this JsonElement c, string name) => c.GetProperty(name).GetInt64();

    public static bool Bool(this JsonElement c, string name) => c.GetProperty(name).GetBoolean();

    public static byte[] Hex(this JsonElement c, string name) => Convert.FromHexString(c.Str(name));

    public static string[] StrList(this JsonElement c, string name) => [.. c.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];

    public static byte[][] HexList(this JsonElement c, string name) => [.. c.StrList(name).Select(Convert.FromHexString)];

    public static bool Has(this JsonElement c, string name) => c.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;
}
