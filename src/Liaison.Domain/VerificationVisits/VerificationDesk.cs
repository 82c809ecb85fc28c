using System.Collections.Immutable;
using System.Text.Json;
using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;

namespace Liaison.Domain.VerificationVisits;

/// <summary>
/// An entry as the verification desk reads it. Besides verification entries, the desk reads the
/// <c>mechanism.establish</c> entry, whose time starts every zone's cadence.
/// </summary>
public sealed record VerificationEntry(long Seq, string Type, PartyCode Party, string Author, bool ByServer, IReadOnlyList<PartyCode> Audience, DateTimeOffset ServerTime, JsonElement Body);

/// <summary>
/// The verification visits of the record: when the mechanism began, the requests, the reports, the latest visit to each
/// zone, and the server's overdue records. Immutable.
/// </summary>
public sealed record VerificationState(
    DateTimeOffset? Began,
    ImmutableSortedDictionary<long, VerificationRequest> Requests,
    ImmutableSortedDictionary<long, VerificationReport> Reports,
    ImmutableDictionary<string, DateTimeOffset> LastVisit,
    ImmutableList<OverdueRecord> Overdue)
{
    /// <summary>Nothing recorded.</summary>
    public static VerificationState Empty { get; } = new(null, ImmutableSortedDictionary<long, VerificationRequest>.Empty,
        ImmutableSortedDictionary<long, VerificationReport>.Empty, ImmutableDictionary<string, DateTimeOffset>.Empty.WithComparers(StringComparer.Ordinal), []);

    /// <summary>
    /// When <paramref name="zone"/> is next due for its scheduled verification: the configured cadence after the end of
    /// its latest visit, or after the mechanism began when it was never visited; null before the mechanism began.
    /// </summary>
    public DateTimeOffset? NextDue(string zone, TimeSpan cadence) =>
        LastVisit.TryGetValue(zone, out var last) ? last + cadence : Began + cadence;
}

