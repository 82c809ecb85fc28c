using System.Globalization;

namespace Liaison.Ledger.Codec;

/// <summary>ASCII decimal numbers as C2SP formats write them: digits only, no sign, no leading zeroes.</summary>
internal static class DecimalText
{
    public static ulong? ParseUInt64(ReadOnlySpan<char> text)
    {
        if (text.Length == 0 || (text.Length > 1 && text[0] == '0'))
        {
            return null;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return null;
            }
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    public static long? ParseInt64(ReadOnlySpan<char> text) => ParseUInt64(text) is { } value && value <= long.MaxValue ? (long)value : null;

    public static string Format(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
