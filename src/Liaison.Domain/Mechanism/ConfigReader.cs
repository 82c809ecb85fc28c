using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Mechanism;

/// <summary>Reads one value at a JSON path; false (with the problem reported) when it is missing or wrong.</summary>
internal delegate bool ReadValue<T>(JsonElement element, string path, [MaybeNullWhen(false)] out T value);

/// <summary>
/// Typed reads of a <see cref="JsonElement"/> tree that report every problem, with its JSON path, instead of
/// stopping at the first. Not thread-safe: one reader per parse.
/// </summary>
internal sealed partial class ConfigReader(string file)
{
    private readonly List<ConfigProblem> _problems = [];

    public IReadOnlyList<ConfigProblem> Problems => _problems;

    public void Report(string path, string message) => _problems.Add(new ConfigProblem(file, path, message));

    /// <summary>The path of a property: <c>$.a.b</c>, or <c>$['odd name']</c> when the name is not a plain identifier.</summary>
    public static string Child(string path, string name) =>
        PlainName().IsMatch(name) ? $"{path}.{name}" : $"{path}['{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Index(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>Opens an object whose only allowed properties are <paramref name="allowed"/>; unknown and repeated properties are reported.</summary>
    public JsonObjectReader? Object(JsonElement element, string path, params string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Report(path, $"expected an object, found {Describe(element)}");
            return null;
        }

