using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Liaison.Cli.Client;
using Liaison.Domain.Geo;
using Liaison.Features.Notices;
using Liaison.Web.Api;
using Spectre.Console;

namespace Liaison.Cli.Commands;

/// <summary>Deconfliction from the command line: <c>notice file</c>, <c>list</c>, <c>show</c>, <c>ack</c>, <c>object</c>, <c>cancel</c>.</summary>
public static class NoticeCommands
{
    public static Command Create(CliContext context, CliApp.GlobalOptions globals)
    {
        var notice = new Command("notice", "Activity notices: file, list, answer; conflicts and lateness are computed by the server");

        var kind = new Option<string>("--kind") { Description = "air-sortie, uav, ground-movement, live-fire, artillery, strike, naval, humanitarian-convoy, engineering-works", Required = true };
        var area = new Option<string>("--area") { Description = "GeoJSON file: a Polygon or MultiPolygon, a Feature or FeatureCollection of them, or a Point with --radius-m", Required = true };
        var radius = new Option<double?>("--radius-m") { Description = "Radius in metres around a Point area" };
        var from = new Option<string>("--from") { Description = "Window start: RFC 3339 (2026-01-10T08:00:00Z) or now, now+90m, now-1h, now+2d", Required = true };
        var to = new Option<string>("--to") { Description = "Window end (exclusive), same forms", Required = true };
        var altitude = new Option<string?>("--altitude") { Description = "Altitude band in metres, MIN-MAX (required for air-sortie and uav)" };
        var assets = new Option<string[]>("--asset") { Description = "An asset count, CLASS=N (troops, tanks, short-range-artillery, heavy-artillery, aircraft, uav, surface-to-air-missile, surface-to-surface-missile, vessels); repeatable", AllowMultipleArgumentsPerToken = false };
        var text = new Option<string?>("--text") { Description = "Free text, in any language" };
        var lang = new Option<string>("--lang") { Description = "The text's language tag", DefaultValueFactory = _ => "en" };
        var selfDefence = new Option<bool>("--self-defence") { Description = "A self-defence notice, which may be filed after its start" };
        var replaces = new Option<long?>("--replaces") { Description = "Amend this notice (a new version linked to it)" };
        var file = new Command("file", "File a notice of activity, signed with your key; prints its id, lateness and conflicts")
        {
            kind, area, radius, from, to, altitude, assets, text, lang, selfDefence, replaces,
        };
        file.SetAction(async (parse, cancellationToken) =>
        {
            var body = new JsonObject
            {
                ["kind"] = parse.GetValue(kind),
                ["area"] = ReadArea(parse.GetValue(area)!),
                ["window"] = new JsonObject
                {
                    ["start"] = Time(parse.GetValue(from)!, "--from", context.Time.GetUtcNow()),
                    ["end"] = Time(parse.GetValue(to)!, "--to", context.Time.GetUtcNow()),
                },
            };
            if (parse.GetValue(radius) is { } metres)
            {
                body["radiusMetres"] = metres;
            }

            if (parse.GetValue(altitude) is { } band)
            {
                body["altitude"] = Altitude(band);
            }

            if (parse.GetValue(assets) is { Length: > 0 } counts)
            {
                body["assets"] = Assets(counts);
            }

            if (parse.GetValue(text) is { } words)
            {
                body["text"] = words;
                body["lang"] = parse.GetValue(lang);
            }

            if (parse.GetValue(selfDefence))
            {
                body["selfDefence"] = true;
            }

            if (parse.GetValue(replaces) is { } replaced)
            {
                body["replaces"] = replaced;
            }

            return await SubmitAndShowAsync(context, globals, parse, "notice.file", body, about: parse.GetValue(replaces), idOf: r => r.Seq, cancellationToken);
        });

        var active = new Option<bool>("--active") { Description = "Only notices that stand and have not ended" };
        var list = new Command("list", "Notices your party may read, newest first") { active };
        list.SetAction((parse, cancellationToken) => ListAsync(context, globals, parse, parse.GetValue(active), cancellationToken));

        var showId = new Argument<long>("id") { Description = "The notice's id" };
        var show = new Command("show", "One notice with its conflicts, lateness and answers") { showId };
        show.SetAction(async (parse, cancellationToken) =>
        {
            var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
            using var client = context.ClientFor(profile);
            var view = await client.GetAsync<NoticeView>($"/api/v1/notices/{parse.GetValue(showId)}", cancellationToken);
            await PrintAsync(context, parse, globals, view);
            return ExitCodes.Ok;
        });

        notice.Subcommands.Add(file);
        notice.Subcommands.Add(list);
        notice.Subcommands.Add(show);
        notice.Subcommands.Add(Answer(context, globals, "ack", "Acknowledge another party's notice", "notice.ack", withReason: false));
        notice.Subcommands.Add(Answer(context, globals, "object", "Object to another party's notice, with a reason", "notice.object", withReason: true));
        notice.Subcommands.Add(Answer(context, globals, "cancel", "Cancel your party's notice, with a reason", "notice.cancel", withReason: true));
        return notice;
    }

