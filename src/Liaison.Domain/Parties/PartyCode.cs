namespace Liaison.Domain.Parties;

/// <summary>
/// A party's code: 2 to 10 upper-case ASCII letters (<c>ISR</c>, <c>SYR</c>, <c>USA</c>, <c>UNDOF</c>).
/// <c>default(PartyCode)</c> has a null value and is never a valid code; use <see cref="TryParse"/> or the constructor.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(PartyCodeJsonConverter))]
public readonly record struct PartyCode
{
    /// <summary>Creates a code.</summary>
    /// <exception cref="ArgumentException">The text is not 2 to 10 upper-case ASCII letters.</exception>
    public PartyCode(string value)
    {
        if (!IsValid(value))
        {
            throw new ArgumentException($"A party code is 2 to 10 upper-case letters A-Z, not '{value}'.", nameof(value));
        }

        Value = value;
    }

    /// <summary>The code's text.</summary>
    public string Value { get; }

    /// <summary>True when <paramref name="value"/> is a well-formed code.</summary>
    public static bool IsValid(string? value) =>
        value is { Length: >= 2 and <= 10 } && value.All(c => c is >= 'A' and <= 'Z');

    /// <summary>Parses a code; false when it is not well formed.</summary>
    public static bool TryParse(string? value, out PartyCode code)
    {
        code = IsValid(value) ? new PartyCode(value!) : default;
        return code.Value is not null;
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
