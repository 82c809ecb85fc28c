using System.Globalization;
using System.Text;
using System.Text.Json;
using Liaison.Domain.Common;

namespace Liaison.Domain.Incidents;

/// <summary>
/// A named place: its English <see cref="Name"/>, Arabic name (<see cref="Arabic"/>, when known), spelling variants,
/// kind (<c>neighbourhood</c>, <c>populated-place</c>, <c>governorate-capital</c>, <c>district</c>, <c>governorate</c> …),
/// the place it lies in, the data set it comes from, and a point in WGS 84 longitude/latitude.
/// </summary>
public sealed record Place(string Name, string? Arabic, IReadOnlyList<string> Aliases, string Kind, string? Within, string Source, double Longitude, double Latitude)
{
    /// <summary>Every name of the place: English, Arabic, then the aliases.</summary>
    public IEnumerable<string> Names => Arabic is null ? [Name, .. Aliases] : [Name, Arabic, .. Aliases];
}

/// <summary>What a name matched: the places it names exactly (most specific first), or, when none, the nearest by spelling.</summary>
public sealed record PlaceLookup(IReadOnlyList<Place> Matches, IReadOnlyList<Place> Nearest)
{
    /// <summary>True when the name matched at least one place.</summary>
    public bool Found => Matches.Count > 0;
}

/// <summary>
/// Resolves place names, in English or Arabic, to points. Pure and immutable. A name matches a place when it equals one
/// of the place's names once both are normalised (<see cref="Normalise"/>): case, accents, Arabic diacritics and letter
/// variants, punctuation and a leading article (<c>al-</c>, <c>as-</c>, <c>ash-</c> …, <c>ال</c>) do not count, so
/// "sheikh maqsoud", "Ash-Sheikh Maqsoud" and "الشيخ مقصود" name the same neighbourhood. When nothing matches,
/// <see cref="Find"/> offers the places whose names are nearest by edit distance.
/// </summary>
public sealed class Gazetteer
{
    private static readonly string[] KindOrder =
        ["neighbourhood", "populated-place", "national-capital", "governorate-capital", "district-capital", "subdistrict-capital", "district", "governorate"];

    private static readonly string[] Articles = ["al", "el", "as", "ash", "ad", "ar", "at", "az", "an", "adh", "ath", "es", "ed", "er", "et", "ez", "en"];

    private static readonly Lazy<Gazetteer> Bundled = new(LoadBundled);

    private readonly List<Place> _places;
    private readonly Dictionary<string, List<Place>> _byName = new(StringComparer.Ordinal);
    private readonly List<(string Key, Place Place)> _keys = [];

