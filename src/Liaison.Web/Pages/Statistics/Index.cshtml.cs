using Liaison.Features.Mechanism;
using Liaison.Web.Pages.Shared;

namespace Liaison.Web.Pages.Statistics;

/// <summary>
/// The even-handed statistics: for one period, every figure the mechanism keeps (hotline responsiveness, incidents,
/// disputes) side by side for each party, computed the same way for each, from the same API anyone may call.
/// </summary>
public sealed class IndexModel(ServedMechanism mechanism) : RecordPageModel(mechanism);
