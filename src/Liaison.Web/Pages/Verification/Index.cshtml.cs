using Liaison.Domain.Mechanism;
using Liaison.Features.Mechanism;
using Liaison.Web.Pages.Shared;

namespace Liaison.Web.Pages.Verification;

/// <summary>
/// Verification visits: each zone's cadence (last visit, next due, countdown), the parties' requests with their 48-hour
/// deadlines, and the reports (forces observed against the zone's limits, violations); a party requests a visit here,
/// signed in the browser, and the convener's mediators and the observers report a visit with the report form.
/// </summary>
public sealed class IndexModel(ServedMechanism mechanism) : RecordPageModel(mechanism)
{
    /// <summary>The zones a visit may be requested for.</summary>
    public IReadOnlyList<ZoneReference> Zones => Config.Zones;

    /// <summary>The parties of kind "party": forces are observed per side.</summary>
    public IReadOnlyList<string> Sides => [.. Config.PartiesOfKind(Domain.Parties.PartyKind.Party).Select(p => p.Code.Value)];

    /// <summary>The asset classes forces are counted in.</summary>
    public IReadOnlyList<string> AssetClasses => [.. Domain.Notices.AssetClasses.All.Select(a => Domain.Notices.AssetClasses.Code(a))];

    /// <summary>The languages of the user's party, then English, for a report's text.</summary>
    public IReadOnlyList<string> Languages => (Config.FindParty(Member.Party)?.Languages ?? []).Append("en").Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The roles that report visits (the convener's mediators and the observers), space separated.</summary>
    public static string ReporterRoleCodes => Codes(Domain.VerificationVisits.VerificationEntryTypes.ReporterRoles);
}
