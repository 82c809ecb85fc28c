using Liaison.Domain.Common;
using Liaison.Domain.Parties;
using Liaison.Domain.VerificationVisits;
using Liaison.Features.Mechanism;

namespace Liaison.Features.VerificationVisits;

/// <summary>
/// The verification visits a member's party may read (it is in their audience): requests (filter by <c>zone</c> and
/// <c>status</c>), reports (filter by <c>zone</c> and by <c>party</c>, a party observed or found in violation), one of
/// each, and the schedule.
/// </summary>
public sealed class ListVerifications(VerificationBook book, EstablishedMechanism mechanism, TimeProvider time)
{
    private static readonly string[] StatusCodes = [.. Enum.GetValues<RequestStatus>().Select(s => s.Code())];

    public async Task<Result<IReadOnlyList<VerificationRequestView>>> RequestsAsync(string? zone, string? status, PartyCode reader, CancellationToken cancellationToken)
    {
        if (status is not null && !StatusCodes.Contains(status, StringComparer.Ordinal))
        {
            return new Error.Validation("query-invalid", $"status is one of {string.Join(", ", StatusCodes)}.");
        }

        var state = await book.StateAsync(cancellationToken);
        var now = time.GetUtcNow();
        return state.Requests.Values.Reverse()
            .Where(r => r.Audience.Contains(reader) && (zone is null || r.Zone == zone) && (status is null || r.StatusAt(now).Code() == status))
            .Select(r => VerificationRequestView.From(r, mechanism.Config, now))
            .ToList();
    }

    public async Task<Result<VerificationRequestView>> RequestAsync(long id, PartyCode reader, CancellationToken cancellationToken)
    {
        var state = await book.StateAsync(cancellationToken);
        return state.Requests.TryGetValue(id, out var request) && request.Audience.Contains(reader)
            ? VerificationRequestView.From(request, mechanism.Config, time.GetUtcNow())
            : VerificationErrors.RequestNotFound(id);
    }

    public async Task<Result<IReadOnlyList<VerificationReportView>>> ReportsAsync(string? zone, string? party, PartyCode reader, CancellationToken cancellationToken)
    {
        var state = await book.StateAsync(cancellationToken);
        return state.Reports.Values.Reverse()
            .Where(r => r.Audience.Contains(reader) && (zone is null || r.Zone == zone)
                && (party is null || r.Observed.Keys.Any(p => string.Equals(p.Value, party, StringComparison.OrdinalIgnoreCase))
                    || r.Violations.Any(v => string.Equals(v.Party.Value, party, StringComparison.OrdinalIgnoreCase))))
            .Select(r => VerificationReportView.From(r, mechanism.Config))
            .ToList();
    }

    public async Task<Result<VerificationReportView>> ReportAsync(long id, PartyCode reader, CancellationToken cancellationToken)
    {
        var state = await book.StateAsync(cancellationToken);
        return state.Reports.TryGetValue(id, out var report) && report.Audience.Contains(reader)
            ? VerificationReportView.From(report, mechanism.Config)
            : VerificationErrors.ReportNotFound(id);
    }

    public async Task<VerificationScheduleView> ScheduleAsync(PartyCode reader, CancellationToken cancellationToken)
    {
        var state = await book.StateAsync(cancellationToken);
        var now = time.GetUtcNow();
        var config = mechanism.Config;
        return new VerificationScheduleView(
            ZoneScheduleView.Duration(config.Deadlines.VerificationCadence),
            ZoneScheduleView.Duration(config.Deadlines.OnDemandVerification),
            [.. VerificationSchedule.Zones(config, state, reader, now).Select(z => ZoneScheduleView.From(z, now))]);
    }
}
