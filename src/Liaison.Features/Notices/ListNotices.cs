using System.Globalization;
using Liaison.Domain.Common;
using Liaison.Domain.Notices;
using Liaison.Domain.Parties;
using NetTopologySuite.Geometries;

namespace Liaison.Features.Notices;

/// <summary>
/// Which notices to list: <c>active</c> keeps those that stand and have not ended; <c>bbox</c> is
/// <c>minLon,minLat,maxLon,maxLat</c>; <c>from</c>/<c>to</c> keep those whose window meets <c>[from, to)</c>;
/// <c>party</c> and <c>kind</c> filter by code.
/// </summary>
public sealed record ListNoticesRequest(bool Active = false, string? Bbox = null, DateTimeOffset? From = null, DateTimeOffset? To = null, string? Party = null, string? Kind = null);

/// <summary>Lists the notices a member's party may read (it is in their audience), newest first.</summary>
public sealed class ListNotices(NoticeBook book, TimeProvider time)
{
    public async Task<Result<IReadOnlyList<NoticeView>>> HandleAsync(ListNoticesRequest request, PartyCode reader, CancellationToken cancellationToken)
    {
        Envelope? box = null;
        if (request.Bbox is not null)
        {
            var parts = request.Bbox.Split(',');
            var numbers = new double[4];
            if (parts.Length != 4 || !parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i])).All(ok => ok)
                || numbers[0] > numbers[2] || numbers[1] > numbers[3])
            {
                return new Error.Validation("query-invalid", "bbox is minLon,minLat,maxLon,maxLat in degrees, minimums first.");
            }

            box = new Envelope(numbers[0], numbers[2], numbers[1], numbers[3]);
        }

        if (request.From is { } from && request.To is { } to && to <= from)
        {
            return new Error.Validation("query-invalid", "'to' must be after 'from'.");
        }

        NoticeKind? kind = null;
        if (request.Kind is not null)
        {
            if (!NoticeKinds.TryParse(request.Kind, out var parsed))
            {
                return new Error.Validation("query-invalid", $"kind is one of {string.Join(", ", NoticeKinds.All.Select(k => k.Code()))}.");
            }

            kind = parsed;
        }

        var now = time.GetUtcNow();
        return await book.ReadAsync<Result<IReadOnlyList<NoticeView>>>(reader, (board, durable) =>
        {
            var views = new List<NoticeView>();
            foreach (var notice in board.Notices.Values)
            {
                if (notice.Id > durable || !notice.Audience.Contains(reader)
                    || (request.Party is not null && !string.Equals(notice.Party.Value, request.Party, StringComparison.OrdinalIgnoreCase))
                    || (kind is not null && notice.Filing.Kind != kind)
                    || (request.From is { } f && notice.Filing.Window.End <= f)
                    || (request.To is { } t && notice.Filing.Window.Start >= t)
                    || (box is not null && !box.Intersects(notice.Filing.Area.Geometry.EnvelopeInternal)))
                {
                    continue;
                }

                var view = NoticeView.From(notice, now, durable);
                if (request.Active && view.Status is "cancelled" or "superseded" or "completed")
                {
                    continue;
                }

                views.Add(view);
            }

            views.Sort((a, b) => b.Id.CompareTo(a.Id));
            return views;
        }, cancellationToken);
    }

    /// <summary>One notice, if the reader's party may read it.</summary>
    public async Task<Result<NoticeView>> GetAsync(long id, PartyCode reader, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await book.ReadAsync<Result<NoticeView>>(reader, (board, durable) =>
            board.Notices.TryGetValue(id, out var notice) && notice.Id <= durable && notice.Audience.Contains(reader)
                ? NoticeView.From(notice, now, durable)
                : NoticeErrors.NotFound(id), cancellationToken);
    }
}
