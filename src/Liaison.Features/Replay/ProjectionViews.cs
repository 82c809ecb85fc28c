using System.Text.Json;
using Liaison.Domain.Disputes;
using Liaison.Domain.Hotline;
using Liaison.Domain.Incidents;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Notices;
using Liaison.Domain.Parties;
using Liaison.Domain.Record;
using Liaison.Domain.VerificationVisits;
using Liaison.Features.Disputes;
using Liaison.Features.Hotline;
using Liaison.Features.Incidents;
using Liaison.Features.Notices;
using Liaison.Features.VerificationVisits;

namespace Liaison.Features.Replay;

/// <summary>
/// Each projection as the API shows it to one reader, digested: the same view types and filters as the endpoints (a
/// party sees only what is addressed to it), every object in id order, time-dependent fields evaluated at a given
/// instant. The server digests its live books with these, <c>liaison replay</c> the books it folded afresh, so equal
/// digests mean the reader was shown exactly what its entries say.
/// </summary>
public static class ProjectionViews
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>The messages on the reader's channels (its party in their audience), as the inbox shows them.</summary>
    public static ProjectionDigest Hotline(HotlineState state, PartyCode reader)
    {
        ArgumentNullException.ThrowIfNull(state);
        var views = state.Messages.Values.Where(m => m.Audience.Contains(reader)).Select(ReadHotline.View).ToList();
        return Digest(ProjectionNames.Hotline, views.Count, views);
    }

    /// <summary>The durable notices the reader may read, as <c>GET /api/v1/notices/{id}</c> shows them at <paramref name="now"/>.</summary>
    public static ProjectionDigest Notices(NoticeBoard board, long durable, PartyCode reader, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(board);
        var views = board.Notices.Values
            .Where(n => n.Id <= durable && n.Audience.Contains(reader))
            .OrderBy(n => n.Id)
            .Select(n => NoticeView.From(n, now, durable))
            .ToList();
        return Digest(ProjectionNames.Notices, views.Count, views);
    }

    /// <summary>The durable incidents the reader may read, as <c>GET /api/v1/incidents/{id}</c> shows them at <paramref name="now"/>.</summary>
    public static ProjectionDigest Incidents(IncidentRegister register, long durable, PartyCode reader, DeadlineConfig deadlines, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(register);
        var views = register.Ids
            .Where(id => id <= durable)
            .Select(id => register.Incidents[id])
            .Where(i => i.Audience.Contains(reader))
            .Select(i => ListIncidents.View(register, i, durable, reader, deadlines, now))
            .ToList();
        return Digest(ProjectionNames.Incidents, views.Count, views);
    }

    /// <summary>The disputes the reader may read, as <c>GET /api/v1/disputes/{id}</c> shows them at <paramref name="now"/>.</summary>
    public static ProjectionDigest Disputes(DisputeState state, MechanismConfig config, PartyCode reader, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var views = state.Disputes.Values.Where(d => d.Audience.Contains(reader)).Select(d => DisputeView.From(d, config, now)).ToList();
        return Digest(ProjectionNames.Disputes, views.Count, views);
    }

    /// <summary>The verification requests and reports the reader may read, and the zones' schedule for it, at <paramref name="now"/>.</summary>
    public static ProjectionDigest Verification(VerificationState state, MechanismConfig config, PartyCode reader, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var requests = state.Requests.Values.Where(r => r.Audience.Contains(reader)).Select(r => VerificationRequestView.From(r, config, now)).ToList();
        var reports = state.Reports.Values.Where(r => r.Audience.Contains(reader)).Select(r => VerificationReportView.From(r, config)).ToList();
        var schedule = VerificationSchedule.Zones(config, state, reader, now).Select(z => ZoneScheduleView.From(z, now)).ToList();
        return Digest(ProjectionNames.Verification, requests.Count + reports.Count, new { requests, reports, schedule });
    }

    /// <summary>The keys projection: <see cref="RecordState.Digest"/> of the keys table at a record size.</summary>
    public static ProjectionDigest Keys(RecordState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new ProjectionDigest(ProjectionNames.Keys, state.Keys.Count, state.Digest());
    }

    private static ProjectionDigest Digest<T>(string name, int count, T value) =>
        new(name, count, CanonicalJson.Sha256(JsonSerializer.SerializeToNode(value, Json)));
}
