namespace Liaison.Domain.Mechanism;

/// <summary>
/// The mechanism's deadlines and cadences, all positive. A property left out of the configuration keeps the
/// default shown on it; <c>new DeadlineConfig()</c> is every default.
/// </summary>
public sealed record DeadlineConfig
{
    /// <summary>Every default.</summary>
    public static DeadlineConfig Default { get; } = new();

    /// <summary>Hotline acknowledgement deadlines by precedence.</summary>
    public AcknowledgementDeadlines Acknowledgement { get; init; } = AcknowledgementDeadlines.Default;

    /// <summary>Reply to a request for explanation (default 48 h).</summary>
    public TimeSpan ExplanationReply { get; init; } = TimeSpan.FromHours(48);

    /// <summary>Acknowledgement of a reported incident (default 24 h).</summary>
    public TimeSpan IncidentAcknowledgement { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Joint review of an acknowledged incident, from its acknowledgement to its resolution or dispute (default 7 days).</summary>
    public TimeSpan IncidentReview { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The convener's finding on a referred incident, from its referral (default 14 days).</summary>
    public TimeSpan IncidentFinding { get; init; } = TimeSpan.FromDays(14);

    /// <summary>The respondent's reply to a dispute (default 48 h).</summary>
    public TimeSpan DisputeReply { get; init; } = TimeSpan.FromHours(48);

    /// <summary>Interval between scheduled verifications (default 15 days).</summary>
    public TimeSpan VerificationCadence { get; init; } = TimeSpan.FromDays(15);

    /// <summary>Verification after a party's request (default 48 h).</summary>
    public TimeSpan OnDemandVerification { get; init; } = TimeSpan.FromHours(48);

    /// <summary>Interval between automatic link tests on each channel (default 1 h).</summary>
    public TimeSpan LinkTestInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long after the fact a self-defence notice may still be filed (default 1 h).</summary>
    public TimeSpan SelfDefenceGrace { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Minimum notice lead times by activity (defaults: <see cref="NoticeLeadTime.Defaults"/>).</summary>
    public IReadOnlyList<NoticeLeadTime> NoticeLeadTimes { get; init; } = NoticeLeadTime.Defaults;
}

/// <summary>
/// How long the addressee has to acknowledge a hotline message of each precedence (defaults FLASH 5 min,
/// IMMEDIATE 30 min, PRIORITY 3 h, ROUTINE 24 h). The loader guarantees Flash &lt;= Immediate &lt;= Priority &lt;= Routine.
/// </summary>
public sealed record AcknowledgementDeadlines
{
    /// <summary>Every default.</summary>
    public static AcknowledgementDeadlines Default { get; } = new();

    /// <summary>FLASH (default 5 min).</summary>
    public TimeSpan Flash { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>IMMEDIATE (default 30 min).</summary>
    public TimeSpan Immediate { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>PRIORITY (default 3 h).</summary>
    public TimeSpan Priority { get; init; } = TimeSpan.FromHours(3);

    /// <summary>ROUTINE (default 24 h).</summary>
    public TimeSpan Routine { get; init; } = TimeSpan.FromHours(24);
}

/// <summary>
/// A minimum lead time for notices of some activities: a notice of one of <see cref="Activities"/> filed less than
/// <see cref="Lead"/> before the activity starts is late. Activities are lower-case slugs (<c>air-sortie</c>,
/// <c>uav</c>, <c>ground-movement</c>, <c>live-fire</c>, <c>strike</c>, <c>humanitarian-convoy</c>, ...).
/// With <see cref="ZoneKind"/> null the rule applies anywhere; otherwise only when the activity's area intersects
/// a zone of that kind or, when <see cref="WithinKm"/> is set, comes within that many kilometres of one.
/// When several rules apply to a notice, the longest lead wins.
/// </summary>
public sealed record NoticeLeadTime(string Code, IReadOnlyList<string> Activities, ZoneKind? ZoneKind, double? WithinKm, TimeSpan Lead)
{
    /// <summary>
    /// Air or UAV activity within 25 km of a prohibited zone (the Area of Separation) 60 min; ground movement in a
    /// limitation band 24 h; live fire 72 h; humanitarian convoys 12 h.
    /// </summary>
    public static IReadOnlyList<NoticeLeadTime> Defaults { get; } =
    [
        new("air-near-separation", ["air-sortie", "uav"], Mechanism.ZoneKind.Prohibited, 25, TimeSpan.FromMinutes(60)),
        new("ground-in-limitation-band", ["ground-movement"], Mechanism.ZoneKind.LimitationBand, null, TimeSpan.FromHours(24)),
        new("live-fire", ["live-fire"], null, null, TimeSpan.FromHours(72)),
        new("humanitarian-convoy", ["humanitarian-convoy"], null, null, TimeSpan.FromHours(12)),
    ];
}
