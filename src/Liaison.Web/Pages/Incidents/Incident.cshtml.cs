using Liaison.Domain.Mechanism;
using Liaison.Features.Mechanism;
using Liaison.Web.Pages.Shared;

namespace Liaison.Web.Pages.Incidents;

/// <summary>
/// One incident: the report (category, time, place on the map, actors, casualties, grading, narrative, evidence), its
/// status with the running deadline, the timeline of its steps, suggested duplicates, and the steps the user may take
/// (acknowledge, open the joint review, resolve, dispute, refer, record a finding, link), each signed in the browser.
/// </summary>
public sealed class IncidentModel(ServedMechanism mechanism) : RecordPageModel(mechanism)
{
    /// <summary>The configured incident categories and actors, to name codes.</summary>
    public IncidentsConfig Vocabulary => Config.Incidents;
}