/// <summary>
/// Decides and applies verification entries. Pure and deterministic. A request names a configured zone and is addressed
/// to the convener; a report names a configured zone (and, optionally, a request about it, which its first report
/// answers), a visit that has ended, forces observed per party and stated violations; it is addressed to every party
/// and the convener, and the violations of the zone's rules by the observed forces are computed and kept with it.
/// </summary>
public static class VerificationDesk
{
    /// <summary>
    /// Decides <paramref name="entry"/> against <paramref name="state"/> and returns the state with it applied.
    /// <paramref name="checkAuthor"/> is false for entries already in the record and for the server's.
    /// </summary>
    public static Result<VerificationState> Apply(MechanismConfig config, VerificationState state, VerificationEntry entry, bool checkAuthor = true)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Type == EntryTypes.MechanismEstablish)
        {
            return state.Began is null ? state with { Began = entry.ServerTime } : state;
        }

        if (!VerificationEntryTypes.IsVerification(entry.Type))
        {
            return state;
        }

        var parsed = VerificationEvents.Parse(entry.Type, entry.Body);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        return parsed.Value switch
        {
            VerificationRequested request => Request(config, state, entry, request, checkAuthor),
            VerificationReported report => Report(config, state, entry, report, checkAuthor),
            VerificationOverdue overdue => MarkOverdue(state, entry, overdue),
            _ => throw new InvalidOperationException($"Unhandled verification event {parsed.Value.GetType().Name}."),
        };
    }

    /// <summary>Folds entries already in the record, in order, skipping any that would be refused.</summary>
    public static VerificationState Fold(MechanismConfig config, IEnumerable<VerificationEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var state = VerificationState.Empty;
        foreach (var entry in entries)
        {
            var applied = Apply(config, state, entry, checkAuthor: false);
            if (applied.IsSuccess)
            {
                state = applied.Value;
            }
        }

        return state;
    }

    private static Result<VerificationState> Request(MechanismConfig config, VerificationState state, VerificationEntry entry, VerificationRequested requested, bool checkAuthor)
    {
        if (checkAuthor)
        {
            if (config.FindZone(requested.Zone) is null)
            {
                return VerificationErrors.UnknownZone(requested.Zone, config.Zones.Select(z => z.Code));
            }

            if (!entry.Audience.Contains(config.Convener.Code))
            {
                return VerificationErrors.Audience("A request for verification is addressed to the convener", [config.Convener.Code]);
            }
        }

        var request = new VerificationRequest(entry.Seq, entry.Party, entry.Author, requested.Zone, requested.Reason, requested.Lang, entry.Audience,
            entry.ServerTime, entry.ServerTime + config.Deadlines.OnDemandVerification);
        return state with { Requests = state.Requests.SetItem(request.Id, request) };
    }

    private static Result<VerificationState> Report(MechanismConfig config, VerificationState state, VerificationEntry entry, VerificationReported reported, bool checkAuthor)
    {
        var zone = config.FindZone(reported.Zone);
        if (zone is null)
        {
            return VerificationErrors.UnknownZone(reported.Zone, config.Zones.Select(z => z.Code));
        }

        // A report already in the record stands even when the request it answers is not addressed to whoever folds it
        // (every party reads every report, not every request): the request, when known, is marked answered.
        var request = reported.Request is { } answered ? state.Requests.GetValueOrDefault(answered) : null;
        if (checkAuthor && reported.Request is { } requestId)
        {
            if (request is null || !request.Audience.Contains(entry.Party))
            {
                return VerificationErrors.RequestNotFound(requestId);
            }

            if (request.Zone != reported.Zone)
            {
                return VerificationErrors.RequestZone(requestId, request.Zone, reported.Zone);
            }
        }

        if (checkAuthor)
        {
            var refused = CheckReport(config, entry, reported);
            if (refused is not null)
            {
                return refused;
            }
        }

        var violations = ObservedViolations.Check(zone, reported.Observed)
            .Concat(reported.Violations.Select(v => new Violation(v.Party, v.Rule, v.Text, false)))
            .ToList();
        var report = new VerificationReport(entry.Seq, entry.Party, entry.Author, reported.Zone, reported.Request, reported.Visit, reported.Observed, violations,
            reported.Text, reported.Lang, reported.Evidence, entry.Audience, entry.ServerTime);
        var requests = state.Requests;
        if (request is { AnsweredBy: null })
        {
            requests = requests.SetItem(request.Id, request with { AnsweredBy = entry.Seq, AnsweredAt = entry.ServerTime });
        }

        var visitEnd = reported.Visit.End.ToUniversalTime();
        var lastVisit = state.LastVisit.TryGetValue(reported.Zone, out var last) && last >= visitEnd ? state.LastVisit : state.LastVisit.SetItem(reported.Zone, visitEnd);
        return state with { Reports = state.Reports.SetItem(report.Id, report), Requests = requests, LastVisit = lastVisit };
    }

    private static Error? CheckReport(MechanismConfig config, VerificationEntry entry, VerificationReported reported)
    {
        if (reported.Visit.End > entry.ServerTime + config.Limits.MaxClockSkew)
        {
            return VerificationErrors.VisitInFuture(reported.Visit.End);
        }

        foreach (var party in reported.Observed.Keys)
        {
            if (config.FindParty(party) is not { Kind: PartyKind.Party })
            {
                return VerificationErrors.NotAParty($"observed.{party}", party);
            }
        }

        for (var i = 0; i < reported.Violations.Count; i++)
        {
            if (config.FindParty(reported.Violations[i].Party) is not { Kind: PartyKind.Party })
            {
                return VerificationErrors.NotAParty($"violations[{i}].party", reported.Violations[i].Party);
            }
        }

        var missing = config.PartiesOfKind(PartyKind.Party).Select(p => p.Code).Append(config.Convener.Code).Except(entry.Audience).ToList();
        return missing.Count > 0 ? VerificationErrors.Audience("A verification report is released to every party and the convener", missing) : null;
    }

    private static VerificationState MarkOverdue(VerificationState state, VerificationEntry entry, VerificationOverdue overdue)
    {
        var requests = state.Requests;
        if (overdue.Request is { } id && requests.TryGetValue(id, out var request) && request.OverdueSeq is null)
        {
            requests = requests.SetItem(id, request with { OverdueSeq = entry.Seq });
        }

        return state with
        {
            Requests = requests,
            Overdue = state.Overdue.Add(new OverdueRecord(entry.Seq, overdue.Zone, overdue.Due.ToUniversalTime(), overdue.Request, entry.ServerTime)),
        };
    }
}
