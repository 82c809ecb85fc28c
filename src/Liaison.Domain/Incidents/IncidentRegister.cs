using System.Text.Json;
using Liaison.Domain.Common;
using Liaison.Domain.Geo;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Notices;
using Liaison.Domain.Parties;
using NetTopologySuite.Geometries;

namespace Liaison.Domain.Incidents;

/// <summary>An incident entry as the register reads it: its sequence number, type, author's party, author, audience, times and body.</summary>
public sealed record IncidentEntry(long Seq, string Type, PartyCode Party, string Author, IReadOnlyList<PartyCode> Audience, DateTimeOffset ServerTime, DateTimeOffset ClientTime, JsonElement Body);

/// <summary>
/// Every incident of the record, the events linked reports form (a union-find over incident ids: linking only ever joins,
/// nothing is removed) and a grid index of incident points for duplicate suggestions. Deterministic: applying the same
/// entries in the same order gives the same incidents, whatever the timing. Not thread-safe: its owner serialises access.
/// <para>The workflow, decided by <see cref="Apply"/> when <c>checkAuthor</c> is true (entries being admitted):</para>
/// <list type="bullet">
/// <item><c>incident.ack</c>: a concerned party, once, while reported; the incident is acknowledged when every concerned party has.</item>
/// <item><c>incident.review</c>: a concerned party or the reporter's party, when acknowledged.</item>
/// <item><c>incident.resolve</c>: a concerned party or the reporter's party, when under review.</item>
/// <item><c>incident.dispute</c>: a concerned party, when reported, acknowledged or under review.</item>
/// <item><c>incident.refer</c>: a concerned party or the reporter's party, when disputed.</item>
/// <item><c>incident.finding</c>: the convener, when referred.</item>
/// <item><c>incident.link</c>: a party or the convener that may read every incident named, not all one event already.</item>
/// </list>
/// Every transition entry is addressed to at least the incident's audience. A step after its deadline (acknowledgement
/// after <c>incidentAcknowledgement</c>, resolution or dispute after <c>incidentReview</c> from the acknowledgement,
/// finding after <c>incidentFinding</c> from the referral) is accepted and marked late with its shortfall.
/// </summary>
public sealed class IncidentRegister
{
    private readonly MechanismConfig _config;
    private readonly Gazetteer _gazetteer;
    private readonly Dictionary<long, Incident> _incidents = [];
    private readonly HashSet<long> _open = [];
    private readonly Dictionary<long, long> _parent = [];
    private readonly Dictionary<long, SortedSet<long>> _events = [];
    private readonly GridIndex<long> _points = new();

    // Each index is a list of facts (see IncidentFacts) in id order, so listings filter without lookups; the id lists derive from them.
    private readonly List<IncidentFacts> _orderFacts = [];
    private readonly Dictionary<long, IncidentFacts> _factsById = [];
    private readonly Dictionary<string, List<IncidentFacts>> _byCategoryFacts = new(StringComparer.Ordinal);
    private readonly Dictionary<PartyCode, List<IncidentFacts>> _byPartyFacts = [];
    private readonly List<IncidentFacts> _steppedFacts = [];

    /// <summary>Creates an empty register for a mechanism, resolving place names with <paramref name="gazetteer"/>.</summary>
    public IncidentRegister(MechanismConfig config, Gazetteer gazetteer)
    {
        _config = config;
        _gazetteer = gazetteer;
        Parties = new PartyBits(config.Parties.Select(p => p.Code));
    }

    /// <summary>The bits <see cref="IncidentFacts"/> give the mechanism's parties.</summary>
    public PartyBits Parties { get; }

    /// <summary>The facts of every incident, oldest first: <see cref="Ids"/>, index for index.</summary>
    public IReadOnlyList<IncidentFacts> Facts => _orderFacts;

    /// <summary>The facts of the incidents in <paramref name="category"/>: <see cref="IdsInCategory"/>, index for index.</summary>
    public IReadOnlyList<IncidentFacts> FactsInCategory(string category) => _byCategoryFacts.TryGetValue(category, out var facts) ? facts : [];

    /// <summary>The facts of the incidents <paramref name="party"/> reported: <see cref="IdsReportedBy"/>, index for index.</summary>
    public IReadOnlyList<IncidentFacts> FactsReportedBy(PartyCode party) => _byPartyFacts.TryGetValue(party, out var facts) ? facts : [];

    /// <summary>The facts of the incidents with steps: <see cref="IdsWithSteps"/>, index for index.</summary>
    public IReadOnlyList<IncidentFacts> FactsWithSteps => _steppedFacts;

