using Liaison.Domain.Common;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Incidents;

/// <summary>The expected failures of incident decisions; each code is a stable problem type.</summary>
public static class IncidentErrors
{
    /// <summary>No incident has that id (or the caller's party is not in its audience).</summary>
    public static Error NotFound(long id) => new Error.NotFound("incident-not-found", $"There is no incident {id}.");

    /// <summary>The place name matches nothing in the gazetteer; the nearest names are offered.</summary>
    public static Error UnknownPlace(string name, IReadOnlyList<Place> nearest) =>
        new Error.Validation("place-unknown", nearest.Count == 0
            ? $"No place is named '{name}'."
            : $"No place is named '{name}'; nearest: {string.Join(", ", nearest.Select(Describe))}.")
        {
            Extensions = new Dictionary<string, object?> { ["name"] = name, ["nearest"] = nearest.Select(p => p.Name).ToList() },
        };

    /// <summary>The report must be addressed to the convener and every party it concerns.</summary>
    public static Error Audience(IEnumerable<PartyCode> missing) =>
        new Error.Validation("incident-audience", $"An incident entry is addressed to the convener, the concerned parties and the incident's audience; add {string.Join(", ", missing)} to the audience.");

    /// <summary>A concerned party that is not a party of kind party, or is the reporter itself.</summary>
    public static Error BadConcern(PartyCode party, string why) =>
        new Error.Validation("incident-concerns-invalid", $"{party} cannot be concerned by this report: {why}.");

    /// <summary>The transition is not allowed from the incident's status.</summary>
    public static Error OutOfOrder(long id, IncidentStatus status, string what, string allowedFrom) =>
        new Error.InvalidTransition("incident-out-of-order", $"Incident {id} is {status.Code()}; it can be {what} only when {allowedFrom}.")
        {
            Extensions = new Dictionary<string, object?> { ["incidentStatus"] = status.Code() },
        };

    /// <summary>The author's party may not make this transition.</summary>
    public static Error NotAllowed(long id, PartyCode party, string what, string who) =>
        new Error.Forbidden("incident-not-allowed", $"{party} may not {what} incident {id}: {who}.");

    /// <summary>The party has acknowledged already.</summary>
    public static Error AlreadyAcknowledged(long id, PartyCode party, long bySeq) =>
        new Error.Conflict("incident-already-acknowledged", $"{party} already acknowledged incident {id} (entry {bySeq}).")
        {
            Extensions = new Dictionary<string, object?> { ["seq"] = bySeq },
        };

    /// <summary>The reports are one event already.</summary>
    public static Error AlreadyLinked(IEnumerable<long> ids) =>
        new Error.Conflict("incident-already-linked", $"Incidents {string.Join(", ", ids)} are one event already.");

    private static string Describe(Place place) => place.Within is null ? place.Name : $"{place.Name} ({place.Within})";
}
