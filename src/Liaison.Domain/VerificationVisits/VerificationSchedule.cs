using System.Globalization;
using System.Text.Json.Nodes;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;

namespace Liaison.Domain.VerificationVisits;

/// <summary>
/// An entry the server should make now: a <c>verification.overdue</c> for <see cref="Zone"/>, due at
/// <see cref="DueAt"/>, for the cadence or for <see cref="Request"/>, addressed to <see cref="Audience"/>.
/// </summary>
public sealed record VerificationDue(DateTimeOffset DueAt, string Zone, long? Request, IReadOnlyList<PartyCode> Audience)
{
    /// <summary>The entry type to make.</summary>
    public string Type => VerificationEntryTypes.Overdue;

    /// <summary>The type's own fields.</summary>
    public JsonObject Fields()
    {
        var fields = new JsonObject
        {
            ["zone"] = Zone,
            ["due"] = DueAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        };
        if (Request is { } request)
        {
            fields["request"] = request;
        }

        return fields;
    }
}

/// <summary>One zone's place in the verification schedule at an instant.</summary>
public sealed record ZoneSchedule(string Zone, string Name, ZoneKind Kind, DateTimeOffset? LastVisit, long? LastReport, DateTimeOffset? NextDue, bool Overdue, IReadOnlyList<long> OpenRequests);

/// <summary>
/// The verification cadence and on-demand deadlines, as pure functions of the state and an instant. Each zone is due
/// every <c>verificationCadence</c> after the end of its latest visit (or after the mechanism began); a request is due
/// <c>onDemandVerification</c> after it was made. At <c>now = due</c> a zone not verified, or a request not answered,
/// is overdue, once: the server's <c>verification.overdue</c> for that zone and due instant (or that request) is never
/// proposed again, and a zone's next due instant moves only with a new visit.
/// </summary>
public static class VerificationSchedule
{
    /// <summary>The overdue entries due at <paramref name="now"/>: zones in configuration order, then requests by id.</summary>
    public static IReadOnlyList<VerificationDue> Due(MechanismConfig config, VerificationState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(state);
        var due = new List<VerificationDue>();
        var everyone = config.Parties.Select(p => p.Code).ToList();
        foreach (var zone in config.Zones)
        {
            if (state.NextDue(zone.Code, config.Deadlines.VerificationCadence) is { } next && now >= next
                && !state.Overdue.Any(o => o.Request is null && o.Zone == zone.Code && o.Due == next))
            {
                due.Add(new VerificationDue(next, zone.Code, null, everyone));
            }
        }

        foreach (var request in state.Requests.Values)
        {
            if (request.AnsweredBy is null && request.OverdueSeq is null && now >= request.Due)
            {
                due.Add(new VerificationDue(request.Due, request.Zone, request.Id, request.Audience));
            }
        }

        return due;
    }

    /// <summary>Every configured zone's schedule at <paramref name="now"/>, in configuration order; open requests are those <paramref name="reader"/> may read.</summary>
    public static IReadOnlyList<ZoneSchedule> Zones(MechanismConfig config, VerificationState state, PartyCode reader, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(state);
        var schedule = new List<ZoneSchedule>();
        foreach (var zone in config.Zones)
        {
            var last = state.Reports.Values.Where(r => r.Zone == zone.Code && r.Audience.Contains(reader)).OrderByDescending(r => r.Visit.End).ThenByDescending(r => r.Id).FirstOrDefault();
            var next = state.NextDue(zone.Code, config.Deadlines.VerificationCadence);
            var open = state.Requests.Values.Where(r => r.Zone == zone.Code && r.AnsweredBy is null && r.Audience.Contains(reader)).Select(r => r.Id).ToList();
            schedule.Add(new ZoneSchedule(zone.Code, zone.Name, zone.Kind, state.LastVisit.TryGetValue(zone.Code, out var visit) ? visit : null,
                last?.Id, next, next is { } n && now >= n, open));
        }

        return schedule;
    }
}
