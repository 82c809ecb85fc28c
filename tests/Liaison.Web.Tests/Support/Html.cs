using System.Net;
using System.Text.RegularExpressions;

namespace Liaison.Web.Tests.Support;

/// <summary>Just enough HTML reading for the sign-in pages: a form's fields, and the text of elements by attribute.</summary>
internal static partial class Html
{
    /// <summary>
    /// The named input fields of the first <c>method="post"</c> form (with this <c>action</c>, when given), values decoded
    /// (the antiforgery token among them).
    /// </summary>
    public static Dictionary<string, string> PostFormFields(string html, string? action = null)
    {
        var form = FormPattern().Matches(html).FirstOrDefault(f =>
            {
                var attributes = Attributes(f.Groups["attrs"].Value);
                return attributes.GetValueOrDefault("method")?.Equals("post", StringComparison.OrdinalIgnoreCase) == true
                    && (action is null || attributes.GetValueOrDefault("action") == action);
            })
            ?? throw new InvalidOperationException(action is null ? "The page has no post form." : $"The page has no post form to {action}.");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputPattern().Matches(form.Groups["body"].Value))
        {
            var attributes = Attributes(input.Groups["attrs"].Value);
            if (attributes.TryGetValue("name", out var name))
            {
                fields[name] = attributes.GetValueOrDefault("value") ?? string.Empty;
            }
        }

        return fields;
    }

    /// <summary>A form post of <paramref name="fields"/> with some values set.</summary>
    public static FormUrlEncodedContent Post(Dictionary<string, string> fields, params (string Name, string Value)[] values)
    {
        var content = new Dictionary<string, string>(fields, StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            content[name] = value;
        }

        return new FormUrlEncodedContent(content);
    }

    /// <summary>The decoded text of every element carrying <c>dir="auto"</c>.</summary>
    public static IReadOnlyList<string> DirAutoTexts(string html) =>
        DirAutoPattern().Matches(html).Select(m => WebUtility.HtmlDecode(TagPattern().Replace(m.Groups["text"].Value, string.Empty)).Trim()).ToList();

    /// <summary>The page's text without tags, character references decoded and white space collapsed, for plain searches.</summary>
    public static string Text(string html) =>
        SpacePattern().Replace(WebUtility.HtmlDecode(TagPattern().Replace(html, " ")), " ").Replace(" )", ")", StringComparison.Ordinal).Replace("( ", "(", StringComparison.Ordinal);

    private static Dictionary<string, string> Attributes(string text) =>
        AttributePattern().Matches(text).ToDictionary(a => a.Groups["name"].Value, a => WebUtility.HtmlDecode(a.Groups["value"].Value), StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex("<form\\b(?<attrs>[^>]*)>(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input\\b(?<attrs>[^>]*)>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InputPattern();

    [GeneratedRegex("(?<name>[A-Za-z_:][-A-Za-z0-9_:.]*)\\s*=\\s*\"(?<value>[^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex AttributePattern();

    [GeneratedRegex("<(?<tag>[a-z][a-z0-9]*)\\b[^>]*\\bdir=\"auto\"[^>]*>(?<text>.*?)</\\k<tag>>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DirAutoPattern();

    [GeneratedRegex("\\s+", RegexOptions.CultureInvariant)]
    private static partial Regex SpacePattern();

    [GeneratedRegex("<[^>]+>", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
