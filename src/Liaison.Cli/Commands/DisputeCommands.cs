using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Liaison.Cli.Client;
using Liaison.Features.Disputes;
using Liaison.Web.Api;
using Spectre.Console;

namespace Liaison.Cli.Commands;

/// <summary>Disputes from the command line: <c>dispute open</c>, <c>reply</c>, <c>escalate</c>, <c>finding</c>, <c>list</c>, <c>show</c>, <c>stats</c>.</summary>
public static partial class DisputeCommands
{
    public static Command Create(CliContext context, CliApp.GlobalOptions globals)
    {
        var dispute = new Command("dispute", "Disputes between parties: open, reply, escalate up the ladder (working → senior → convener), the convener's finding");

        var respondent = new Option<string>("--respondent") { Description = "The party the dispute is against, e.g. ISR", Required = true };
        var breach = new Option<string>("--breach") { Description = "What was breached: a configured commitment code (e.g. isr-strikes-self-defence-only), or any other reference in words (prefix ref: to force a free reference)", Required = true };
        var incidents = new Option<long[]>("--incident") { Description = "An incident report's id; repeatable", AllowMultipleArgumentsPerToken = false };
        var claim = new Option<string>("--claim") { Description = "The claim, in any language", Required = true };
        var lang = new Option<string>("--lang") { Description = "The text's language tag (he, ar, en, …)", DefaultValueFactory = _ => "en" };
        var evidence = new Option<string[]>("--evidence") { Description = "A file given as evidence, uploaded first; repeatable", AllowMultipleArgumentsPerToken = false };
        var open = new Command("open", "Open a dispute against another party, signed with your key; prints its id and reply deadline")
        {
            respondent, breach, incidents, claim, lang, evidence,
        };
        open.SetAction(async (parse, cancellationToken) =>
        {
            var body = new JsonObject
            {
                ["respondent"] = parse.GetValue(respondent)!.ToUpperInvariant(),
                ["breach"] = Breach(parse.GetValue(breach)!),
                ["incidents"] = new JsonArray([.. (parse.GetValue(incidents) ?? []).Select(i => (JsonNode)i)]),
                ["claim"] = new JsonObject { ["text"] = parse.GetValue(claim), ["lang"] = parse.GetValue(lang) },
            };
            return await SubmitAndShowAsync(context, globals, parse, "dispute.open", body, parse.GetValue(evidence), seq => seq, cancellationToken);
        });

        var replyId = new Argument<long>("id") { Description = "The dispute's id" };
        var replyText = new Option<string>("--text") { Description = "The reply, in any language", Required = true };
        var replyLang = new Option<string>("--lang") { Description = "The text's language tag", DefaultValueFactory = _ => "en" };
        var replyEvidence = new Option<string[]>("--evidence") { Description = "A file given as evidence; repeatable", AllowMultipleArgumentsPerToken = false };
        var reply = new Command("reply", "Reply to a dispute against your party (late replies are accepted and marked late)") { replyId, replyText, replyLang, replyEvidence };
        reply.SetAction(async (parse, cancellationToken) =>
        {
            var id = parse.GetValue(replyId);
            var body = new JsonObject { ["dispute"] = id, ["text"] = parse.GetValue(replyText), ["lang"] = parse.GetValue(replyLang) };
            return await SubmitAndShowAsync(context, globals, parse, "dispute.reply", body, parse.GetValue(replyEvidence), _ => id, cancellationToken);
        });

        var escalateId = new Argument<long>("id") { Description = "The dispute's id" };
        var reason = new Option<string?>("--reason") { Description = "Why" };
        var escalate = new Command("escalate", "Move a dispute one rung up the ladder: working → senior → convener") { escalateId, reason };
        escalate.SetAction(async (parse, cancellationToken) =>
        {
            var id = parse.GetValue(escalateId);
            var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
            using var client = context.ClientFor(profile);
            var current = await client.GetAsync<DisputeView>($"/api/v1/disputes/{id}", cancellationToken);
            var next = current.Ladder.SkipWhile(r => !r.Current).Skip(1).FirstOrDefault()?.Level ?? current.Level;
            var body = new JsonObject { ["dispute"] = id, ["to"] = next };
            if (parse.GetValue(reason) is { } why)
            {
                body["reason"] = why;
            }

            return await SubmitAndShowAsync(context, globals, parse, "dispute.escalate", body, null, _ => id, cancellationToken);
        });

        var findingId = new Argument<long>("id") { Description = "The dispute's id" };
        var outcome = new Option<string>("--outcome") { Description = "substantiated, unsubstantiated or inconclusive", Required = true };
        var reasons = new Option<string>("--reason") { Description = "The reasons for the finding", Required = true };
        var remedy = new Option<string>("--remedy") { Description = "The remedy", Required = true };
        var major = new Option<bool>("--major") { Description = "A major breach (counted by the cooperation tiers when substantiated)" };
        var findingLang = new Option<string>("--lang") { Description = "The text's language tag", DefaultValueFactory = _ => "en" };
        var finding = new Command("finding", "Record the convener's finding and remedy (the convener's mediator only)") { findingId, outcome, reasons, remedy, major, findingLang };
        finding.SetAction(async (parse, cancellationToken) =>
        {
            var id = parse.GetValue(findingId);
            var chosen = parse.GetValue(outcome)!;
            if (chosen is not ("substantiated" or "unsubstantiated" or "inconclusive"))
            {
                throw new CliFailure($"--outcome is substantiated, unsubstantiated or inconclusive, not '{chosen}'.", ExitCodes.Usage);
            }

            var body = new JsonObject
            {
                ["dispute"] = id,
                ["outcome"] = chosen,
                ["reasons"] = parse.GetValue(reasons),
                ["remedy"] = parse.GetValue(remedy),
                ["major"] = parse.GetValue(major),
                ["lang"] = parse.GetValue(findingLang),
            };
            return await SubmitAndShowAsync(context, globals, parse, "dispute.finding", body, null, _ => id, cancellationToken);
        });

        var party = new Option<string?>("--party") { Description = "Only disputes where this party is a side" };
        var status = new Option<string?>("--status") { Description = "awaiting-reply, overdue, replied or decided" };
        var list = new Command("list", "Disputes your party may read, newest first") { party, status };
        list.SetAction(async (parse, cancellationToken) =>
        {
            var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
            using var client = context.ClientFor(profile);
            var query = Query(("party", parse.GetValue(party)), ("status", parse.GetValue(status)));
            var disputes = await client.GetAsync<List<DisputeView>>("/api/v1/disputes" + query, cancellationToken);
            if (parse.GetValue(globals.Json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(disputes, JsonSerializerOptions.Web));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Id", "Claimant", "Respondent", "Breach", "Level", "Status", "Reply due (UTC)", "Outcome");
            foreach (var view in disputes)
            {
                table.AddRow(
                    view.Id.ToString(CultureInfo.InvariantCulture),
                    view.Claimant,
                    view.Respondent,
                    Markup.Escape(view.Breach.Commitment ?? view.Breach.Ref ?? string.Empty),
                    view.Level,
                    view.Status,
                    view.Deadline is { } d ? d.Due.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + (d.Overdue ? " (overdue)" : string.Empty) : string.Empty,
                    view.Finding is { } f ? f.Outcome + (f.Major ? " (major)" : string.Empty) : string.Empty);
            }

            context.Console.Write(table);
            return ExitCodes.Ok;
        });

        var showId = new Argument<long>("id") { Description = "The dispute's id" };
        var show = new Command("show", "One dispute with its ladder, deadlines, replies, escalations and finding") { showId };
        show.SetAction(async (parse, cancellationToken) =>
        {
            var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
            using var client = context.ClientFor(profile);
            var view = await client.GetAsync<DisputeView>($"/api/v1/disputes/{parse.GetValue(showId)}", cancellationToken);
            await PrintAsync(context, parse, globals, view);
            return ExitCodes.Ok;
        });

        var from = new Option<DateTimeOffset?>("--from") { Description = "Only disputes opened from then" };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Only disputes opened before then" };
        var stats = new Command("stats", "Dispute figures of each side, computed the same way: opened, replies in time, escalations, outcomes") { from, to };
        stats.SetAction(async (parse, cancellationToken) =>
        {
            var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
            using var client = context.ClientFor(profile);
            if (parse.GetValue(globals.Json))
            {
                var raw = await client.GetAsync<JsonElement>("/api/v1/disputes/stats" + StatsQuery(parse.GetValue(from), parse.GetValue(to)), cancellationToken);
                await context.Out.WriteLineAsync(raw.GetRawText());
                return ExitCodes.Ok;
            }

            await PrintFiguresAsync(context, client, parse.GetValue(from), parse.GetValue(to), cancellationToken);
            return ExitCodes.Ok;
        });

        foreach (var command in new[] { open, reply, escalate, finding, list, show, stats })
        {
            dispute.Subcommands.Add(command);
        }

        return dispute;
    }

    /// <summary>Prints the dispute figures of each side (also part of <c>liaison stats</c>).</summary>
    internal static async Task PrintFiguresAsync(CliContext context, LiaisonClient client, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var figures = await client.GetAsync<DisputeStatisticsView>("/api/v1/disputes/stats" + StatsQuery(from, to), cancellationToken);
        var table = new Table().AddColumns("Party", "Opened", "Against", "Replies owed", "In time", "Late", "Missed", "Escalations asked", "Median reply", "Substantiated", "Unsubstantiated", "Inconclusive", "Major");
        foreach (var side in figures.Sides)
        {
            table.AddRow(side.Party, N(side.Opened), N(side.Against), N(side.RepliesOwed), N(side.RepliedInTime), N(side.RepliedLate), N(side.MissedDeadlines), N(side.EscalationsRequested),
                side.MedianReplySeconds is { } s ? Describe(s) : "—", N(side.Substantiated), N(side.Unsubstantiated), N(side.Inconclusive), N(side.Major));
        }

        context.Console.MarkupLine("Disputes, the same computation for each side" + (from is null && to is null ? string.Empty : Markup.Escape(string.Create(CultureInfo.InvariantCulture, $" (opened {from:yyyy-MM-dd HH:mm} – {to:yyyy-MM-dd HH:mm} UTC)"))) + ":");
        context.Console.Write(table);
    }

    private static string StatsQuery(DateTimeOffset? from, DateTimeOffset? to) =>
        Query(("from", from?.ToString("O", CultureInfo.InvariantCulture)), ("to", to?.ToString("O", CultureInfo.InvariantCulture)));

    internal static string Query(params (string Name, string? Value)[] parts)
    {
        var given = parts.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? string.Empty : "?" + string.Join('&', given);
    }

    private static JsonObject Breach(string text)
    {
        if (text.StartsWith("ref:", StringComparison.Ordinal))
        {
            var reference = text[4..].Trim();
            return reference.Length > 0 ? new JsonObject { ["ref"] = reference } : throw new CliFailure("--breach ref: needs the reference after it.", ExitCodes.Usage);
        }

        return Slug().IsMatch(text) ? new JsonObject { ["commitment"] = text } : new JsonObject { ["ref"] = text };
    }

    private static async Task<int> SubmitAndShowAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, string type, JsonObject body, string[]? evidence, Func<long, long> idOf, CancellationToken cancellationToken)
    {
        var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        using var client = context.ClientFor(profile);
        if (evidence is { Length: > 0 })
        {
            body["evidence"] = await AttachmentCommands.UploadAllAsync(client, evidence, cancellationToken);
        }

        var mechanism = await client.GetAsync<MechanismView>("/api/v1/mechanism", cancellationToken);
        var result = await EntrySubmitter.SubmitAsync(context, profile, client, type, body, [.. mechanism.Parties.Select(p => p.Code)], cancellationToken);
        var view = await client.GetAsync<DisputeView>($"/api/v1/disputes/{idOf(result.Seq)}", cancellationToken);
        return await EntrySubmitter.ShowRecordedAsync(context, parse.GetValue(globals.Json), result, view, () => PrintAsync(context, parse, globals, view));
    }

