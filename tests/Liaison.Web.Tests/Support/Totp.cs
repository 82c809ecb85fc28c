using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Liaison.Web.Tests.Support;

/// <summary>
/// RFC 6238 time-based one-time codes as authenticator apps make them: HMAC-SHA1 over the base32-decoded key,
/// 30-second steps from the Unix epoch, 6 digits. Written here so the tests do not reuse the code under test.
/// </summary>
internal static class Totp
{
    public const int StepSeconds = 30;

    /// <summary>The 6-digit code for <paramref name="base32Key"/> at <paramref name="time"/>.</summary>
    public static string Code(string base32Key, DateTimeOffset time) => Code(Base32Decode(base32Key), time.ToUnixTimeSeconds() / StepSeconds);

    /// <summary>The 6-digit code for a raw key and a step counter (RFC 4226 HOTP).</summary>
    public static string Code(byte[] key, long counter)
    {
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
        var hash = HMACSHA1.HashData(key, message);
        var offset = hash[^1] & 0x0F;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7FFFFFFF;
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 base32 (A–Z, 2–7); case, spaces and padding are ignored, as authenticator apps do.</summary>
    public static byte[] Base32Decode(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new List<byte>(text.Length * 5 / 8);
        var buffer = 0;
        var bits = 0;
        foreach (var c in text.ToUpperInvariant())
        {
            if (c is ' ' or '=')
            {
                continue;
            }

            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not a base32 character.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. output];
    }
}