    /// <summary>Creates a gazetteer of <paramref name="places"/>.</summary>
    public Gazetteer(IEnumerable<Place> places)
    {
        ArgumentNullException.ThrowIfNull(places);
        _places = [.. places];
        foreach (var place in _places)
        {
            foreach (var key in place.Names.Select(Normalise).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal))
            {
                if (!_byName.TryGetValue(key, out var list))
                {
                    _byName[key] = list = [];
                }

                list.Add(place);
                _keys.Add((key, place));
            }
        }
    }

    /// <summary>The gazetteer shipped with Liaison (OCHA, OpenSyria and GeoNames places; see its README).</summary>
    public static Gazetteer Default => Bundled.Value;

    /// <summary>How many places it holds.</summary>
    public int Count => _places.Count;

    /// <summary>
    /// The places <paramref name="name"/> names, most specific kind first (a neighbourhood before a town before a
    /// district before a governorate), then in data order; when none, up to <paramref name="nearest"/> places whose
    /// names are nearest by edit distance (distinct names, closest first).
    /// </summary>
    public PlaceLookup Find(string name, int nearest = 5)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = Normalise(name);
        if (key.Length > 0 && _byName.TryGetValue(key, out var matches))
        {
            return new PlaceLookup([.. matches.Distinct().OrderBy(p => Rank(p.Kind))], []);
        }

        if (key.Length == 0 || nearest <= 0)
        {
            return new PlaceLookup([], []);
        }

        var best = new Dictionary<Place, int>();
        foreach (var (candidate, place) in _keys)
        {
            var distance = EditDistance(key, candidate);
            if (!best.TryGetValue(place, out var known) || distance < known)
            {
                best[place] = distance;
            }
        }

        var offered = best.OrderBy(kv => kv.Value).ThenBy(kv => Rank(kv.Key.Kind)).ThenBy(kv => kv.Key.Name, StringComparer.Ordinal)
            .Select(kv => kv.Key).DistinctBy(p => p.Name, StringComparer.Ordinal).Take(nearest).ToList();
        return new PlaceLookup([], offered);
    }

    /// <summary>
    /// The form names are compared in: decomposed, without combining marks (accents, Arabic short vowels), lower case;
    /// Arabic alef, yeh and teh marbuta variants folded; apostrophes and similar signs dropped; other punctuation a space;
    /// a leading article removed (<c>al-</c>, <c>ash-</c>, … or the prefix <c>ال</c>); single spaces between words.
    /// </summary>
    public static string Normalise(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
                || c is '\'' or '’' or '‘' or 'ʼ' or 'ʻ' or '`' or '´' or 'ʿ' or 'ʾ' or 'ـ')
            {
                continue;
            }

            builder.Append(c switch
            {
                'أ' or 'إ' or 'آ' or 'ٱ' => 'ا',
                'ى' => 'ي',
                'ة' => 'ه',
                'ı' => 'i',
                _ when char.IsLetterOrDigit(c) => char.ToLowerInvariant(c),
                _ => ' ',
            });
        }

        var words = builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 1 && Articles.Contains(words[0], StringComparer.Ordinal))
        {
            words.RemoveAt(0);
        }

        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].Length > 3 && words[i].StartsWith("ال", StringComparison.Ordinal))
            {
                words[i] = words[i][2..];
            }
        }

        return string.Join(' ', words);
    }

    /// <summary>Levenshtein distance: the fewest single-character insertions, deletions and substitutions from one to the other.</summary>
    public static int EditDistance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
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

    /// <summary>
    /// Reads a gazetteer document: a JSON array of <c>{name, ar?, aliases?, kind, within?, source, point:[lon, lat]}</c>.
    /// Fails (<c>gazetteer-invalid</c>) naming the first bad item.
    /// </summary>
    public static Result<Gazetteer> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return Invalid("the document is not a JSON array");
        }

        var places = new List<Place>();
        var index = 0;
        foreach (var item in document.RootElement.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || String(item, "name") is not { } name || String(item, "kind") is not { } kind || String(item, "source") is not { } source
                || !item.TryGetProperty("point", out var point) || point.ValueKind != JsonValueKind.Array || point.GetArrayLength() != 2
                || !point[0].TryGetDouble(out var lon) || !point[1].TryGetDouble(out var lat) || lon is < -180 or > 180 || lat is < -90 or > 90)
            {
                return Invalid($"item {index} needs name, kind, source and point [lon, lat]");
            }

            var aliases = item.TryGetProperty("aliases", out var array) && array.ValueKind == JsonValueKind.Array
                ? array.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!).ToList()
                : [];
            places.Add(new Place(name, String(item, "ar"), aliases, kind, String(item, "within"), source, lon, lat));
            index++;
        }

        return new Gazetteer(places);
    }

    private static string? String(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()) ? value.GetString() : null;

    private static Error Invalid(string why) => new Error.Validation("gazetteer-invalid", $"The gazetteer is not valid: {why}.");

    private static int Rank(string kind)
    {
        var at = Array.IndexOf(KindOrder, kind);
        return at < 0 ? KindOrder.Length : at;
    }

    private static Gazetteer LoadBundled()
    {
        using var stream = typeof(Gazetteer).Assembly.GetManifestResourceStream("Liaison.Domain.Incidents.Gazetteer.places.json")
            ?? throw new InvalidOperationException("The bundled gazetteer (places.json) is missing from Liaison.Domain.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var parsed = Parse(reader.ReadToEnd());
        return parsed.IsSuccess ? parsed.Value : throw new InvalidOperationException(parsed.Error.Detail);
    }
}
