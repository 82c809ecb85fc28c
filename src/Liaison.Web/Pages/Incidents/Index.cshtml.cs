using Liaison.Domain.Mechanism;
using Liaison.Features.Mechanism;
using Liaison.Web.Pages.Shared;

namespace Liaison.Web.Pages.Incidents;

/// <summary>
/// The incidents the user's party may read: a list filtered by category, party, status and time, and a map of where
/// they happened over the zones, each linking to its detail and reconstruction.
/// </summary>
public sealed class IndexModel(ServedMechanism mechanism) : RecordPageModel(mechanism)
{
    /// <summary>The configured incident categories.</summary>
    public IReadOnlyList<VocabularyTerm> Categories => Config.Incidents.Categories;
}
