using System.Diagnostics;
using System.Globalization;

namespace Liaison.Benchmarks;

/// <summary>A latency distribution: count and nearest-rank percentiles, in milliseconds.</summary>
internal sealed class Latencies
{
    private readonly double[] _sorted;

    /// <summary>The distribution of <paramref name="milliseconds"/>.</summary>
    public Latencies(IEnumerable<double> milliseconds)
    {
        _sorted = [.. milliseconds];
        Array.Sort(_sorted);
    }

    /// <summary>How many latencies.</summary>
    public int Count => _sorted.Length;

    /// <summary>The latencies from Stopwatch timestamps: <paramref name="to"/> minus <paramref name="from"/> where both are set (non-zero).</summary>
    public static Latencies Between(IReadOnlyList<long> from, IReadOnlyList<long> to) =>
        new(Enumerable.Range(0, from.Count).Where(i => from[i] != 0 && to[i] != 0).Select(i => Stopwatch.GetElapsedTime(from[i], to[i]).TotalMilliseconds));

    /// <summary>The nearest-rank percentile: the smallest latency with at least <paramref name="fraction"/> of all at or below it.</summary>
    public double Percentile(double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1.0);
        if (_sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(fraction * _sorted.Length);
        return _sorted[Math.Clamp(rank, 1, _sorted.Length) - 1];
    }

    /// <summary>The largest latency.</summary>
    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    /// <summary>One line: count, p50, p90, p99 and max in milliseconds.</summary>
    public string Summary() => string.Create(CultureInfo.InvariantCulture, $"n={Count}  p50={Percentile(0.5):F2} ms  p90={Percentile(0.9):F2} ms  p99={Percentile(0.99):F2} ms  max={Max:F2} ms");
}
