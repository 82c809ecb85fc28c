using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Liaison.Domain.Tests.Mechanism;

/// <summary>The repository's configuration folder, and a small valid configuration to break in tests.</summary>
internal static partial class ConfigFixtures
{
    /// <summary>
    /// Two parties, a convener that sees everything and an observer that may address only the convener.
    /// Valid as it stands; tests change one thing at a time with <see cref="With"/>.
    /// </summary>
    public const string Minimal = """
        {
          "id": "aaa-bbb",
          "name": "AAA–BBB test mechanism",
          "parties": [
            { "code": "AAA", "name": "Alpha", "kind": "party", "mayAddress": ["BBB", "CON"], "languages": ["en"] },
            { "code": "BBB", "name": "Beta", "kind": "party", "mayAddress": ["AAA", "CON"], "languages": ["ar", "en"] },
            { "code": "CON", "name": "Convener", "kind": "convener", "mayAddress": ["AAA", "BBB", "OBS"], "languages": ["en"] },
            { "code": "OBS", "name": "Observer", "kind": "observer", "mayAddress": ["CON"], "languages": ["en"] }
          ],
          "tracks": [ { "code": "security", "name": "Security and de-escalation" } ],
          "channels": [ { "code": "aaa-bbb-security", "track": "security", "parties": ["AAA", "BBB"], "observers": ["CON"] } ]
        }
        """;

    /// <summary>A zone whose source exists in the repository's config folder.</summary>
    public const string ValidZone = """{ "code": "aos", "name": "Area of Separation", "kind": "prohibited", "source": "zones/ne_undof_zone.geojson" }""";

    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The repository's <c>config</c> folder.</summary>
    public static string ConfigDirectory => Path.Combine(Root.Value, "config");

    /// <summary>The demo configuration file.</summary>
    public static string DemoPath => Path.Combine(ConfigDirectory, "israel-syria.json");

    /// <summary>
    /// <paramref name="json"/> with the value at <paramref name="target"/> (e.g. <c>parties[2].kind</c>) replaced by
    /// <paramref name="valueJson"/>, added when absent (an index one past the end appends), or removed when <paramref name="valueJson"/> is null.
    /// </summary>
    public static string With(string json, string target, string? valueJson)
    {
        var root = JsonNode.Parse(json)!;
        var steps = Step().Matches(target).Select(m => m.Value).ToList();
        var parent = root;
        foreach (var step in steps[..^1])
        {
            parent = step.StartsWith('[') ? parent[int.Parse(step[1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : parent[step]!;
        }

        var last = steps[^1];
        var value = valueJson is null ? null : JsonNode.Parse(valueJson);
        if (last.StartsWith('['))
        {
            var index = int.Parse(last[1..^1], System.Globalization.CultureInfo.InvariantCulture);
            if (value is null)
            {
                parent.AsArray().RemoveAt(index);
            }
            else if (index == parent.AsArray().Count)
            {
                parent.AsArray().Add(value);
            }
            else
            {
                parent[index] = value;
            }
        }
        else if (value is null)
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent[last] = value;
        }

        return root.ToJsonString();
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Liaison.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No directory above {AppContext.BaseDirectory} holds Liaison.slnx.");
    }

    [GeneratedRegex(@"[^.\[\]]+|\[\d+\]")]
    private static partial Regex Step();
}