    /// <summary>The facts of the incidents whose point is inside <paramref name="box"/>: <see cref="IdsWithin"/>, index for index.</summary>
    public IReadOnlyList<IncidentFacts> FactsWithin(Envelope box) => [.. IdsWithin(box).Select(id => _factsById[id])];

    /// <summary>Every incident, by id.</summary>
    public IReadOnlyDictionary<long, Incident> Incidents => _incidents;

    /// <summary>Every incident id, oldest first (ids grow with the record) (read from the facts, a new list each time).</summary>
    public IReadOnlyList<long> Ids => IdsOf(_orderFacts);

    /// <summary>The ids of the incidents in <paramref name="category"/>, oldest first (read from the facts, a new list each time).</summary>
    public IReadOnlyList<long> IdsInCategory(string category) => IdsOf(FactsInCategory(category));

    /// <summary>The ids of the incidents <paramref name="party"/> reported, oldest first (read from the facts, a new list each time).</summary>
    public IReadOnlyList<long> IdsReportedBy(PartyCode party) => IdsOf(FactsReportedBy(party));

    /// <summary>The ids of the incidents with at least one step, oldest first (read from the facts, a new list each time): the only ones whose status can be other than reported.</summary>
    public IReadOnlyList<long> IdsWithSteps => IdsOf(_steppedFacts);

    /// <summary>The ids of the incidents whose point is inside <paramref name="box"/> or on its edge (longitude/latitude), oldest first.</summary>
    public IReadOnlyList<long> IdsWithin(Envelope box)
    {
        ArgumentNullException.ThrowIfNull(box);
        var ids = _points.Query(box);
        ids.Sort();
        return ids;
    }

    /// <summary>The incidents neither resolved nor found on: those a deadline may still run on.</summary>
    public IEnumerable<Incident> Open => _open.Select(id => _incidents[id]);

