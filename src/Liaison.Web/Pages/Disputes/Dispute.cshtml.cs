using Liaison.Features.Mechanism;
using Liaison.Web.Pages.Shared;

namespace Liaison.Web.Pages.Disputes;

/// <summary>
/// One dispute: the claim and breach, the incidents and evidence it cites, the ladder with the level it stands at and
/// the reply deadline counting down, the replies and escalations, the finding; and the steps the user may take (reply,
/// escalate, record the finding), each signed in the browser.
/// </summary>
public sealed class DisputeModel(ServedMechanism mechanism) : RecordPageModel(mechanism);
