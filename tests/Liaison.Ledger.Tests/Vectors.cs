using System.Collections.Concurrent;
using System.Text.Json;

namespace Liaison.Ledger.Tests;

/// <summary>The vector fixtures copied to the output directory, and theory data with one row per case id.</summary>
public static class Vectors
{
    private static readonly ConcurrentDictionary<string, JsonElement> Files = new(StringComparer.Ordinal);

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "vectors");

    public static JsonElement File(string relativePath) => Files.GetOrAdd(relativePath, path =>
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllBytes(Path.Combine(Directory, path)));
        return document.RootElement.Clone();
    });

    public static JsonElement Case(string relativePath, string id) =>
        File(relativePath).GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);

    public static TheoryData<string> Ids(string relativePath)
    {
        var data = new TheoryData<string>();
        foreach (var c in File(relativePath).GetProperty("cases").EnumerateArray())
        {
            data.Add(c.GetProperty("id").GetString()!);
        }

        return data;
    }
}
