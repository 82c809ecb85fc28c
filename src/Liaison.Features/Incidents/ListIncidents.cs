using System.Globalization;
using Liaison.Domain.Common;
using Liaison.Domain.Incidents;
using Liaison.Domain.Parties;
using Liaison.Features.Mechanism;
using NetTopologySuite.Geometries;

namespace Liaison.Features.Incidents;

/// <summary>
/// Which incidents to list, newest first: <c>category</c>, <c>party</c> (the reporter), <c>status</c> (a status code);
/// <c>from</c>/<c>to</c> keep those whose time meets <c>[from, to)</c>; <c>bbox</c> is <c>minLon,minLat,maxLon,maxLat</c>
/// and keeps those whose point is inside; <c>limit</c> (1 to <see cref="ListIncidents.MaxLimit"/>, default
/// <see cref="ListIncidents.DefaultLimit"/>) and <c>cursor</c> (the <c>nextCursor</c> of the previous page) page through.
/// </summary>
public sealed record ListIncidentsRequest(
    string? Category = null,
    string? Party = null,
    string? Status = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Bbox = null,
    int? Limit = null,
    long? Cursor = null);

/// <summary>A page of incidents; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record IncidentPage(IReadOnlyList<IncidentSummary> Items, long? NextCursor);

/// <summary>
/// Lists and reads the incidents a member's party may read (it is in their audience). A page walks the ids from the
/// cursor down and stops once it is full, so its cost grows with the page and the filter's selectivity, not the record;
/// the ids walked are the smallest of the register's indexes the filters allow (category, party, steps, grid).
/// </summary>
public sealed class ListIncidents(IncidentBook book, EstablishedMechanism mechanism, TimeProvider time)
{
    /// <summary>The page size when none is asked for.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The largest page.</summary>
    public const int MaxLimit = 500;

    /// <summary>
    /// The widest bbox, in square degrees, that is looked up in the register's grid rather than checked incident by
    /// incident: a wider one holds so many incidents that collecting and sorting them costs more than walking down the
    /// ids until the page is full (measured with <c>bench/Liaison.Benchmarks -- incidents</c>).
    /// </summary>
    public const double MaxIndexedBoxDegrees = 0.25;