    private static Command Answer(CliContext context, CliApp.GlobalOptions globals, string name, string description, string type, bool withReason)
    {
        var id = new Argument<long>("id") { Description = "The notice's id" };
        var reason = new Option<string>("--reason") { Description = "Why", Required = true };
        var command = new Command(name, description) { id };
        if (withReason)
        {
            command.Options.Add(reason);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var body = new JsonObject { ["notice"] = parse.GetValue(id) };
            if (withReason)
            {
                body["reason"] = parse.GetValue(reason);
            }

            return await SubmitAndShowAsync(context, globals, parse, type, body, about: parse.GetValue(id), idOf: _ => parse.GetValue(id), cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// Signs and submits a notice entry, then shows the notice. A new notice goes to every party of the mechanism; a step
    /// of notice <paramref name="about"/> (an answer, a cancellation, an amendment) goes to exactly that notice's audience,
    /// as the server requires, so no one outside it learns of the step.
    /// </summary>
    private static async Task<int> SubmitAndShowAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, string type, JsonObject body, long? about, Func<SubmitEntryResponseView, long> idOf, CancellationToken cancellationToken)
    {
        var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        using var client = context.ClientFor(profile);
        var audience = about is { } noticeId
            ? [.. (await client.GetAsync<NoticeView>($"/api/v1/notices/{noticeId}", cancellationToken)).Audience]
            : (await client.GetAsync<MechanismView>("/api/v1/mechanism", cancellationToken)).Parties.Select(p => p.Code).ToList();
        var result = await EntrySubmitter.SubmitAsync(context, profile, client, type, body, audience, cancellationToken);
        var view = await client.GetAsync<NoticeView>($"/api/v1/notices/{idOf(new SubmitEntryResponseView(result.Seq))}", cancellationToken);
        return await EntrySubmitter.ShowRecordedAsync(context, parse.GetValue(globals.Json), result, view, () => PrintAsync(context, parse, globals, view));
    }

    private static async Task PrintAsync(CliContext context, ParseResult parse, CliApp.GlobalOptions globals, NoticeView view)
    {
        if (parse.GetValue(globals.Json))
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(view, JsonSerializerOptions.Web));
            return;
        }

        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Notice {view.Id} (version {view.Version}{(view.Replaces is { } r ? $", amends {r}" : string.Empty)}): {view.Kind} by {view.Party}, {view.Status}{(view.SelfDefence ? ", self-defence" : string.Empty)}"),
            string.Create(CultureInfo.InvariantCulture, $"  window {view.Window.Start.UtcDateTime:yyyy-MM-dd HH:mm} – {view.Window.End.UtcDateTime:yyyy-MM-dd HH:mm} UTC, filed {view.FiledAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC"),
        };
        if (view.Late is { } late)
        {
            lines.Add($"  LATE by {Describe(late.ShortfallSeconds)} (rule {late.Rule}, {Describe((long)XmlConvert.ToTimeSpan(late.RequiredLead).TotalSeconds)} {(late.Rule == "self-defence-grace" ? "allowed after the start" : "of lead time required")})");
        }

        if (view.Zones.Count > 0)
        {
            lines.Add("  zones: " + string.Join(", ", view.Zones));
        }

