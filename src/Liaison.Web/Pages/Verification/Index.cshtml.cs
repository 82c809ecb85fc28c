using Liaison.Domain.Mechanism;
using Liaison.Features.Mechanism;
using Liaison.Web.Pages.Shared;

namespace Liaison.Web.Pages.Verification;

/// <summary>
/// Verification visits: each zone's cadence (last visit, next due, countdown), the parties' requests with their 48-hour
/// deadlines, and the reports (forces observed against the zone's limits, violations); a party requests a visit here,
/// signed in the browser.
/// </summary>
public sealed class IndexModel(ServedMechanism mechanism) : RecordPageModel(mechanism)
{
    /// <summary>The zones a visit may be requested for.</summary>
    public IReadOnlyList<ZoneReference> Zones => Config.Zones;
}
