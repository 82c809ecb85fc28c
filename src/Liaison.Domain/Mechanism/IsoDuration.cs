using System.Globalization;
using System.Text;

namespace Liaison.Domain.Mechanism;

/// <summary>
/// ISO 8601 durations of fixed length: <c>PnW</c>, <c>PnD</c>, <c>PTnH</c>, <c>PTnM</c>, <c>PTn[.f]S</c> and their
/// combinations in that order (<c>P1DT12H</c>, <c>PT1.5S</c>). Years and months are refused because their length
/// varies; so are negative durations and fractions on any unit but seconds. A day is exactly 24 hours.
/// </summary>
public static class IsoDuration
{
    private static readonly (char Designator, long TicksPerUnit)[] DateUnits = [('W', TimeSpan.TicksPerDay * 7), ('D', TimeSpan.TicksPerDay)];
    private static readonly (char Designator, long TicksPerUnit)[] TimeUnits = [('H', TimeSpan.TicksPerHour), ('M', TimeSpan.TicksPerMinute), ('S', TimeSpan.TicksPerSecond)];

    /// <summary>Parses a duration; false when <paramref name="text"/> is not one of the accepted forms or overflows <see cref="TimeSpan"/>.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (text is not { Length: >= 3 } || text[0] != 'P')
        {
            return false;
        }

        var position = 1;
        var components = 0;
        long ticks = 0;
        try
        {
            if (!ReadUnits(text, ref position, DateUnits, ref ticks, ref components))
            {
                return false;
            }

            if (position < text.Length && text[position] == 'T')
            {
                position++;
                var timeComponents = 0;
                if (!ReadUnits(text, ref position, TimeUnits, ref ticks, ref timeComponents) || timeComponents == 0)
                {
                    return false;
                }

                components += timeComponents;
            }
        }
        catch (OverflowException)
        {
            return false;
        }

        if (position != text.Length || components == 0)
        {
            return false;
        }

        duration = TimeSpan.FromTicks(ticks);
        return true;
    }

    /// <summary>Parses a duration.</summary>
    /// <exception cref="FormatException"><paramref name="text"/> is not an accepted duration.</exception>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration) ? duration : throw new FormatException($"'{text}' is not an ISO 8601 duration of fixed length such as PT5M or P15D.");

    /// <summary>Formats a duration in the shortest accepted form: <c>P15D</c>, <c>PT5M</c>, <c>P1DT2H</c>, <c>PT0S</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative.</exception>
    public static string Format(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        if (duration == TimeSpan.Zero)
        {
            return "PT0S";
        }

        var text = new StringBuilder("P");
        if (duration.Days > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{duration.Days}D");
        }

        var subSecondTicks = duration.Ticks % TimeSpan.TicksPerSecond;
        if (duration.Hours > 0 || duration.Minutes > 0 || duration.Seconds > 0 || subSecondTicks > 0)
        {
            text.Append('T');
            if (duration.Hours > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{duration.Hours}H");
            }

            if (duration.Minutes > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{duration.Minutes}M");
            }

            if (duration.Seconds > 0 || subSecondTicks > 0)
            {
                var seconds = duration.Seconds + (subSecondTicks / (decimal)TimeSpan.TicksPerSecond);
                text.Append(CultureInfo.InvariantCulture, $"{seconds:0.#######}S");
            }
        }

        return text.ToString();
    }

    private static bool ReadUnits(string text, ref int position, (char Designator, long TicksPerUnit)[] units, ref long ticks, ref int components)
    {
        var next = 0;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            var start = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            var fractionStart = -1;
            if (position < text.Length && text[position] is '.' or ',')
            {
                fractionStart = position + 1;
                position++;
                while (position < text.Length && char.IsAsciiDigit(text[position]))
                {
                    position++;
                }

                if (position == fractionStart)
                {
                    return false;
                }
            }

            if (position >= text.Length)
            {
                return false;
            }

            var designator = text[position];
            var unit = Array.FindIndex(units, next, u => u.Designator == designator);
            if (unit < 0)
            {
                return false;
            }

            var isSeconds = units[unit].Designator == 'S' && ReferenceEquals(units, TimeUnits);
            if (fractionStart >= 0 && !isSeconds)
            {
                return false;
            }

            var wholeEnd = fractionStart >= 0 ? fractionStart - 1 : position;
            var whole = long.Parse(text.AsSpan(start, wholeEnd - start), NumberStyles.None, CultureInfo.InvariantCulture);
            ticks = checked(ticks + checked(whole * units[unit].TicksPerUnit));
            if (fractionStart >= 0)
            {
                var digits = text.AsSpan(fractionStart, Math.Min(position - fractionStart, 7));
                var fractionTicks = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
                for (var i = digits.Length; i < 7; i++)
                {
                    fractionTicks *= 10;
                }

                ticks = checked(ticks + fractionTicks);
            }

            position++;
            components++;
            next = unit + 1;
        }

        return true;
    }
}
