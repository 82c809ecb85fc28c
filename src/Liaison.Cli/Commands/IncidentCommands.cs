using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Cli.Client;
using Liaison.Domain.Geo;
using Liaison.Features.Incidents;
using Liaison.Web.Api;
using Spectre.Console;

namespace Liaison.Cli.Commands;

/// <summary>
/// Incidents from the command line: <c>incident report</c> (evidence uploaded first, a place name resolved through the
/// gazetteer), <c>list</c>, <c>show</c>, the workflow's steps <c>ack</c>, <c>review</c>, <c>resolve</c>, <c>dispute</c>,
/// <c>refer</c>, the convener's <c>finding</c>, and <c>link</c>.
/// </summary>
public static class IncidentCommands
{
    public static Command Create(CliContext context, CliApp.GlobalOptions globals)
    {
        var incident = new Command("incident", "Incidents: report, list, show, and move through acknowledgement, review, dispute, referral and finding");
        incident.Subcommands.Add(Report(context, globals));

        var category = new Option<string?>("--category") { Description = "Only this category" };
        var party = new Option<string?>("--party") { Description = "Only reports by this party" };
        var status = new Option<string?>("--status") { Description = "Only this status: reported, acknowledged, under-review, resolved, disputed, referred, finding" };
        var limit = new Option<int?>("--limit") { Description = "At most this many (1 to 500, default 50)" };
        var list = new Command("list", "Incidents your party may read, newest first") { category, party, status, limit };
        list.SetAction((parse, cancellationToken) => ListAsync(context, globals, parse, parse.GetValue(category), parse.GetValue(party), parse.GetValue(status), parse.GetValue(limit), cancellationToken));
        incident.Subcommands.Add(list);

        var showId = new Argument<long>("id") { Description = "The incident's id" };
        var show = new Command("show", "One incident: status, deadline, acknowledgements, finding, linked event, suggested duplicates, timeline") { showId };
        show.SetAction(async (parse, cancellationToken) =>
        {
            var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
            using var client = context.ClientFor(profile);
            var view = await client.GetAsync<IncidentView>($"/api/v1/incidents/{parse.GetValue(showId)}", cancellationToken);
            await PrintAsync(context, parse, globals, view);
            return ExitCodes.Ok;
        });
        incident.Subcommands.Add(show);

        incident.Subcommands.Add(Step(context, globals, "ack", "Acknowledge an incident that concerns your party", "incident.ack", null));
        incident.Subcommands.Add(Step(context, globals, "review", "Open the joint review of an acknowledged incident", "incident.review", null));
        incident.Subcommands.Add(Step(context, globals, "resolve", "Resolve an incident under review", "incident.resolve", ("--text", "text", "Resolved in the joint review.")));
        incident.Subcommands.Add(Step(context, globals, "dispute", "Dispute an incident that concerns your party", "incident.dispute", ("--reason", "reason", "The report is disputed; reasons to follow.")));
        incident.Subcommands.Add(Step(context, globals, "refer", "Refer a disputed incident to the convener", "incident.refer", null));
        incident.Subcommands.Add(Finding(context, globals));
        incident.Subcommands.Add(Link(context, globals));
        return incident;
    }

