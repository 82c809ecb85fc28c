namespace Liaison.Domain.Mechanism;

/// <summary>
/// Technical limits on submitted entries: the largest payload in bytes (positive; default 1 MiB) and the
/// largest accepted difference between an entry's client time and the server's time (positive; default 5 minutes).
/// </summary>
public sealed record LimitsConfig
{
    /// <summary>The default payload limit, 1 MiB.</summary>
    public const int DefaultMaxPayloadBytes = 1024 * 1024;

    /// <summary>Creates the limits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero or negative.</exception>
    public LimitsConfig(int MaxPayloadBytes, TimeSpan MaxClockSkew)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPayloadBytes);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxClockSkew, TimeSpan.Zero);
        this.MaxPayloadBytes = MaxPayloadBytes;
        this.MaxClockSkew = MaxClockSkew;
    }

    /// <summary>1 MiB payloads, 5 minutes of clock skew.</summary>
    public static LimitsConfig Default { get; } = new(DefaultMaxPayloadBytes, TimeSpan.FromMinutes(5));

    /// <summary>The largest payload accepted, in bytes.</summary>
    public int MaxPayloadBytes { get; }

    /// <summary>The largest accepted |client time - server time|.</summary>
    public TimeSpan MaxClockSkew { get; }

    /// <summary>
    /// How long after it was signed a store-and-forward entry (one that says <c>"forwarded": true</c>) may still be
    /// delivered; default 7 days. Its client time may then be older than <see cref="MaxClockSkew"/>, never newer.
    /// </summary>
    public TimeSpan MaxForwardDelay { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The largest attachment (evidence, a file on a message) accepted, in bytes; default 25 MiB.</summary>
    public int MaxAttachmentBytes { get; init; } = 25 * 1024 * 1024;

    /// <summary>The longest window an activity notice may announce; default 30 days.</summary>
    public TimeSpan MaxNoticeWindow { get; init; } = TimeSpan.FromDays(30);
}
