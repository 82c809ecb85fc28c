using Liaison.Features.Mechanism;
using Liaison.Web.Pages.Shared;

namespace Liaison.Web.Pages.Disputes;

/// <summary>The disputes the user's party may read: claimant, respondent, breach, ladder level, reply deadline and outcome.</summary>
public sealed class IndexModel(ServedMechanism mechanism) : RecordPageModel(mechanism);