    public async Task<Result<IncidentPage>> HandleAsync(ListIncidentsRequest request, PartyCode reader, CancellationToken cancellationToken)
    {
        var config = mechanism.Config;
        Envelope? box = null;
        if (request.Bbox is not null)
        {
            var parts = request.Bbox.Split(',');
            var numbers = new double[4];
            if (parts.Length != 4 || !parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i])).All(ok => ok)
                || numbers[0] > numbers[2] || numbers[1] > numbers[3])
            {
                return Invalid("bbox is minLon,minLat,maxLon,maxLat in degrees, minimums first.");
            }

            box = new Envelope(numbers[0], numbers[2], numbers[1], numbers[3]);
        }

        if (request.From is { } from && request.To is { } to && to <= from)
        {
            return Invalid("'to' must be after 'from'.");
        }

        if (request.Category is not null && !config.Incidents.IsCategory(request.Category))
        {
            return Invalid($"category is one of {string.Join(", ", config.Incidents.Categories.Select(c => c.Code))}.");
        }

        IncidentStatus? status = null;
        if (request.Status is not null)
        {
            if (!IncidentCodes.TryParseStatus(request.Status, out var parsed))
            {
                return Invalid($"status is one of {string.Join(", ", Enum.GetValues<IncidentStatus>().Select(s => s.Code()))}.");
            }

            status = parsed;
        }

        PartyCode? party = null;
        if (request.Party is not null)
        {
            if (!PartyCode.TryParse(request.Party.ToUpperInvariant(), out var code))
            {
                return Invalid("party is a party code such as ISR.");
            }

            party = code;
        }

        var limit = request.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            return Invalid($"limit is from 1 to {MaxLimit}.");
        }

        var now = time.GetUtcNow();
        var fromTicks = request.From?.UtcTicks;
        var toTicks = request.To?.UtcTicks;
        return await book.ReadAsync<Result<IncidentPage>>((register, durable) =>
        {
            var facts = Candidates(register, request.Category, party, status, box);
            var readerBit = register.Parties.Of(reader);
            var partyBit = party is { } p ? register.Parties.Of(p) : 0;
            var start = IncidentRegister.FirstAtOrAbove(facts, Math.Min(request.Cursor ?? long.MaxValue, durable + 1));
            var items = new List<IncidentSummary>(Math.Min(limit, 64));
            long? next = null;
            for (var i = start - 1; i >= 0; i--)
            {
                // The report's facts first, from the contiguous list; the incident itself only for those that pass.
                var fact = facts[i];
                if ((fact.Audience & readerBit) == 0
                    || (party is not null && fact.Reporter != partyBit)
                    || !fact.Meets(fromTicks, toTicks)
                    || (request.Category is { } c && !string.Equals(fact.Category, c, StringComparison.Ordinal))
                    || (box is not null && (fact.Lon < box.MinX || fact.Lon > box.MaxX || fact.Lat < box.MinY || fact.Lat > box.MaxY)))
                {
                    continue;
                }

                var visible = register.Incidents[fact.Id].UpTo(durable);
                if (status is { } s && visible.Status != s)
                {
                    continue;
                }

                if (items.Count == limit)
                {
                    next = items[^1].Id;
                    break;
                }

                items.Add(IncidentSummary.From(visible, register.EventIdOf(fact.Id), config.Deadlines, now));
            }

            return new IncidentPage(items, next);
        }, cancellationToken);
    }

    /// <summary>One incident with its event, suggested duplicates and timeline, if the reader's party may read it.</summary>
    public async Task<Result<IncidentView>> GetAsync(long id, PartyCode reader, CancellationToken cancellationToken)
    {
        var config = mechanism.Config;
        var now = time.GetUtcNow();
        return await book.ReadAsync<Result<IncidentView>>((register, durable) =>
            id > durable || !register.Incidents.TryGetValue(id, out var incident) || !incident.Audience.Contains(reader)
                ? IncidentErrors.NotFound(id)
                : View(register, incident, durable, reader, config.Deadlines, now), cancellationToken);
    }

    /// <summary>
    /// The view of a durable <paramref name="incident"/> of <paramref name="register"/> that <paramref name="reader"/> may
    /// read, at <paramref name="now"/>: its event and suggested duplicates are those the reader may read too.
    /// </summary>
    public static IncidentView View(IncidentRegister register, Incident incident, long durable, PartyCode reader, Domain.Mechanism.DeadlineConfig deadlines, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(incident);
        var id = incident.Id;
        var visible = incident.UpTo(durable);
        var linked = register.EventOf(id).Where(other => other <= durable && register.Incidents[other].Audience.Contains(reader)).ToList();
        var duplicates = register.SuggestedDuplicates(id)
            .Where(d => d.Id <= durable && d.Audience.Contains(reader))
            .Select(d => new DuplicateView(
                d.Id, d.Party.Value, d.Report.Category, d.Report.Start,
                Math.Round(IncidentRegister.Kilometres(incident.Report.Point, d.Report.Point), 2),
                Math.Round((d.Report.Start - incident.Report.Start).Duration().TotalHours, 2)))
            .ToList();
        return IncidentView.From(visible, linked.Count > 0 ? linked[0] : id, linked, duplicates, deadlines, now);
    }

    /// <summary>
    /// The smallest list of facts, oldest first, that holds every incident the filters can keep: all, or those of the
    /// category, of the reporting party, with steps (for any status but reported), or inside a bbox of at most
    /// <see cref="MaxIndexedBoxDegrees"/> square degrees (a wider box would read most of the grid).
    /// </summary>
    private static IReadOnlyList<IncidentFacts> Candidates(IncidentRegister register, string? category, PartyCode? party, IncidentStatus? status, Envelope? box)
    {
        var facts = register.Facts;
        if (category is not null && register.FactsInCategory(category) is var inCategory && inCategory.Count < facts.Count)
        {
            facts = inCategory;
        }

        if (party is { } p && register.FactsReportedBy(p) is var byParty && byParty.Count < facts.Count)
        {
            facts = byParty;
        }

        if (status is { } s && s != IncidentStatus.Reported && register.FactsWithSteps.Count < facts.Count)
        {
            facts = register.FactsWithSteps;
        }

        if (box is not null && box.Area <= MaxIndexedBoxDegrees && register.FactsWithin(box) is var within && within.Count < facts.Count)
        {
            facts = within;
        }

        return facts;
    }

    private static Error Invalid(string detail) => new Error.Validation("query-invalid", detail);
}
