using System.Text.Json.Serialization;
using Liaison.Domain.Mechanism;

namespace Liaison.Domain.Hotline;

/// <summary>
/// How urgent a hotline message is, most urgent first. The order of the values is the order of urgency:
/// <see cref="Flash"/> &lt; <see cref="Immediate"/> &lt; <see cref="Priority"/> &lt; <see cref="Routine"/>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<Precedence>))]
public enum Precedence
{
    /// <summary>FLASH: imminent danger to life or of escalation (default acknowledgement deadline 5 min).</summary>
    [JsonStringEnumMemberName("FLASH")]
    Flash,

    /// <summary>IMMEDIATE (default 30 min).</summary>
    [JsonStringEnumMemberName("IMMEDIATE")]
    Immediate,

    /// <summary>PRIORITY (default 3 h).</summary>
    [JsonStringEnumMemberName("PRIORITY")]
    Priority,

    /// <summary>ROUTINE (default 24 h).</summary>
    [JsonStringEnumMemberName("ROUTINE")]
    Routine,
}

/// <summary>Precedence codes as written in entries (<c>FLASH</c>, <c>IMMEDIATE</c>, <c>PRIORITY</c>, <c>ROUTINE</c>) and their deadlines.</summary>
public static class Precedences
{
    /// <summary>Every precedence, most urgent first.</summary>
    public static IReadOnlyList<Precedence> All { get; } = [Precedence.Flash, Precedence.Immediate, Precedence.Priority, Precedence.Routine];

    /// <summary>The code of a precedence, upper case as in entries.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="precedence"/> is not a defined value.</exception>
    public static string Code(this Precedence precedence) => precedence switch
    {
        Precedence.Flash => "FLASH",
        Precedence.Immediate => "IMMEDIATE",
        Precedence.Priority => "PRIORITY",
        Precedence.Routine => "ROUTINE",
        _ => throw new ArgumentOutOfRangeException(nameof(precedence), precedence, "Not a precedence."),
    };

    /// <summary>Parses a code exactly as written (upper case); false for anything else.</summary>
    public static bool TryParse(string? code, out Precedence precedence)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Code(), code, StringComparison.Ordinal))
            {
                precedence = candidate;
                return true;
            }
        }

        precedence = default;
        return false;
    }

    /// <summary>How long the addressee has to acknowledge a message of <paramref name="precedence"/> (always positive).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="precedence"/> is not a defined value.</exception>
    public static TimeSpan For(this AcknowledgementDeadlines deadlines, Precedence precedence)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        return precedence switch
        {
            Precedence.Flash => deadlines.Flash,
            Precedence.Immediate => deadlines.Immediate,
            Precedence.Priority => deadlines.Priority,
            Precedence.Routine => deadlines.Routine,
            _ => throw new ArgumentOutOfRangeException(nameof(precedence), precedence, "Not a precedence."),
        };
    }
}