    /// <summary>
    /// Decides an incident entry against the register and, when it is admissible, applies it and returns the incidents it
    /// made or changed. <paramref name="checkAuthor"/> is false for entries already in the record (replay) and for the
    /// server's own entries. Nothing changes on failure.
    /// </summary>
    public Result<IReadOnlyList<Incident>> Apply(IncidentEntry entry, bool checkAuthor = true)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var parsed = IncidentEvents.Parse(entry.Type, entry.Body, checkAuthor ? _config : null);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        return parsed.Value switch
        {
            IncidentReported report => Report(entry, report, checkAuthor),
            IncidentAcknowledged ack => Step(entry, ack.Incident, IncidentStepKind.Acknowledged, checkAuthor, null, null),
            IncidentReviewOpened review => Step(entry, review.Incident, IncidentStepKind.ReviewOpened, checkAuthor, null, null),
            IncidentResolved resolved => Step(entry, resolved.Incident, IncidentStepKind.Resolved, checkAuthor, resolved.Text, resolved.Lang),
            IncidentDisputed disputed => Step(entry, disputed.Incident, IncidentStepKind.Disputed, checkAuthor, disputed.Reason, disputed.Lang),
            IncidentReferred referred => Step(entry, referred.Incident, IncidentStepKind.Referred, checkAuthor, null, null),
            IncidentFindingRecorded finding => Step(entry, finding.Incident, IncidentStepKind.Finding, checkAuthor, finding.Reasons, finding.Lang, finding.Outcome),
            IncidentsLinked linked => Link(entry, linked, checkAuthor),
            IncidentEscalated escalated => Escalate(entry, escalated),
            _ => throw new InvalidOperationException($"Unhandled incident event {parsed.Value.GetType().Name}."),
        };
    }

    /// <summary>The incidents that are one event with <paramref name="id"/> (itself included), oldest first.</summary>
    public IReadOnlyList<long> EventOf(long id) =>
        _parent.ContainsKey(id) && _events.TryGetValue(Find(id), out var members) ? [.. members] : _incidents.ContainsKey(id) ? [id] : [];

    /// <summary>The id of the event an incident belongs to: the oldest report linked with it (itself when not linked).</summary>
    public long EventIdOf(long id) => _parent.ContainsKey(id) ? _events[Find(id)].Min : id;

    /// <summary>
    /// Reports that may be the same event as <paramref name="id"/> and are not linked with it yet: same category, starting
    /// within <see cref="IncidentsConfig.DuplicateWithinHours"/> and placed within <see cref="IncidentsConfig.DuplicateWithinKm"/>
    /// (great-circle distance between their points), oldest first.
    /// </summary>
    public IReadOnlyList<Incident> SuggestedDuplicates(long id)
    {
        if (!_incidents.TryGetValue(id, out var incident))
        {
            return [];
        }

        var km = _config.Incidents.DuplicateWithinKm;
        var hours = TimeSpan.FromHours(_config.Incidents.DuplicateWithinHours);
        var point = incident.Report.Point;
        var dLat = km / 111.32;
        var dLon = km / (111.32 * Math.Max(0.01, Math.Cos(point.Y * Math.PI / 180)));
        var box = new Envelope(point.X - dLon, point.X + dLon, point.Y - dLat, point.Y + dLat);
        var root = EventIdOf(id);
        var found = new List<Incident>();
        foreach (var other in _points.Query(box).Distinct())
        {
            var candidate = _incidents[other];
            if (other != id && string.Equals(candidate.Report.Category, incident.Report.Category, StringComparison.Ordinal)
                && (candidate.Report.Start - incident.Report.Start).Duration() <= hours
                && Kilometres(point, candidate.Report.Point) <= km
                && EventIdOf(other) != root)
            {
                found.Add(candidate);
            }
        }

        found.Sort((a, b) => a.Id.CompareTo(b.Id));
        return found;
    }

    /// <summary>The great-circle distance between two longitude/latitude points, in kilometres (haversine, mean Earth radius).</summary>
    public static double Kilometres(Coordinate a, Coordinate b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        const double Radius = 6371.0088;
        var lat1 = a.Y * Math.PI / 180;
        var lat2 = b.Y * Math.PI / 180;
        var dLat = lat2 - lat1;
        var dLon = (b.X - a.X) * Math.PI / 180;
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(lat1) * Math.Cos(lat2) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * Radius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private Result<IReadOnlyList<Incident>> Report(IncidentEntry entry, IncidentReported report, bool checkAuthor)
    {
        var reporterKind = _config.FindParty(entry.Party)?.Kind ?? PartyKind.Party;
        var concerns = report.Concerns.Count > 0
            ? report.Concerns
            : [.. _config.PartiesOfKind(PartyKind.Party).Select(p => p.Code).Where(p => p != entry.Party)];
        if (checkAuthor)
        {
            foreach (var party in report.Concerns)
            {
                if (_config.FindParty(party) is not { Kind: PartyKind.Party })
                {
                    return IncidentErrors.BadConcern(party, "only a party of the mechanism (not the convener or an observer) acknowledges incidents");
                }

                if (party == entry.Party)
                {
                    return IncidentErrors.BadConcern(party, "it is the reporter; name the other parties the report concerns");
                }
            }

            var missing = concerns.Append(_config.Convener.Code).Append(entry.Party).Distinct().Except(entry.Audience).ToList();
            if (missing.Count > 0)
            {
                return IncidentErrors.Audience(missing);
            }

            if (report.PlaceName is { } name)
            {
                var place = _gazetteer.Find(name);
                if (!place.Found)
                {
                    return IncidentErrors.UnknownPlace(name, place.Nearest);
                }
            }
        }

        var incident = new Incident(entry.Seq, entry.Party, reporterKind, entry.Author, entry.Audience, report, concerns, entry.ServerTime, entry.ClientTime);
        _incidents[incident.Id] = incident;
        _open.Add(incident.Id);
        var point = report.Point;
        _points.Insert(new Envelope(point), incident.Id);
        var facts = new IncidentFacts(
            incident.Id, report.Category, Parties.Of(incident.Party), Parties.Of(incident.Audience),
            report.Start.UtcTicks, (report.End ?? report.Start).UtcTicks, point.X, point.Y);
        _orderFacts.Add(facts);
        _factsById[incident.Id] = facts;
        Add(_byCategoryFacts, report.Category, facts);
        Add(_byPartyFacts, incident.Party, facts);
        return new[] { incident };
    }

    private Result<IReadOnlyList<Incident>> Step(IncidentEntry entry, long id, IncidentStepKind kind, bool checkAuthor, string? text, string? lang, FindingOutcome? outcome = null)
    {
        if (!_incidents.TryGetValue(id, out var incident) || !incident.Audience.Contains(entry.Party))
        {
            return IncidentErrors.NotFound(id);
        }

        if (checkAuthor)
        {
            var refused = Decide(entry, incident, kind);
            if (refused is not null)
            {
                return refused;
            }
        }

        var step = new IncidentStep(entry.Seq, kind, entry.Party, entry.Author, entry.ServerTime) { Text = text, Lang = lang, Outcome = outcome, Late = LatenessOf(incident, kind, entry.ServerTime) };
        var changed = incident with { Steps = [.. incident.Steps, step] };
        Replace(changed);
        if (changed.IsClosed)
        {
            _open.Remove(id);
        }

        return new[] { changed };
    }

    private Error? Decide(IncidentEntry entry, Incident incident, IncidentStepKind kind)
    {
        var missing = incident.Audience.Except(entry.Audience).ToList();
        if (missing.Count > 0)
        {
            return IncidentErrors.Audience(missing);
        }

        var party = entry.Party;
        var concerned = incident.Concerns.Contains(party);
        var side = concerned || party == incident.Party;
        var concernedList = string.Join(", ", incident.Concerns);
        var status = incident.Status;
        switch (kind)
        {
            case IncidentStepKind.Acknowledged:
                if (!concerned)
                {
                    return IncidentErrors.NotAllowed(incident.Id, party, "acknowledge", $"only the parties it concerns ({concernedList}) acknowledge it");
                }

                if (incident.Acknowledgements.FirstOrDefault(a => a.Party == party) is { } previous)
                {
                    return IncidentErrors.AlreadyAcknowledged(incident.Id, party, previous.Seq);
                }

                return status == IncidentStatus.Reported ? null : IncidentErrors.OutOfOrder(incident.Id, status, "acknowledged", "reported");
            case IncidentStepKind.ReviewOpened:
                if (!side)
                {
                    return IncidentErrors.NotAllowed(incident.Id, party, "review", $"the reporter's party ({incident.Party}) and the parties it concerns ({concernedList}) review it");
                }

                return status == IncidentStatus.Acknowledged ? null : IncidentErrors.OutOfOrder(incident.Id, status, "put under review", "acknowledged");
            case IncidentStepKind.Resolved:
                if (!side)
                {
                    return IncidentErrors.NotAllowed(incident.Id, party, "resolve", $"the reporter's party ({incident.Party}) and the parties it concerns ({concernedList}) resolve it");
                }

                return status == IncidentStatus.UnderReview ? null : IncidentErrors.OutOfOrder(incident.Id, status, "resolved", "under review");
            case IncidentStepKind.Disputed:
                if (!concerned)
                {
                    return IncidentErrors.NotAllowed(incident.Id, party, "dispute", $"only the parties it concerns ({concernedList}) dispute it");
                }

                return status is IncidentStatus.Reported or IncidentStatus.Acknowledged or IncidentStatus.UnderReview
                    ? null
                    : IncidentErrors.OutOfOrder(incident.Id, status, "disputed", "reported, acknowledged or under review");
            case IncidentStepKind.Referred:
                if (!side)
                {
                    return IncidentErrors.NotAllowed(incident.Id, party, "refer", $"the reporter's party ({incident.Party}) and the parties it concerns ({concernedList}) refer it");
                }

                return status == IncidentStatus.Disputed ? null : IncidentErrors.OutOfOrder(incident.Id, status, "referred to the convener", "disputed");
            case IncidentStepKind.Finding:
                if (party != _config.Convener.Code)
                {
                    return IncidentErrors.NotAllowed(incident.Id, party, "record a finding on", $"only the convener ({_config.Convener.Code}) records findings");
                }

                return status == IncidentStatus.Referred ? null : IncidentErrors.OutOfOrder(incident.Id, status, "found on", "referred to the convener");
            case IncidentStepKind.Linked:
            case IncidentStepKind.Escalated:
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a transition.");
        }
    }

    private Lateness? LatenessOf(Incident incident, IncidentStepKind kind, DateTimeOffset at)
    {
        var deadlines = _config.Deadlines;
        (string Rule, TimeSpan Span, DateTimeOffset? From) rule = kind switch
        {
            IncidentStepKind.Acknowledged => ("incidentAcknowledgement", deadlines.IncidentAcknowledgement, incident.ReportedAt),
            IncidentStepKind.Resolved or IncidentStepKind.Disputed when incident.AcknowledgedAt is { } acknowledged => ("incidentReview", deadlines.IncidentReview, acknowledged),
            IncidentStepKind.Finding => ("incidentFinding", deadlines.IncidentFinding, incident.ReferredAt),
            _ => (string.Empty, TimeSpan.Zero, null),
        };
        if (rule.From is not { } from)
        {
            return null;
        }

        var deadline = from + rule.Span;
        return at > deadline ? new Lateness(rule.Rule, rule.Span, at - deadline) : null;
    }

    private Result<IReadOnlyList<Incident>> Link(IncidentEntry entry, IncidentsLinked linked, bool checkAuthor)
    {
        var incidents = new List<Incident>();
        foreach (var id in linked.Incidents)
        {
            if (!_incidents.TryGetValue(id, out var incident) || !incident.Audience.Contains(entry.Party))
            {
                if (!checkAuthor)
                {
                    // A link already in the record may name a report not addressed to whoever folds it (the link is
                    // addressed to every linked report's audience): it links the reports this register holds.
                    continue;
                }

                return IncidentErrors.NotFound(id);
            }

            incidents.Add(incident);
        }

        if (incidents.Count == 0)
        {
            return IncidentErrors.NotFound(linked.Incidents[0]);
        }

        if (checkAuthor)
        {
            var kind = _config.FindParty(entry.Party)?.Kind;
            if (kind is not (PartyKind.Party or PartyKind.Convener))
            {
                return IncidentErrors.NotAllowed(incidents[0].Id, entry.Party, "link", "a party or the convener links reports");
            }

            var missing = incidents.SelectMany(i => i.Audience).Distinct().Except(entry.Audience).ToList();
            if (missing.Count > 0)
            {
                return IncidentErrors.Audience(missing);
            }

            if (linked.Incidents.Select(EventIdOf).Distinct().Count() == 1)
            {
                return IncidentErrors.AlreadyLinked(linked.Incidents);
            }
        }

        var changed = new List<Incident>();
        foreach (var incident in incidents)
        {
            var step = new IncidentStep(entry.Seq, IncidentStepKind.Linked, entry.Party, entry.Author, entry.ServerTime) { Text = linked.Reason, Linked = linked.Incidents };
            var updated = incident with { Steps = [.. incident.Steps, step] };
            Replace(updated);
            changed.Add(updated);
        }

        for (var i = 1; i < incidents.Count; i++)
        {
            Union(incidents[0].Id, incidents[i].Id);
        }

        return changed;
    }

    private Result<IReadOnlyList<Incident>> Escalate(IncidentEntry entry, IncidentEscalated escalated)
    {
        if (!_incidents.TryGetValue(escalated.Incident, out var incident))
        {
            return IncidentErrors.NotFound(escalated.Incident);
        }

        if (incident.Escalated(escalated.Stage))
        {
            return new Error.Conflict("incident-already-escalated", $"Incident {incident.Id} was escalated at the {escalated.Stage.Code()} stage already.");
        }

        var step = new IncidentStep(entry.Seq, IncidentStepKind.Escalated, entry.Party, entry.Author, entry.ServerTime) { Stage = escalated.Stage, Deadline = escalated.Deadline };
        var changed = incident with { Steps = [.. incident.Steps, step] };
        Replace(changed);
        return new[] { changed };
    }

    private static List<long> IdsOf(IReadOnlyList<IncidentFacts> facts) => [.. facts.Select(f => f.Id)];

    /// <summary>The index of the first of <paramref name="facts"/> (in id order) whose id is at or above <paramref name="id"/>.</summary>
    public static int FirstAtOrAbove(IReadOnlyList<IncidentFacts> facts, long id)
    {
        int low = 0, high = facts.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (facts[mid].Id < id)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> index, TKey key, TValue value)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var values))
        {
            index[key] = values = [];
        }

        values.Add(value);
    }

    /// <summary>Stores a changed incident; its first step puts it among <see cref="IdsWithSteps"/> (kept in id order).</summary>
    private void Replace(Incident changed)
    {
        _incidents[changed.Id] = changed;
        if (changed.Steps.Count == 1)
        {
            var at = FirstAtOrAbove(_steppedFacts, changed.Id);
            if (at == _steppedFacts.Count || _steppedFacts[at].Id != changed.Id)
            {
                _steppedFacts.Insert(at, _factsById[changed.Id]);
            }
        }
    }

    private long Find(long id)
    {
        var root = id;
        while (_parent.TryGetValue(root, out var up) && up != root)
        {
            root = up;
        }

        while (_parent.TryGetValue(id, out var up) && up != root)
        {
            _parent[id] = root;
            id = up;
        }

        return root;
    }

    private void Union(long a, long b)
    {
        foreach (var id in new[] { a, b })
        {
            if (_parent.TryAdd(id, id))
            {
                _events[id] = [id];
            }
        }

        var ra = Find(a);
        var rb = Find(b);
        if (ra == rb)
        {
            return;
        }

        // The larger event absorbs the smaller; its members are what EventOf lists.
        if (_events[ra].Count < _events[rb].Count)
        {
            (ra, rb) = (rb, ra);
        }

        _parent[rb] = ra;
        _events[ra].UnionWith(_events[rb]);
        _events.Remove(rb);
    }
}
