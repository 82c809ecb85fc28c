using Liaison.Domain.Incidents;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;
using Liaison.Features.Mechanism;
using Liaison.Web.Pages.Shared;

namespace Liaison.Web.Pages.Incidents;

/// <summary>
/// The incident report form: category, when, where (a point clicked on the map or typed, or a place name resolved through
/// the gazetteer), actors, casualties per side, grading, the parties it concerns and a narrative. The browser signs the
/// <c>incident.report</c> entry with the user's own key, as <c>liaison incident report</c> does, and shows the server's
/// answer (the incident's id, status and acknowledgement deadline) or its refusal.
/// </summary>
public sealed class NewModel(ServedMechanism mechanism) : RecordPageModel(mechanism)
{
    /// <summary>True when the user holds a role that reports incidents; others see the form with the reason they cannot.</summary>
    public bool MayReport => Member.Roles.Overlaps(IncidentEntryTypes.ReporterRoles);

    /// <summary>The configured categories and actors.</summary>
    public IncidentsConfig Vocabulary => Config.Incidents;

    /// <summary>The parties of kind "party" other than the user's: those a report may concern (all of them by default).</summary>
    public IReadOnlyList<string> OtherSides => [.. Config.PartiesOfKind(PartyKind.Party).Select(p => p.Code.Value).Where(p => p != Member.Party.Value)];

    /// <summary>The parties of kind "party": casualties are counted per side and for civilians.</summary>
    public IReadOnlyList<string> Sides => [.. Config.PartiesOfKind(PartyKind.Party).Select(p => p.Code.Value)];

    /// <summary>The languages of the user's party, then English, for the narrative.</summary>
    public IReadOnlyList<string> Languages => (Config.FindParty(Member.Party)?.Languages ?? []).Append("en").Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Who a report is addressed to: every party of the mechanism, as the CLI addresses it.</summary>
    public string Audience => PartyCodes;
}
