namespace Liaison.Domain.Disputes;

/// <summary>The rungs of a dispute's escalation ladder, in order. Codes: <see cref="DisputeCodes"/>.</summary>
public enum DisputeLevel
{
    /// <summary>The liaison officers of both sides (<c>working</c>); every dispute starts here.</summary>
    Working,

    /// <summary>The sides' senior officers (<c>senior</c>).</summary>
    Senior,

    /// <summary>The convener (<c>convener</c>), the last rung.</summary>
    Convener,
}

/// <summary>What the convener found (<c>substantiated</c>, <c>unsubstantiated</c>, <c>inconclusive</c>).</summary>
public enum DisputeOutcome
{
    /// <summary>The breach is established.</summary>
    Substantiated,

    /// <summary>The breach is not established.</summary>
    Unsubstantiated,

    /// <summary>The evidence does not decide it.</summary>
    Inconclusive,
}

/// <summary>Codes of levels and outcomes as written in entries and the API.</summary>
public static class DisputeCodes
{
    /// <summary>The code of a level.</summary>
    public static string Code(this DisputeLevel level) => level switch
    {
        DisputeLevel.Working => "working",
        DisputeLevel.Senior => "senior",
        DisputeLevel.Convener => "convener",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Not a dispute level."),
    };

    /// <summary>The code of an outcome.</summary>
    public static string Code(this DisputeOutcome outcome) => outcome switch
    {
        DisputeOutcome.Substantiated => "substantiated",
        DisputeOutcome.Unsubstantiated => "unsubstantiated",
        DisputeOutcome.Inconclusive => "inconclusive",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a dispute outcome."),
    };

    /// <summary>The next rung, or null at the convener.</summary>
    public static DisputeLevel? Next(this DisputeLevel level) => level == DisputeLevel.Convener ? null : level + 1;

    /// <summary>Parses a level code.</summary>
    public static bool TryParseLevel(string? code, out DisputeLevel level) => TryParse(code, Enum.GetValues<DisputeLevel>(), Code, out level);

    /// <summary>Parses an outcome code.</summary>
    public static bool TryParseOutcome(string? code, out DisputeOutcome outcome) => TryParse(code, Enum.GetValues<DisputeOutcome>(), Code, out outcome);

    private static bool TryParse<T>(string? code, T[] all, Func<T, string> codeOf, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in all)
        {
            if (string.Equals(codeOf(candidate), code, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