    private static async Task PrintAsync(CliContext context, ParseResult parse, CliApp.GlobalOptions globals, DisputeView view)
    {
        if (parse.GetValue(globals.Json))
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(view, JsonSerializerOptions.Web));
            return;
        }

        var breach = view.Breach.Commitment is { } code ? $"commitment {code}{(view.Breach.Title is { } title ? $" ({title})" : string.Empty)}" : $"reference: {view.Breach.Ref}";
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Dispute {view.Id}: {view.Claimant} against {view.Respondent}, {view.Status} at the {view.Level} level"),
            $"  breach: {breach}",
            string.Create(CultureInfo.InvariantCulture, $"  opened {view.OpenedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC by {view.Author}: {view.Claim}"),
            "  ladder: " + string.Join(" → ", view.Ladder.Select(r => r.Current ? $"[{r.Level}]" : r.Level)),
        };
        if (view.Incidents.Count > 0)
        {
            lines.Add("  incidents: " + string.Join(", ", view.Incidents));
        }

        lines.AddRange(view.Evidence.Select(e => $"  evidence: {e.Name} ({e.MediaType}, {e.Size} bytes, sha256 {e.Sha256})"));
        if (view.Deadline is { } deadline)
        {
            var left = deadline.Overdue ? $"OVERDUE by {Describe(-deadline.SecondsLeft)}" : $"{Describe(deadline.SecondsLeft)} left";
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  reply due from {deadline.Party} by {deadline.Due.UtcDateTime:yyyy-MM-dd HH:mm} UTC ({left}){(deadline.EscalatesTo is { } next ? $"; then it escalates to {next}" : string.Empty)}"));
        }

        lines.AddRange(view.Replies.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"  reply {r.Seq} by {r.Author} at the {r.Level} level, {r.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC{(r.Late is { } late ? $", LATE by {Describe(late.Seconds)}" : string.Empty)}: {r.Text}")));
        lines.AddRange(view.Escalations.Select(e => string.Create(CultureInfo.InvariantCulture,
            $"  escalated {e.From} → {e.To} ({e.Seq}) {(e.Missed ? "by the server at a missed deadline" : $"at {e.Party}'s request")}, {e.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC{(e.Reason is null ? string.Empty : ": " + e.Reason)}")));
        if (view.Finding is { } f)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  FINDING {f.Seq} by {f.Author}: {f.Outcome}{(f.Major ? ", major" : string.Empty)}, {f.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC"));
            lines.Add($"    reasons: {f.Reasons}");
            lines.Add($"    remedy: {f.Remedy}");
        }

        foreach (var line in lines)
        {
            await context.Out.WriteLineAsync(line);
        }
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Describe(long seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Abs(seconds));
        return span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min")
            : span.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Seconds} s");
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Slug();
}
