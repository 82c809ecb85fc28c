namespace Liaison.Domain.Hotline;

/// <summary>
/// The half-open interval <c>[Start, End)</c> in which a notified activity takes place: <see cref="End"/> is the first
/// instant after it, so two back-to-back activities do not overlap. <see cref="Start"/> is strictly before <see cref="End"/>.
/// <c>default(ActivityWindow)</c> is the empty window at <see cref="DateTimeOffset.MinValue"/> and never comes out of parsing.
/// </summary>
public readonly record struct ActivityWindow
{
    /// <summary>Creates a window.</summary>
    /// <exception cref="ArgumentException"><paramref name="end"/> is not after <paramref name="start"/>.</exception>
    public ActivityWindow(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
        {
            throw new ArgumentException($"A window ends after it starts; {end:O} is not after {start:O}.", nameof(end));
        }

        Start = start;
        End = end;
    }

    /// <summary>The first instant in the window (inclusive), with the offset the author wrote.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The first instant after the window (exclusive), with the offset the author wrote.</summary>
    public DateTimeOffset End { get; }

    /// <summary>True when <paramref name="instant"/> is in <c>[Start, End)</c>.</summary>
    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>True when the two windows share an instant (back-to-back windows do not).</summary>
    public bool Overlaps(ActivityWindow other) => Start < other.End && other.Start < End;
}
