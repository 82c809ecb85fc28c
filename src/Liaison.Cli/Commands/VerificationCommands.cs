using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Cli.Client;
using Liaison.Features.Entries;
using Liaison.Features.VerificationVisits;
using Liaison.Web.Api;
using Spectre.Console;

namespace Liaison.Cli.Commands;

/// <summary>Verification visits from the command line: <c>verification request</c>, <c>report</c>, <c>list</c>, <c>show</c>, <c>schedule</c>.</summary>
public static class VerificationCommands
{
    public static Command Create(CliContext context, CliApp.GlobalOptions globals)
    {
        var verification = new Command("verification", "Verification visits: a party's request, the convener's or an observer's report, each zone's schedule");

        var zone = new Option<string>("--zone") { Description = "The zone's code, e.g. aos (see GET /api/v1/zones)", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why the zone should be verified", Required = true };
        var lang = new Option<string>("--lang") { Description = "The text's language tag (he, ar, en, …)", DefaultValueFactory = _ => "en" };
        var request = new Command("request", "Ask for a zone to be verified (answered within the on-demand deadline, 48 h by default)") { zone, reason, lang };
        request.SetAction(async (parse, cancellationToken) =>
        {
            var body = new JsonObject { ["zone"] = parse.GetValue(zone), ["reason"] = parse.GetValue(reason), ["lang"] = parse.GetValue(lang) };
            var (client, result) = await SubmitAsync(context, globals, parse, "verification.request", body, null, cancellationToken);
            using (client)
            {
                var view = await client.GetAsync<VerificationRequestView>($"/api/v1/verification/requests/{result.Seq}", cancellationToken);
                return await EntrySubmitter.ShowRecordedAsync(context, parse.GetValue(globals.Json), result, view, () => PrintRequestAsync(context, view));
            }
        });

        var reportZone = new Option<string>("--zone") { Description = "The zone visited", Required = true };
        var answers = new Option<long?>("--request") { Description = "The request this visit answers" };
        var from = new Option<string>("--from") { Description = "Visit start: RFC 3339 or now, now-3h, …", Required = true };
        var to = new Option<string>("--to") { Description = "Visit end, same forms; not after now", Required = true };
        var observed = new Option<string[]>("--observed") { Description = "Forces seen of one party, PARTY:CLASS=N,CLASS=N (e.g. SYR:troops=40,tanks=2); repeatable", AllowMultipleArgumentsPerToken = false };
        var violations = new Option<string[]>("--violation") { Description = "A violation you state, PARTY:RULE:TEXT (e.g. ISR:access-denied:The gate was closed to the patrol); repeatable", AllowMultipleArgumentsPerToken = false };
        var text = new Option<string>("--text") { Description = "The report, in any language", Required = true };
        var reportLang = new Option<string>("--lang") { Description = "The text's language tag", DefaultValueFactory = _ => "en" };
        var evidence = new Option<string[]>("--evidence") { Description = "A file given as evidence; repeatable", AllowMultipleArgumentsPerToken = false };
        var report = new Command("report", "Report a visit (convener's mediator or observer): forces observed are checked against the zone's limits")
        {
            reportZone, answers, from, to, observed, violations, text, reportLang, evidence,
        };
        report.SetAction(async (parse, cancellationToken) =>
        {
            var now = context.Time.GetUtcNow();
            var body = new JsonObject
            {
                ["zone"] = parse.GetValue(reportZone),
                ["visit"] = new JsonObject
                {
                    ["start"] = NoticeCommands.Time(parse.GetValue(from)!, "--from", now),
                    ["end"] = NoticeCommands.Time(parse.GetValue(to)!, "--to", now),
                },
                ["observed"] = Observed(parse.GetValue(observed) ?? []),
                ["violations"] = Violations(parse.GetValue(violations) ?? []),
                ["text"] = parse.GetValue(text),
                ["lang"] = parse.GetValue(reportLang),
            };
            if (parse.GetValue(answers) is { } answered)
            {
                body["request"] = answered;
            }

            var (client, result) = await SubmitAsync(context, globals, parse, "verification.report", body, parse.GetValue(evidence), cancellationToken);
            using (client)
            {
                var view = await client.GetAsync<VerificationReportView>($"/api/v1/verification/reports/{result.Seq}", cancellationToken);
                return await EntrySubmitter.ShowRecordedAsync(context, parse.GetValue(globals.Json), result, view, () => PrintReportAsync(context, view));
            }
        });

        var listZone = new Option<string?>("--zone") { Description = "Only this zone" };
        var list = new Command("list", "Requests and reports your party may read, newest first") { listZone };
        list.SetAction(async (parse, cancellationToken) =>
        {
            var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
            using var client = context.ClientFor(profile);
            var query = DisputeCommands.Query(("zone", parse.GetValue(listZone)));
            var requests = await client.GetAsync<List<VerificationRequestView>>("/api/v1/verification/requests" + query, cancellationToken);
            var reports = await client.GetAsync<List<VerificationReportView>>("/api/v1/verification/reports" + query, cancellationToken);
            if (parse.GetValue(globals.Json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(new { requests, reports }, JsonSerializerOptions.Web));
                return ExitCodes.Ok;
            }

            var requestTable = new Table().AddColumns("Request", "Party", "Zone", "Asked (UTC)", "Due (UTC)", "Status", "Answered by");
            foreach (var r in requests)
            {
                requestTable.AddRow(Id(r.Id), r.Party, r.Zone, Utc(r.At), Utc(r.Due), r.Status + (r.Late is { } late ? $" ({DisputeCommands.Describe(late.Seconds)})" : string.Empty), r.AnsweredBy is { } by ? Id(by) : string.Empty);
            }

            var reportTable = new Table().AddColumns("Report", "By", "Zone", "Visit (UTC)", "Request", "Violations");
            foreach (var r in reports)
            {
                reportTable.AddRow(Id(r.Id), $"{r.Party} ({r.Author})", r.Zone, $"{Utc(r.Visit.Start)} – {Utc(r.Visit.End)}", r.Request is { } q ? Id(q) : string.Empty,
                    Markup.Escape(r.Violations.Count == 0 ? "none" : string.Join(", ", r.Violations.Select(v => $"{v.Party} {v.Rule}"))));
            }

            context.Console.MarkupLine("Requests for verification:");
            context.Console.Write(requestTable);
            context.Console.MarkupLine("Verification reports:");
            context.Console.Write(reportTable);
            return ExitCodes.Ok;
        });

        var showId = new Argument<long>("id") { Description = "A report's id" };
        var show = new Command("show", "One verification report: forces observed against the zone's limits, violations") { showId };
        show.SetAction(async (parse, cancellationToken) =>
        {
            var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
            using var client = context.ClientFor(profile);
            var view = await client.GetAsync<VerificationReportView>($"/api/v1/verification/reports/{parse.GetValue(showId)}", cancellationToken);
            if (parse.GetValue(globals.Json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(view, JsonSerializerOptions.Web));
                return ExitCodes.Ok;
            }

            await PrintReportAsync(context, view);
            return ExitCodes.Ok;
        });

        var schedule = new Command("schedule", "Each zone's latest visit and when it is next due on the cadence");
        schedule.SetAction(async (parse, cancellationToken) =>
        {
            var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
            using var client = context.ClientFor(profile);
            var view = await client.GetAsync<VerificationScheduleView>("/api/v1/verification/schedule", cancellationToken);
            if (parse.GetValue(globals.Json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(view, JsonSerializerOptions.Web));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Zone", "Kind", "Last visit (UTC)", "Report", "Next due (UTC)", "Open requests");
            foreach (var z in view.Zones)
            {
                table.AddRow(z.Zone, z.Kind, z.LastVisit is { } v ? Utc(v) : "never", z.LastReport is { } r ? Id(r) : string.Empty,
                    (z.NextDue is { } due ? Utc(due) : "—") + (z.Overdue ? " OVERDUE" : string.Empty), string.Join(", ", z.OpenRequests));
            }

            context.Console.MarkupLine(Markup.Escape($"Every zone is verified every {view.Cadence}, and within {view.OnDemand} of a party's request:"));
            context.Console.Write(table);
            return ExitCodes.Ok;
        });

        foreach (var command in new[] { request, report, list, show, schedule })
        {
            verification.Subcommands.Add(command);
        }

        return verification;
    }

    private static JsonObject Observed(string[] items)
    {
        var observed = new JsonObject();
        foreach (var item in items)
        {
            var colon = item.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == item.Length - 1)
            {
                throw new CliFailure($"--observed is PARTY:CLASS=N,CLASS=N (e.g. SYR:troops=40,tanks=2), not '{item}'.", ExitCodes.Usage);
            }

            var party = item[..colon].ToUpperInvariant();
            var counts = observed[party] as JsonObject ?? new JsonObject();
            foreach (var pair in item[(colon + 1)..].Split(','))
            {
                var parts = pair.Split('=');
                if (parts.Length != 2 || parts[0].Length == 0 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                {
                    throw new CliFailure($"--observed is PARTY:CLASS=N,CLASS=N (e.g. SYR:troops=40,tanks=2), not '{item}'.", ExitCodes.Usage);
                }

                counts[parts[0]] = count;
            }

            observed[party] = counts;
        }

        return observed;
    }

    private static JsonArray Violations(string[] items)
    {
        var violations = new JsonArray();
        foreach (var item in items)
        {
            var parts = item.Split(':', 3);
            if (parts.Length != 3 || parts.Any(p => p.Trim().Length == 0))
            {
                throw new CliFailure($"--violation is PARTY:RULE:TEXT (e.g. ISR:access-denied:The gate was closed), not '{item}'.", ExitCodes.Usage);
            }

            violations.Add(new JsonObject { ["party"] = parts[0].ToUpperInvariant(), ["rule"] = parts[1], ["text"] = parts[2] });
        }

        return violations;
    }

    private static async Task<(LiaisonClient Client, SubmitEntryResponse Result)> SubmitAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, string type, JsonObject body, string[]? evidence, CancellationToken cancellationToken)
    {
        var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        var client = context.ClientFor(profile);
        try
        {
            if (evidence is { Length: > 0 })
            {
                body["evidence"] = await AttachmentCommands.UploadAllAsync(client, evidence, cancellationToken);
            }

            var mechanism = await client.GetAsync<MechanismView>("/api/v1/mechanism", cancellationToken);
            var result = await EntrySubmitter.SubmitAsync(context, profile, client, type, body, [.. mechanism.Parties.Select(p => p.Code)], cancellationToken);
            return (client, result);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task PrintRequestAsync(CliContext context, VerificationRequestView r)
    {
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Request {r.Id}: {r.Party} asks for {r.Zone} ({r.ZoneName}) to be verified, {r.Status}"));
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  due by {Utc(r.Due)} UTC ({(r.SecondsLeft >= 0 ? DisputeCommands.Describe(r.SecondsLeft) + " left" : "OVERDUE by " + DisputeCommands.Describe(r.SecondsLeft))}): {r.Reason}"));
    }

    private static async Task PrintReportAsync(CliContext context, VerificationReportView r)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Verification report {r.Id} by {r.Party} ({r.Author}): {r.Zone} ({r.ZoneName}), visit {Utc(r.Visit.Start)} – {Utc(r.Visit.End)} UTC{(r.Request is { } q ? $", answering request {q}" : string.Empty)}"),
        };
        if (r.Limits is { } limits)
        {
            lines.Add("  limits: " + (limits.NoForces ? "no military forces" : string.Join(", ", new[]
            {
                limits.MaxTroops is { } t ? $"at most {t} troops" : null,
                limits.MaxTanks is { } k ? $"at most {k} tanks" : null,
                limits.MaxArtillery is { } a ? $"at most {a} short-range artillery" : null,
                limits.BannedAssetClasses.Count > 0 ? "no " + string.Join(", no ", limits.BannedAssetClasses) : null,
            }.Where(s => s is not null).DefaultIfEmpty("none"))));
        }

        lines.AddRange(r.Observed.Select(o => $"  observed {o.Key}: " + (o.Value.Count == 0 ? "nothing" : string.Join(", ", o.Value.Select(c => $"{c.Value} {c.Key}")))));
        lines.Add(r.Violations.Count == 0 ? "  no violations" : $"  {r.Violations.Count} violation(s):");
        lines.AddRange(r.Violations.Select(v => $"    {v.Party} {v.Rule}{(v.Computed ? string.Empty : " (stated)")}: {v.Text}"));
        lines.Add($"  {r.Text}");
        foreach (var line in lines)
        {
            await context.Out.WriteLineAsync(line);
        }
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