        lines.Add(view.Conflicts.Count == 0 ? "  no conflicts" : $"  {view.Conflicts.Count} conflict(s):");
        lines.AddRange(view.Conflicts.Select(c => $"    {c.Code}: {c.Detail}"));
        lines.AddRange(view.Responses.Select(a => string.Create(CultureInfo.InvariantCulture, $"  {a.Kind} by {a.Party} ({a.Author}) at {a.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC{(a.Reason is null ? string.Empty : ": " + a.Reason)}")));
        foreach (var line in lines)
        {
            await context.Out.WriteLineAsync(line);
        }
    }

    private static async Task<int> ListAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, bool active, CancellationToken cancellationToken)
    {
        var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        using var client = context.ClientFor(profile);
        var notices = await client.GetAsync<List<NoticeView>>("/api/v1/notices" + (active ? "?active=true" : string.Empty), cancellationToken);
        if (parse.GetValue(globals.Json))
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(notices, JsonSerializerOptions.Web));
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumns("Id", "Party", "Kind", "Status", "Window (UTC)", "Late", "Conflicts");
        foreach (var view in notices)
        {
            table.AddRow(
                view.Id.ToString(CultureInfo.InvariantCulture),
                view.Party,
                view.Kind + (view.SelfDefence ? " (self-defence)" : string.Empty),
                view.Status,
                string.Create(CultureInfo.InvariantCulture, $"{view.Window.Start.UtcDateTime:MM-dd HH:mm} – {view.Window.End.UtcDateTime:MM-dd HH:mm}"),
                view.Late is { } late ? Describe(late.ShortfallSeconds) : string.Empty,
                Markup.Escape(string.Join(", ", view.Conflicts.Select(c => c.Notices.Count > 0 ? $"{c.Code} {string.Join("/", c.Notices)}" : $"{c.Code} {string.Join("/", c.Zones)}"))));
        }

        context.Console.Write(table);
        return ExitCodes.Ok;
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
            throw new CliFailure($"cannot read {path}: {ex.Message}");
        }

        var geometry = NoticeArea.GeometryOfDocument(text);
        return geometry.IsSuccess ? GeoJsonWriter.ToNode(geometry.Value) : throw new CliFailure($"{path}: {geometry.Error.Detail}");
    }

    private static JsonObject Altitude(string band)
    {
        var parts = band.Split('-');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var max)
            ? new JsonObject { ["minMetres"] = min, ["maxMetres"] = max }
            : throw new CliFailure($"--altitude is MIN-MAX in whole metres, e.g. 500-6000, not '{band}'.");
    }

    private static JsonObject Assets(string[] counts)
    {
        var assets = new JsonObject();
        foreach (var item in counts)
        {
            var parts = item.Split('=');
            if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                throw new CliFailure($"--asset is CLASS=N, e.g. tanks=12, not '{item}'.");
            }

            assets[parts[0]] = count;
        }

        return assets;
    }

    /// <summary>RFC 3339 as given, or <c>now</c> with an optional <c>+</c>/<c>-</c> offset in m, h or d.</summary>
    internal static string Time(string text, string option, DateTimeOffset now)
    {
        if (text.StartsWith("now", StringComparison.Ordinal))
        {
            var rest = text[3..];
            if (rest.Length == 0)
            {
                return Format(now);
            }

            if (rest.Length >= 3 && rest[0] is '+' or '-' && int.TryParse(rest[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            {
                var span = rest[^1] switch
                {
                    'm' => TimeSpan.FromMinutes(amount),
                    'h' => TimeSpan.FromHours(amount),
                    'd' => TimeSpan.FromDays(amount),
                    _ => (TimeSpan?)null,
                };
                if (span is { } offset)
                {
                    return Format(rest[0] == '+' ? now + offset : now - offset);
                }
            }
        }
        else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) && (text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 10))
        {
            return Format(time);
        }

        throw new CliFailure($"{option} is an RFC 3339 time with a zone (2026-01-10T08:00:00Z) or now, now+90m, now-1h, now+2d; not '{text}'.");
    }

    private static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Describe(long seconds)
    {
        var span = TimeSpan.FromSeconds(seconds);
        return span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min")
            : span.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Seconds} s");
    }

    private sealed record SubmitEntryResponseView(long Seq);
}
