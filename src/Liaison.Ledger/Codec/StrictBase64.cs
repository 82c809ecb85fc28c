namespace Liaison.Ledger.Codec;

/// <summary>
/// Standard base64 (RFC 4648 section 4) with padding, decoded without the leniency of <see cref="Convert"/>:
/// no whitespace, no missing or extra padding, no characters outside the alphabet.
/// </summary>
internal static class StrictBase64
{
    /// <summary>
    /// Decodes <paramref name="text"/>. With <paramref name="canonical"/> the unused low bits of the last
    /// character must be zero, so each byte string has exactly one accepted encoding.
    /// </summary>
    public static byte[]? Decode(ReadOnlySpan<char> text, bool canonical)
    {
        if (text.Length == 0 || text.Length % 4 != 0)
        {
            return text.Length == 0 ? [] : null;
        }

        var padding = text[^1] == '=' ? (text[^2] == '=' ? 2 : 1) : 0;
        for (var i = 0; i < text.Length - padding; i++)
        {
            if (!IsAlphabet(text[i]))
            {
                return null;
            }
        }

        var bytes = new byte[(text.Length / 4 * 3) - padding];
        if (!Convert.TryFromBase64Chars(text, bytes, out var written) || written != bytes.Length)
        {
            return null;
        }

        if (canonical && padding > 0)
        {
            var last = Value(text[^(padding + 1)]);
            var unusedBits = padding == 1 ? 0b11 : 0b1111;
            if ((last & unusedBits) != 0)
            {
                return null;
            }
        }

        return bytes;
    }

    private static bool IsAlphabet(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/';

    private static int Value(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '+' => 62,
        _ => 63,
    };
}
