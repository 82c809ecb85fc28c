using System.Diagnostics;

namespace Liaison.Benchmarks;

/// <summary>
/// An open-loop load generator: operation <c>i</c> is due at <c>start + i / rate</c> and is started then, whether or
/// not earlier ones have answered, so a slow server cannot slow the offered load down (no coordinated omission).
/// Latencies are counted from the due time, so any lag of the generator itself is charged to the measurement too.
/// </summary>
internal static class OpenLoop
{
    /// <summary>
    /// Starts <paramref name="count"/> operations at <paramref name="rate"/> per second and returns, once all have been
    /// started, each one's due time as a <see cref="Stopwatch"/> timestamp, and the largest lag of a start behind its due time.
    /// </summary>
    public static async Task<(long[] Due, TimeSpan MaxLag)> RunAsync(int count, double rate, Action<int> start)
    {
        var due = new long[count];
        var origin = Stopwatch.GetTimestamp();
        var maxLag = 0L;
        var next = 0;
        while (next < count)
        {
            var now = Stopwatch.GetTimestamp();
            var dueCount = Math.Min(count, DueBy(now - origin, rate));
            for (; next < dueCount; next++)
            {
                due[next] = origin + DueOffset(next, rate);
                maxLag = Math.Max(maxLag, Stopwatch.GetTimestamp() - due[next]);
                start(next);
            }

            if (next < count)
            {
                // Sleep until the next one is due (the timer's granularity is about a millisecond; the lag is measured).
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), origin + DueOffset(next, rate));
                await Task.Delay(wait > TimeSpan.FromMilliseconds(1) ? wait : TimeSpan.FromMilliseconds(1));
            }
        }

        return (due, Stopwatch.GetElapsedTime(0, maxLag));
    }

    /// <summary>How many operations are due <paramref name="elapsedTicks"/> (Stopwatch ticks) after the start: those with <c>i / rate ≤ elapsed</c>.</summary>
    public static int DueBy(long elapsedTicks, double rate) => (int)Math.Min(int.MaxValue, Math.Floor(elapsedTicks * rate / Stopwatch.Frequency) + 1);

    /// <summary>The offset of operation <paramref name="index"/>'s due time from the start, in Stopwatch ticks.</summary>
    public static long DueOffset(int index, double rate) => (long)(index * (double)Stopwatch.Frequency / rate);
}
