using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Liaison.Features.Data;

/// <summary>Stores instants as UTC milliseconds since the Unix epoch, so they sort and compare the same on every provider.</summary>
internal static class TimeConversions
{
    public static readonly ValueConverter<DateTimeOffset, long> UnixMilliseconds =
        new(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));

    public static readonly ValueConverter<DateTimeOffset?, long?> NullableUnixMilliseconds =
        new(v => v.HasValue ? v.Value.ToUnixTimeMilliseconds() : null, v => v.HasValue ? DateTimeOffset.FromUnixTimeMilliseconds(v.Value) : null);
}
