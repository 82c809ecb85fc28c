namespace Liaison.Domain.Notices;

/// <summary>The forces and equipment a notice announces: a count (at least 1) per class; classes not listed are 0.</summary>
public sealed record NoticeAssets
{
    private readonly SortedDictionary<AssetClass, int> _counts;

    /// <summary>Creates the assets.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public NoticeAssets(IEnumerable<KeyValuePair<AssetClass, int>> counts)
    {
        _counts = [];
        foreach (var (asset, count) in counts)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            if (count > 0)
            {
                _counts[asset] = count;
            }
        }
    }

    /// <summary>No assets.</summary>
    public static NoticeAssets None { get; } = new([]);

    /// <summary>The non-zero counts, in class order.</summary>
    public IReadOnlyDictionary<AssetClass, int> Counts => _counts;

    /// <summary>True when no class has a count.</summary>
    public bool IsEmpty => _counts.Count == 0;

    /// <summary>The count of a class (0 when absent).</summary>
    public int this[AssetClass asset] => _counts.GetValueOrDefault(asset);

    /// <summary>True when both list the same counts.</summary>
    public bool Equals(NoticeAssets? other) => other is not null && _counts.Count == other._counts.Count && _counts.All(kv => other[kv.Key] == kv.Value);

    /// <inheritdoc/>
    public override int GetHashCode() => _counts.Aggregate(0, (hash, kv) => HashCode.Combine(hash, kv.Key, kv.Value));
}
