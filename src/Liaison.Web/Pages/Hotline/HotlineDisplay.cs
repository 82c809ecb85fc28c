using System.Globalization;
using Liaison.Domain.Parties;

namespace Liaison.Web.Pages.Hotline;

/// <summary>How the hotline pages write times and spans: always UTC, invariant digits, the same in every browser.</summary>
public static class HotlineDisplay
{
    /// <summary>The machine-readable form of an instant, for <c>datetime</c> and <c>data-deadline</c> attributes.</summary>
    public static string Iso(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>An instant as people read it, in UTC: <c>2026-01-06 09:05:00 UTC</c>.</summary>
    public static string Utc(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>
    /// The time left until <paramref name="deadline"/> at <paramref name="now"/>, as <c>hotline.js</c> writes it every
    /// second: <c>4:59 left</c>, <c>2 h 59:59 left</c>, <c>1 d 23:59:59 left</c>, or from the deadline instant on (which is
    /// already late) <c>overdue 0:00</c>.
    /// </summary>
    public static string Countdown(DateTimeOffset deadline, DateTimeOffset now)
    {
        var left = deadline - now;
        var overdue = left <= TimeSpan.Zero;
        var total = (long)Math.Floor(Math.Abs(left.TotalSeconds));
        var (days, hours, minutes, seconds) = (total / 86_400, total / 3_600 % 24, total / 60 % 60, total % 60);
        var text = days > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{days} d {hours:00}:{minutes:00}:{seconds:00}")
            : hours > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{hours} h {minutes:00}:{seconds:00}")
                : string.Create(CultureInfo.InvariantCulture, $"{minutes}:{seconds:00}");
        return overdue ? "overdue " + text : text + " left";
    }

    /// <summary>The CSS class of a precedence code: <c>prec-flash</c>, <c>prec-immediate</c>, <c>prec-priority</c>, <c>prec-routine</c>.</summary>
    public static string PrecedenceClass(string precedence) => "prec-" + precedence.ToLowerInvariant();

    /// <summary>The CLI command that acknowledges message <paramref name="seq"/>, signed with the user's key.</summary>
    public static string AckCommand(long seq) => string.Create(CultureInfo.InvariantCulture, $"liaison ack {seq}");

    /// <summary>A file size as people read it: <c>512 bytes</c>, <c>1.5 KiB (1,536 bytes)</c>, <c>2.0 MiB (2,097,152 bytes)</c>.</summary>
    public static string Size(long bytes)
    {
        var exact = bytes.ToString("N0", CultureInfo.InvariantCulture) + (bytes == 1 ? " byte" : " bytes");
        return bytes switch
        {
            < 1024 => exact,
            < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB ({exact})"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.0} MiB ({exact})"),
        };
    }

    /// <summary>The party codes in configuration order, as one line.</summary>
    public static string Parties(IEnumerable<PartyCode> parties) => string.Join(", ", parties.Select(p => p.Value));
}
