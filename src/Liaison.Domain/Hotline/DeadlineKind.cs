namespace Liaison.Domain.Hotline;

/// <summary>Which of a message's deadlines an escalation or a miss is about.</summary>
public enum DeadlineKind
{
    /// <summary><c>acknowledgement</c>: every message must be acknowledged by each recipient party within its precedence's deadline.</summary>
    Acknowledgement,

    /// <summary><c>reply</c>: a request for explanation must be answered by each recipient party within <c>explanationReply</c>.</summary>
    Reply,
}

/// <summary>Deadline kind codes as written in <c>hotline.escalate</c> and <c>hotline.miss</c> entries.</summary>
public static class DeadlineKinds
{
    /// <summary>The code of a deadline kind.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public static string Code(this DeadlineKind kind) => kind switch
    {
        DeadlineKind.Acknowledgement => "acknowledgement",
        DeadlineKind.Reply => "reply",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a deadline kind."),
    };

    /// <summary>Parses a code exactly as written; false for anything else.</summary>
    public static bool TryParse(string? code, out DeadlineKind kind)
    {
        foreach (var candidate in (ReadOnlySpan<DeadlineKind>)[DeadlineKind.Acknowledgement, DeadlineKind.Reply])
        {
            if (string.Equals(candidate.Code(), code, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
