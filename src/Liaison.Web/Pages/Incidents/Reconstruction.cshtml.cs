using Liaison.Features.Mechanism;
using Liaison.Web.Pages.Shared;

namespace Liaison.Web.Pages.Incidents;

/// <summary>
/// The joint reconstruction of an incident: one timeline and one map of everything related to it from every side
/// (the reports of the same event, notices in that place and time, hotline messages it names, disputes that cite it,
/// verification reports of its zones, evidence and findings), and the bundle that proves each of them offline.
/// </summary>
public sealed class ReconstructionModel(ServedMechanism mechanism) : RecordPageModel(mechanism);