        return new JsonObjectReader(this, element, path, allowed);
    }

    /// <summary>A non-blank string.</summary>
    public bool Text(JsonElement element, string path, [MaybeNullWhen(false)] out string value)
    {
        value = null;
        if (element.ValueKind != JsonValueKind.String)
        {
            Report(path, $"expected a string, found {Describe(element)}");
            return false;
        }

        var text = element.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            Report(path, "must not be empty");
            return false;
        }

        value = text;
        return true;
    }

    /// <summary>A lower-case code: letters a-z and digits in groups joined by single hyphens.</summary>
    public bool Slug(JsonElement element, string path, [MaybeNullWhen(false)] out string value)
    {
        if (!Text(element, path, out value))
        {
            return false;
        }

        if (!SlugPattern().IsMatch(value))
        {
            Report(path, $"'{value}' is not a lower-case code (letters a-z and digits, words joined by single hyphens, e.g. 'isr-syr')");
            value = null;
            return false;
        }

        return true;
    }

    /// <summary>A well-formed party code (not checked against the parties).</summary>
    public bool PartyCodeFormat(JsonElement element, string path, out PartyCode value)
    {
        value = default;
        if (!Text(element, path, out var text))
        {
            return false;
        }

        if (!PartyCode.TryParse(text, out value))
        {
            Report(path, $"'{text}' is not a party code (2 to 10 upper-case letters A-Z, e.g. 'ISR')");
            return false;
        }

        return true;
    }

    /// <summary>A positive ISO 8601 duration of fixed length.</summary>
    public bool Duration(JsonElement element, string path, out TimeSpan value)
    {
        value = default;
        if (!Text(element, path, out var text))
        {
            return false;
        }

        if (!IsoDuration.TryParse(text, out value))
        {
            var datePart = text.Split('T')[0];
            var why = datePart.StartsWith('P') && (datePart.Contains('Y', StringComparison.Ordinal) || datePart.Contains('M', StringComparison.Ordinal))
                ? "; years and months are not allowed because their length varies, use weeks or days"
                : string.Empty;
            Report(path, $"'{text}' is not an ISO 8601 duration such as 'PT5M', 'PT48H' or 'P15D'{why}");
            return false;
        }

        if (value <= TimeSpan.Zero)
        {
            Report(path, $"'{text}' must be longer than zero");
            return false;
        }

        return true;
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public bool Integer(JsonElement element, string path, int min, int max, out int value)
    {
        value = default;
        if (element.ValueKind != JsonValueKind.Number)
        {
            Report(path, $"expected a number, found {Describe(element)}");
            return false;
        }

        if (!element.TryGetInt32(out value) || value < min || value > max)
        {
            Report(path, string.Create(CultureInfo.InvariantCulture, $"{element.GetRawText()} is not a whole number from {min} to {max}"));
            return false;
        }

        return true;
    }

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public bool Number(JsonElement element, string path, double min, double max, out double value)
    {
        value = default;
        if (element.ValueKind != JsonValueKind.Number)
        {
            Report(path, $"expected a number, found {Describe(element)}");
            return false;
        }

        if (!element.TryGetDouble(out value) || !double.IsFinite(value) || value < min || value > max)
        {
            Report(path, string.Create(CultureInfo.InvariantCulture, $"{element.GetRawText()} is not a number from {min} to {max}"));
            return false;
        }

        return true;
    }

    public bool Boolean(JsonElement element, string path, out bool value)
    {
        value = element.ValueKind == JsonValueKind.True;
        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Report(path, $"expected true or false, found {Describe(element)}");
            return false;
        }

        return true;
    }

    /// <summary>One of a fixed set of codes; the message lists them.</summary>
    public bool Choice<T>(JsonElement element, string path, IReadOnlyList<(string Code, T Value)> choices, [MaybeNullWhen(false)] out T value)
    {
        value = default;
        if (!Text(element, path, out var text))
        {
            return false;
        }

        foreach (var (code, candidate) in choices)
        {
            if (string.Equals(code, text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        Report(path, $"'{text}' is not allowed; expected one of: {string.Join(", ", choices.Select(c => c.Code))}");
        return false;
    }

    /// <summary>
    /// An array read item by item; <paramref name="items"/> holds the items that were read. True only when it is an
    /// array and every item was read, so callers can skip checks that would repeat a reported problem.
    /// With <paramref name="distinct"/>, an item equal to an earlier one is reported and dropped.
    /// </summary>
    public bool List<T>(JsonElement element, string path, ReadValue<T> readItem, out IReadOnlyList<T> items, int minCount = 0, bool distinct = false)
    {
        items = [];
        if (element.ValueKind != JsonValueKind.Array)
        {
            Report(path, $"expected an array, found {Describe(element)}");
            return false;
        }

        var read = new List<T>();
        var allRead = true;
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = Index(path, index);
            if (readItem(item, itemPath, out var value))
            {
                if (distinct && read.Contains(value))
                {
                    Report(itemPath, $"{item.GetRawText()} is listed more than once");
                    allRead = false;
                }
                else
                {
                    read.Add(value);
                }
            }
            else
            {
                allRead = false;
            }

            index++;
        }

        items = [.. read];
        if (allRead && read.Count < minCount)
        {
            Report(path, minCount == 1 ? "must not be empty" : string.Create(CultureInfo.InvariantCulture, $"needs at least {minCount} items, found {read.Count}"));
            return false;
        }

        return allRead;
    }

    /// <summary>A reader of an array of <paramref name="item"/>, for <see cref="JsonObjectReader.Required{T}"/> and friends.</summary>
    public ReadValue<IReadOnlyList<T>> ListOf<T>(ReadValue<T> item, int minCount = 0, bool distinct = false) =>
        (JsonElement element, string path, [MaybeNullWhen(false)] out IReadOnlyList<T> items) => List(element, path, item, out items, minCount, distinct);

    /// <summary>A reader of one of a fixed set of codes.</summary>
    public ReadValue<T> ChoiceOf<T>(IReadOnlyList<(string Code, T Value)> choices) =>
        (JsonElement element, string path, [MaybeNullWhen(false)] out T value) => Choice(element, path, choices, out value);

    /// <summary>A "did you mean" hint for a mistyped name: the allowed name at edit distance 2 or less, or differing only in case.</summary>
    public static string? Closest(string name, IEnumerable<string> allowed)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in allowed)
        {
            var distance = string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase) ? 0 : EditDistance(name, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= 2 ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PlainName();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}

/// <summary>The properties of one JSON object, limited to a declared set.</summary>
internal sealed class JsonObjectReader
{
    private readonly ConfigReader _reader;
    private readonly JsonElement _element;
    private readonly string[] _allowed;

    public JsonObjectReader(ConfigReader reader, JsonElement element, string path, string[] allowed)
    {
        _reader = reader;
        _element = element;
        _allowed = allowed;
        Path = path;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var propertyPath = ConfigReader.Child(path, property.Name);
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                var hint = ConfigReader.Closest(property.Name, allowed) is { } closest ? $" (did you mean '{closest}'?)" : string.Empty;
                reader.Report(propertyPath, $"unknown property '{property.Name}'{hint}; allowed: {string.Join(", ", allowed)}");
            }
            else if (!seen.Add(property.Name))
            {
                reader.Report(propertyPath, $"property '{property.Name}' appears more than once");
            }
        }
    }

    public string Path { get; }

    public string PathOf(string name) => ConfigReader.Child(Path, name);

    /// <summary>True when the property is present (whatever its value).</summary>
    public bool Has(string name) => Get(name, out _);

    /// <summary>Reads a property that must be present.</summary>
    public bool Required<T>(string name, ReadValue<T> read, [MaybeNullWhen(false)] out T value)
    {
        if (!Get(name, out var element))
        {
            _reader.Report(PathOf(name), "required property is missing");
            value = default;
            return false;
        }

        return read(element, PathOf(name), out value);
    }

    /// <summary>Reads a property that may be absent; false when it is absent or wrong.</summary>
    public bool Optional<T>(string name, ReadValue<T> read, [MaybeNullWhen(false)] out T value)
    {
        value = default;
        return Get(name, out var element) && read(element, PathOf(name), out value);
    }

    /// <summary>Reads a property that may be absent; <paramref name="fallback"/> when it is absent or wrong.</summary>
    public T Optional<T>(string name, ReadValue<T> read, T fallback) => Optional(name, read, out var value) ? value : fallback;

    private bool Get(string name, out JsonElement element)
    {
        if (!_allowed.Contains(name, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"Property '{name}' is read but not declared for {Path}.");
        }

        return _element.TryGetProperty(name, out element);
    }
}