    private static Command Report(CliContext context, CliApp.GlobalOptions globals)
    {
        var category = new Option<string>("--category") { Description = "The category (exchange-of-fire, line-crossing, airspace-violation, strike, smuggling-arms, smuggling-drugs, terrorist-attack, attack-on-protected-community, detention, humanitarian, other)", Required = true };
        var at = new Option<string>("--at") { Description = "When it happened (or began): RFC 3339 or now, now-2h …", Required = true };
        var until = new Option<string?>("--until") { Description = "When it ended, for an interval" };
        var point = new Option<string?>("--point") { Description = "Where: LON,LAT in degrees" };
        var area = new Option<string?>("--area") { Description = "Where: a GeoJSON file (Polygon or MultiPolygon, a Feature or FeatureCollection of them)" };
        var place = new Option<string?>("--place") { Description = "Where: a place name in English or Arabic, resolved through the gazetteer" };
        var grading = new Option<string>("--grading") { Description = "NATO Admiralty code: source reliability A–F, information credibility 1–6, e.g. B2", Required = true };
        var actors = new Option<string[]>("--actor") { Description = "An actor code (repeatable): israeli-forces, syrian-government-forces, druze-militia, hezbollah, unknown …" };
        var killed = new Option<string[]>("--killed") { Description = "Killed, as [SIDE=]MIN-MAX (SIDE a party code or civilians, the default); repeatable" };
        var wounded = new Option<string[]>("--wounded") { Description = "Wounded, as [SIDE=]MIN-MAX; repeatable" };
        var evidence = new Option<string[]>("--evidence") { Description = "An evidence file, uploaded first (repeatable)" };
        var concerns = new Option<string[]>("--concerns") { Description = "A party that must acknowledge (repeatable; default: the other parties)" };
        var narrative = new Option<string?>("--narrative") { Description = "What happened, in any language" };
        var lang = new Option<string>("--lang") { Description = "The narrative's language tag", DefaultValueFactory = _ => "en" };
        var notices = new Option<long[]>("--link-notice") { Description = "A related notice's id (repeatable)" };
        var messages = new Option<long[]>("--link-message") { Description = "A related hotline message's id (repeatable)" };
        var command = new Command("report", "Report an incident, signed with your key; prints its id, status and deadline")
        {
            category, at, until, point, area, place, grading, actors, killed, wounded, evidence, concerns, narrative, lang, notices, messages,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var where = new[] { parse.GetValue(point), parse.GetValue(area), parse.GetValue(place) }.Count(w => w is not null);
            if (where != 1)
            {
                throw new CliFailure("say where with exactly one of --point LON,LAT, --area FILE.geojson or --place NAME.", ExitCodes.Usage);
            }

            var now = context.Time.GetUtcNow();
            var time = new JsonObject { ["start"] = NoticeCommands.Time(parse.GetValue(at)!, "--at", now) };
            if (parse.GetValue(until) is { } end)
            {
                time["end"] = NoticeCommands.Time(end, "--until", now);
            }

            var body = new JsonObject { ["category"] = parse.GetValue(category), ["time"] = time };
            var casualties = Casualties(parse.GetValue(killed) ?? [], parse.GetValue(wounded) ?? []);
            var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
            using var client = context.ClientFor(profile);
            if (parse.GetValue(point) is { } lonLat)
            {
                body["location"] = Point(lonLat);
            }
            else if (parse.GetValue(area) is { } file)
            {
                body["location"] = ReadArea(file);
            }
            else
            {
                var name = parse.GetValue(place)!;
                var found = await client.GetAsync<PlaceLookupView>("/api/v1/places?q=" + Uri.EscapeDataString(name), cancellationToken);
                if (found.Matches.Count == 0)
                {
                    throw new CliFailure(found.Nearest.Count == 0
                        ? $"no place is named '{name}'."
                        : $"no place is named '{name}'; nearest: {string.Join(", ", found.Nearest.Select(p => p.Within is null ? p.Name : $"{p.Name} ({p.Within})"))}.");
                }

                var match = found.Matches[0];
                body["location"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(match.Point[0], match.Point[1]) };
                body["placeName"] = name;
            }

            body["actors"] = new JsonArray([.. (parse.GetValue(actors) ?? []).Select(a => (JsonNode)JsonValue.Create(a))]);
            if (casualties.Count > 0)
            {
                body["casualties"] = casualties;
            }

            if (parse.GetValue(narrative) is { } text)
            {
                body["narrative"] = new JsonObject { ["text"] = text, ["lang"] = parse.GetValue(lang) };
            }

            body["grading"] = parse.GetValue(grading);
            if (parse.GetValue(concerns) is { Length: > 0 } concerned)
            {
                body["concerns"] = new JsonArray([.. concerned.Select(c => (JsonNode)JsonValue.Create(c.ToUpperInvariant()))]);
            }

            var linkedNotices = parse.GetValue(notices) ?? [];
            var linkedMessages = parse.GetValue(messages) ?? [];
            if (linkedNotices.Length + linkedMessages.Length > 0)
            {
                body["links"] = new JsonObject
                {
                    ["notices"] = new JsonArray([.. linkedNotices.Select(n => (JsonNode)JsonValue.Create(n))]),
                    ["messages"] = new JsonArray([.. linkedMessages.Select(m => (JsonNode)JsonValue.Create(m))]),
                };
            }

            // The evidence is uploaded last, once everything else is known to be well formed.
            if (parse.GetValue(evidence) is { Length: > 0 } files)
            {
                body["evidence"] = await AttachmentCommands.UploadAllAsync(client, files, cancellationToken);
            }

            var mechanism = await client.GetAsync<MechanismView>("/api/v1/mechanism", cancellationToken);
            return await SubmitAndShowAsync(context, globals, parse, client, profile, "incident.report", body, [.. mechanism.Parties.Select(p => p.Code)], seq => seq, cancellationToken);
        });
        return command;
    }

    private static Command Step(CliContext context, CliApp.GlobalOptions globals, string name, string description, string type, (string Option, string Field, string Default)? words)
    {
        var id = new Argument<long>("id") { Description = "The incident's id" };
        var command = new Command(name, description) { id };
        Option<string>? text = null;
        var lang = new Option<string>("--lang") { Description = "The text's language tag", DefaultValueFactory = _ => "en" };
        if (words is { } w)
        {
            text = new Option<string>(w.Option) { Description = $"Why, in any language (default: \"{w.Default}\")", DefaultValueFactory = _ => w.Default };
            command.Options.Add(text);
            command.Options.Add(lang);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var body = new JsonObject { ["incident"] = parse.GetValue(id) };
            if (words is { } w && text is not null)
            {
                body[w.Field] = parse.GetValue(text);
                body["lang"] = parse.GetValue(lang);
            }

            return await OnIncidentsAsync(context, globals, parse, type, body, [parse.GetValue(id)], cancellationToken);
        });
        return command;
    }

    private static Command Finding(CliContext context, CliApp.GlobalOptions globals)
    {
        var id = new Argument<long>("id") { Description = "The incident's id" };
        var outcome = new Option<string>("--outcome") { Description = "substantiated, unsubstantiated or inconclusive", Required = true };
        var reason = new Option<string>("--reason") { Description = "The reasons, in any language", Required = true };
        var lang = new Option<string>("--lang") { Description = "The reasons' language tag", DefaultValueFactory = _ => "en" };
        var command = new Command("finding", "The convener's finding on a referred incident") { id, outcome, reason, lang };
        command.SetAction((parse, cancellationToken) => OnIncidentsAsync(context, globals, parse, "incident.finding",
            new JsonObject { ["incident"] = parse.GetValue(id), ["outcome"] = parse.GetValue(outcome), ["reasons"] = parse.GetValue(reason), ["lang"] = parse.GetValue(lang) },
            [parse.GetValue(id)], cancellationToken));
        return command;
    }

    private static Command Link(CliContext context, CliApp.GlobalOptions globals)
    {
        var ids = new Argument<long[]>("ids") { Description = "Two or more incident ids: the reports of one event", Arity = new ArgumentArity(2, 20) };
        var reason = new Option<string?>("--reason") { Description = "Why they are one event" };
        var command = new Command("link", "Link reports as one event (nothing is deleted)") { ids, reason };
        command.SetAction((parse, cancellationToken) =>
        {
            var linked = parse.GetValue(ids)!;
            var body = new JsonObject { ["incidents"] = new JsonArray([.. linked.Select(i => (JsonNode)JsonValue.Create(i))]) };
            if (parse.GetValue(reason) is { } why)
            {
                body["reason"] = why;
            }

            return OnIncidentsAsync(context, globals, parse, "incident.link", body, linked, cancellationToken);
        });
        return command;
    }

    /// <summary>Submits an entry about <paramref name="incidents"/>, addressed to everyone who reads them, then shows the first.</summary>
    private static async Task<int> OnIncidentsAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, string type, JsonObject body, IReadOnlyList<long> incidents, CancellationToken cancellationToken)
    {
        var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        using var client = context.ClientFor(profile);
        var audience = new List<string>();
        foreach (var incident in incidents.Distinct())
        {
            var view = await client.GetAsync<IncidentView>($"/api/v1/incidents/{incident}", cancellationToken);
            audience.AddRange(view.Audience.Where(p => !audience.Contains(p, StringComparer.Ordinal)));
        }

        return await SubmitAndShowAsync(context, globals, parse, client, profile, type, body, audience, _ => incidents[0], cancellationToken);
    }

    private static async Task<int> SubmitAndShowAsync(
        CliContext context, CliApp.GlobalOptions globals, ParseResult parse, LiaisonClient client, Client.Profile profile, string type, JsonObject body, IReadOnlyList<string> audience, Func<long, long> idOf, CancellationToken cancellationToken)
    {
        var result = await EntrySubmitter.SubmitAsync(context, profile, client, type, body, audience, cancellationToken);
        var view = await client.GetAsync<IncidentView>($"/api/v1/incidents/{idOf(result.Seq)}", cancellationToken);
        return await EntrySubmitter.ShowRecordedAsync(context, parse.GetValue(globals.Json), result, view, () => PrintAsync(context, parse, globals, view));
    }

    private static async Task PrintAsync(CliContext context, ParseResult parse, CliApp.GlobalOptions globals, IncidentView view)
    {
        if (parse.GetValue(globals.Json))
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(view, JsonSerializerOptions.Web));
            return;
        }

        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Incident {view.Id}: {view.Category} reported by {view.Party} ({view.Author}), {view.Status}, grading {view.Grading}"),
            string.Create(CultureInfo.InvariantCulture, $"  when {view.Time.Start.UtcDateTime:yyyy-MM-dd HH:mm}{(view.Time.End is { } end ? $" – {end.UtcDateTime:yyyy-MM-dd HH:mm}" : string.Empty)} UTC; where {view.PlaceName ?? "-"} ({view.Point[1]:0.#####}, {view.Point[0]:0.#####} lat, lon)"),
            $"  concerns {string.Join(", ", view.Concerns)}; actors {(view.Actors.Count == 0 ? "none named" : string.Join(", ", view.Actors))}",
        };
        if (view.Deadline is { } deadline)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  {deadline.Stage} due {deadline.Due.UtcDateTime:yyyy-MM-dd HH:mm} UTC{(deadline.Passed ? " (passed)" : string.Empty)}{(deadline.Escalated ? ", escalated" : string.Empty)}"));
        }

        if (view.Event.Count > 1)
        {
            lines.Add($"  one event with {string.Join(", ", view.Event.Where(e => e != view.Id))}");
        }

        if (view.SuggestedDuplicates.Count > 0)
        {
            lines.Add("  may be the same event as " + string.Join(", ", view.SuggestedDuplicates.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Id} ({d.Party}, {d.DistanceKm:0.#} km)"))));
        }

        lines.AddRange(view.Timeline.Select(t => string.Create(CultureInfo.InvariantCulture,
            $"  {t.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} {t.Type} by {t.Party} ({t.Author}){(t.Outcome is null ? string.Empty : ": " + t.Outcome)}{(t.Stage is null ? string.Empty : ": " + t.Stage)}{(t.Late is { } late ? $" LATE by {Describe(late.ShortfallSeconds)}" : string.Empty)}{(t.Text is null || t.Type == "incident.report" ? string.Empty : " — " + t.Text)}")));
        foreach (var line in lines)
        {
            await context.Out.WriteLineAsync(line);
        }
    }

    private static async Task<int> ListAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, string? category, string? party, string? status, int? limit, CancellationToken cancellationToken)
    {
        var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        using var client = context.ClientFor(profile);
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("category", category);
        Add("party", party);
        Add("status", status);
        Add("limit", limit?.ToString(CultureInfo.InvariantCulture));
        var page = await client.GetAsync<IncidentPage>("/api/v1/incidents" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty), cancellationToken);
        if (parse.GetValue(globals.Json))
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(page, JsonSerializerOptions.Web));
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumns("Id", "Event", "Party", "Category", "Status", "When (UTC)", "Place", "Grading", "Deadline (UTC)", "Late");
        foreach (var item in page.Items)
        {
            table.AddRow(
                item.Id.ToString(CultureInfo.InvariantCulture),
                item.EventId.ToString(CultureInfo.InvariantCulture),
                item.Party,
                item.Category,
                item.Status,
                item.Time.Start.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture),
                Markup.Escape(item.PlaceName ?? string.Empty),
                item.Grading,
                item.Deadline is { } d ? string.Create(CultureInfo.InvariantCulture, $"{d.Stage} {d.Due.UtcDateTime:MM-dd HH:mm}{(d.Escalated ? " escalated" : string.Empty)}") : string.Empty,
                item.Late ? "late" : string.Empty);
        }

        context.Console.Write(table);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Prints the incident figures of each side for the period from <paramref name="from"/> to now (whole seconds, at
    /// least one), after the hotline's in <c>liaison stats</c>.
    /// </summary>
    internal static async Task PrintStatisticsAsync(CliContext context, LiaisonClient client, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var seconds = Math.Max(1, (long)(context.Time.GetUtcNow() - from).TotalSeconds);
        var stats = await client.GetAsync<IncidentStatisticsView>(string.Create(CultureInfo.InvariantCulture, $"/api/v1/incidents/stats?period=PT{seconds}S"), cancellationToken);
        var table = new Table().AddColumns("Party", "Reported", "By category", "Concerning it", "Acknowledged", "Late", "Median", "p90", "Escalations", "Findings on its reports (S/U/I)");
        foreach (var side in stats.Sides)
        {
            table.AddRow(
                side.Party,
                side.Reported.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(", ", side.ReportedByCategory.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value}")))),
                side.Concerning.ToString(CultureInfo.InvariantCulture),
                side.Acknowledged.ToString(CultureInfo.InvariantCulture),
                side.AcknowledgedLate.ToString(CultureInfo.InvariantCulture),
                side.AcknowledgeMedianSeconds is { } median ? Describe(median) : "-",
                side.AcknowledgeP90Seconds is { } p90 ? Describe(p90) : "-",
                side.Escalations.ToString(CultureInfo.InvariantCulture),
                string.Join("/", new[] { "substantiated", "unsubstantiated", "inconclusive" }.Select(o => side.FindingsOnItsReports.TryGetValue(o, out var n) ? n : 0)));
        }

        context.Console.MarkupLineInterpolated($"Incidents reported from {stats.From:yyyy-MM-dd HH:mm} to {stats.To:yyyy-MM-dd HH:mm} UTC, the same computation for each side:");
        context.Console.Write(table);
    }

    private static JsonObject Point(string text)
    {
        var parts = text.Split(',');
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) && lon is >= -180 and <= 180
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) && lat is >= -90 and <= 90
            ? new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(lon, lat) }
            : throw new CliFailure($"--point is LON,LAT in degrees (longitude first), e.g. 36.57,32.71, not '{text}'.", ExitCodes.Usage);
    }

    private static JsonNode ReadArea(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliFailure($"cannot read {path}: {ex.Message}", ExitCodes.Usage);
        }

        var geometry = NoticeArea.GeometryOfDocument(text);
        return geometry.IsSuccess ? GeoJsonWriter.ToNode(geometry.Value) : throw new CliFailure($"{path}: {geometry.Error.Detail}", ExitCodes.Usage);
    }

    /// <summary>Reads <c>--killed</c> and <c>--wounded</c> values <c>[SIDE=]MIN-MAX</c> (or one number) into the casualties object.</summary>
    private static JsonObject Casualties(string[] killed, string[] wounded)
    {
        var sides = new JsonObject();
        foreach (var (option, values, field) in new[] { ("--killed", killed, "killed"), ("--wounded", wounded, "wounded") })
        {
            foreach (var value in values)
            {
                var equals = value.IndexOf('=', StringComparison.Ordinal);
                var side = equals < 0 ? "civilians" : value[..equals];
                side = side.Equals("civilians", StringComparison.OrdinalIgnoreCase) ? "civilians" : side.ToUpperInvariant();
                var range = equals < 0 ? value : value[(equals + 1)..];
                var bounds = range.Split('-');
                if (bounds.Length is not (1 or 2)
                    || !int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min)
                    || !int.TryParse(bounds[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var max))
                {
                    throw new CliFailure($"{option} is [SIDE=]MIN-MAX with whole numbers, e.g. 2-5 or SYR=0-1, not '{value}'.", ExitCodes.Usage);
                }

                if (min > max)
                {
                    throw new CliFailure($"{option} {value}: the minimum {min} is above the maximum {max}.", ExitCodes.Usage);
                }

                if (sides[side] is not JsonObject entry)
                {
                    sides[side] = entry = [];
                }

                if (entry[field] is not null)
                {
                    throw new CliFailure($"{option} names {side} twice.", ExitCodes.Usage);
                }

                entry[field] = new JsonObject { ["min"] = min, ["max"] = max };
            }
        }

        return sides;
    }

    private static string Describe(long seconds)
    {
        var span = TimeSpan.FromSeconds(seconds);
        return span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min")
            : span.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Seconds} s");
    }
}
