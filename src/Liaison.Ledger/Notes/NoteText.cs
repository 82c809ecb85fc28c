using System.Text;

namespace Liaison.Ledger.Notes;

/// <summary>The character rules of C2SP signed-note for key names and note text.</summary>
internal static class NoteText
{
    /// <summary>The separator between a note's text and its signatures: U+2014 EM DASH and a space start each signature line.</summary>
    public const string SignaturePrefix = "\u2014 ";

    /// <summary>Strict UTF-8: invalid bytes and unpaired surrogates throw instead of turning into U+FFFD.</summary>
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A key name is non-empty, well-formed Unicode with no spaces (any Unicode space), no '+' and no control characters.</summary>
    public static bool IsValidKeyName(string? name)
    {
        if (string.IsNullOrEmpty(name) || !IsWellFormed(name))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c == '+')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Note text is non-empty, ends in a newline, and holds no control character but the newline.</summary>
    public static bool IsValidText(string? text) =>
        !string.IsNullOrEmpty(text) && text[^1] == '\n' && IsWellFormed(text) && !HasControlCharacters(text);

    public static bool HasControlCharacters(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c < 0x20 && c != '\n')
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            text = text[consumed..];
        }

        return true;
    }
}
