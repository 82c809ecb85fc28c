using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Cli.Client;
using Liaison.Domain.Hotline;
using Liaison.Features.Attachments;
using Liaison.Features.Hotline;
using Liaison.Web.Api;
using Spectre.Console;

namespace Liaison.Cli.Commands;

/// <summary>The hotline from the command line: <c>send</c> (with <c>--attach</c>), <c>inbox</c>, <c>ack</c>, <c>reply</c>, <c>stats</c>.</summary>
public static class HotlineCommands
{
    public static IEnumerable<Command> Create(CliContext context, CliApp.GlobalOptions globals)
    {
        var message = new MessageOptions();
        var send = new Command("send", "Send a hotline message, signed with your key");
        message.AddTo(send);
        var sendAttach = AttachOption();
        send.Options.Add(sendAttach);
        send.SetAction(async (parse, cancellationToken) =>
        {
            var fields = message.Fields(parse);
            await AttachAsync(context, globals, parse, fields, parse.GetValue(sendAttach), cancellationToken);
            return await SubmitAsync(context, globals, parse, fields, parse.GetValue(message.Channel)!, "message.send", cancellationToken);
        });

        var inboxChannel = new Option<string?>("--channel") { Description = "Only this channel" };
        var inbox = new Command("inbox", "Messages on your party's channels, with their state and deadlines") { inboxChannel };
        inbox.SetAction((parse, cancellationToken) => InboxAsync(context, globals, parse, parse.GetValue(inboxChannel), cancellationToken));

        var ackId = new Argument<long>("id") { Description = "The message's seq" };
        var ack = new Command("ack", "Acknowledge a message addressed to your party") { ackId };
        ack.SetAction(async (parse, cancellationToken) =>
        {
            var message = await FindAsync(context, globals, parse, parse.GetValue(ackId), cancellationToken);
            return await SubmitAsync(context, globals, parse, new JsonObject { ["messageSeq"] = message.Seq }, message.Channel, "message.ack", cancellationToken, message.Audience);
        });

        var replyId = new Argument<long>("id") { Description = "The message's seq" };
        var replySubject = new Option<string?>("--subject") { Description = "The subject (default: Re: the original's)" };
        var replyBody = new Option<string>("--body") { Description = "The text", Required = true };
        var replyLang = new Option<string>("--lang") { Description = "The text's language tag", DefaultValueFactory = _ => "en" };
        var replyPrecedence = new Option<string?>("--precedence") { Description = "Default: the original's" };
        var replyAttach = AttachOption();
        var reply = new Command("reply", "Reply to a message (a reply also acknowledges it for your party)") { replyId, replySubject, replyBody, replyLang, replyPrecedence, replyAttach };
        reply.SetAction(async (parse, cancellationToken) =>
        {
            var message = await FindAsync(context, globals, parse, parse.GetValue(replyId), cancellationToken);
            var fields = new JsonObject
            {
                ["channel"] = message.Channel,
                ["precedence"] = (parse.GetValue(replyPrecedence) ?? message.Precedence).ToUpperInvariant(),
                ["template"] = "reply",
                ["subject"] = parse.GetValue(replySubject) ?? "Re: " + message.Subject,
                ["body"] = parse.GetValue(replyBody),
                ["lang"] = parse.GetValue(replyLang),
                ["inReplyTo"] = message.Seq,
            };
            await AttachAsync(context, globals, parse, fields, parse.GetValue(replyAttach), cancellationToken);
            return await SubmitAsync(context, globals, parse, fields, message.Channel, "message.send", cancellationToken);
        });

        var from = new Option<DateTimeOffset?>("--from") { Description = "Period start (default: 30 days ago)" };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Period end (default: now)" };
        var stats = new Command("stats", "Responsiveness of each side: acknowledgement times by precedence, escalations, misses, link tests") { from, to };
        stats.SetAction((parse, cancellationToken) => StatsAsync(context, globals, parse, parse.GetValue(from), parse.GetValue(to), cancellationToken));
        return [send, inbox, ack, reply, stats];
    }

    /// <summary>The options of a message, shared by <c>send</c> and <c>offline send</c>.</summary>
    internal sealed class MessageOptions
    {
        public Option<string> Channel { get; } = new("--channel") { Description = "The channel, e.g. isr-syr-security", Required = true };

        private Option<string> Precedence { get; } = new("--precedence") { Description = "FLASH, IMMEDIATE, PRIORITY or ROUTINE", Required = true };

        private Option<string> Subject { get; } = new("--subject") { Description = "The subject", Required = true };

        private Option<string> Body { get; } = new("--body") { Description = "The text, in any language", Required = true };

        private Option<string> Template { get; } = new("--template") { Description = "free-text, notification, request-for-explanation, complaint", DefaultValueFactory = _ => "free-text" };

        private Option<string> Lang { get; } = new("--lang") { Description = "The text's language tag (he, ar, en, …)", DefaultValueFactory = _ => "en" };

        private Option<string?> Activity { get; } = new("--activity") { Description = "notification: the activity kind, e.g. air-sortie" };

        private Option<string?> Location { get; } = new("--location") { Description = "notification: where" };

        private Option<string?> Start { get; } = new("--start") { Description = "notification: window start (RFC 3339)" };

        private Option<string?> End { get; } = new("--end") { Description = "notification: window end (RFC 3339)" };

        private Option<string?> Reference { get; } = new("--reference") { Description = "request-for-explanation, complaint: what it is about" };

        private Option<string?> Question { get; } = new("--question") { Description = "request-for-explanation: the question" };

        private Option<string?> Breach { get; } = new("--breach") { Description = "complaint: the breach code" };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { Channel, Precedence, Subject, Body, Template, Lang, Activity, Location, Start, End, Reference, Question, Breach })
            {
                command.Options.Add(option);
            }
        }

        public JsonObject Fields(ParseResult parse)
        {
            var fields = new JsonObject
            {
                ["channel"] = parse.GetValue(Channel),
                ["precedence"] = parse.GetValue(Precedence)!.ToUpperInvariant(),
                ["template"] = parse.GetValue(Template),
                ["subject"] = parse.GetValue(Subject),
                ["body"] = parse.GetValue(Body),
                ["lang"] = parse.GetValue(Lang),
            };
            foreach (var (name, option) in new[] { ("activity", Activity), ("location", Location), ("reference", Reference), ("question", Question), ("breach", Breach) })
            {
                if (parse.GetValue(option) is { } value)
                {
                    fields[name] = value;
                }
            }

            if (parse.GetValue(Start) is { } from && parse.GetValue(End) is { } to)
            {
                fields["window"] = new JsonObject { ["start"] = from, ["end"] = to };
            }

            return fields;
        }
    }

    private static Option<string[]> AttachOption() =>
        new("--attach") { Description = "A file to attach (repeatable): uploaded under its SHA-256 first, then named by the message", Arity = ArgumentArity.ZeroOrMore };

    /// <summary>Uploads the files, if any, and names them in the message's <c>attachments</c>.</summary>
    private static async Task AttachAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, JsonObject fields, string[]? files, CancellationToken cancellationToken)
    {
        if (files is not { Length: > 0 })
        {
            return;
        }

        var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        using var client = context.ClientFor(profile);
        fields["attachments"] = await AttachmentCommands.UploadAllAsync(client, files, cancellationToken);
    }

    private static async Task<int> SubmitAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, JsonObject fields, string channelCode, string type, CancellationToken cancellationToken, IReadOnlyList<string>? audience = null)
    {
        var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        using var client = context.ClientFor(profile);
        if (audience is null)
        {
            var mechanism = await client.GetAsync<MechanismView>("/api/v1/mechanism", cancellationToken);
            var channel = mechanism.Channels.FirstOrDefault(c => c.Code == channelCode)
                ?? throw new CliFailure($"there is no channel '{channelCode}' (channels: {string.Join(", ", mechanism.Channels.Select(c => c.Code))}).");
            audience = [.. channel.Parties, .. channel.Observers];
        }

        var result = await EntrySubmitter.SubmitAsync(context, profile, client, type, fields, audience, cancellationToken);
        await KeysCommands.Print(context, parse, globals, result, $"Recorded as entry {result.Seq} at {result.ServerTime:O}.");
        return ExitCodes.Ok;
    }

    private static async Task<MessageView> FindAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, long seq, CancellationToken cancellationToken)
    {
        var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        using var client = context.ClientFor(profile);
        var inbox = await client.GetAsync<List<MessageView>>("/api/v1/hotline/messages", cancellationToken);
        return inbox.FirstOrDefault(m => m.Seq == seq) ?? throw new CliFailure($"there is no message {seq} on your party's channels.");
    }

    private static async Task<int> InboxAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, string? channel, CancellationToken cancellationToken)
    {
        var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        using var client = context.ClientFor(profile);
        // The inbox is where a duty officer looks first: it also keeps what offline signing needs up to date.
        await EntrySubmitter.RememberForOfflineAsync(context, profile, client, cancellationToken);
        var inbox = await client.GetAsync<List<MessageView>>("/api/v1/hotline/messages" + (channel is null ? string.Empty : "?channel=" + Uri.EscapeDataString(channel)), cancellationToken);
        var attachments = (await client.GetAsync<List<AttachmentListing>>("/api/v1/attachments", cancellationToken)).ToLookup(a => a.Seq);
        if (parse.GetValue(globals.Json))
        {
            var messages = JsonSerializer.SerializeToNode(inbox, JsonSerializerOptions.Web)!.AsArray();
            foreach (var item in messages)
            {
                var seq = item!["seq"]!.GetValue<long>();
                item["attachments"] = JsonSerializer.SerializeToNode(attachments[seq].Select(a => new { a.Sha256, a.Name, a.MediaType, a.Size }), JsonSerializerOptions.Web);
            }

            await context.Out.WriteLineAsync(messages.ToJsonString(JsonSerializerOptions.Web));
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumns("Id", "Channel", "Precedence", "From", "Subject", "State", "Deadline (UTC)", "Recipients", "Attachments");
        foreach (var message in inbox)
        {
            table.AddRow(
                message.Seq.ToString(CultureInfo.InvariantCulture),
                message.Channel,
                message.Precedence,
                Markup.Escape(message.From),
                Markup.Escape(message.Subject),
                message.Status,
                message.AcknowledgementDeadline.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                string.Join(", ", message.Recipients.Select(r => $"{r.Party} {r.Status}")),
                Markup.Escape(string.Join("\n", attachments[message.Seq].Select(a => $"{a.Name} ({a.Size} B)"))));
        }

        context.Console.Write(table);
        return ExitCodes.Ok;
    }

    private static async Task<int> StatsAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        using var client = context.ClientFor(profile);
        var query = new List<string>();
        if (from is not null)
        {
            query.Add("from=" + Uri.EscapeDataString(from.Value.ToString("O", CultureInfo.InvariantCulture)));
        }

        if (to is not null)
        {
            query.Add("to=" + Uri.EscapeDataString(to.Value.ToString("O", CultureInfo.InvariantCulture)));
        }

        var text = await client.GetAsync<JsonElement>("/api/v1/hotline/stats" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty), cancellationToken);
        if (parse.GetValue(globals.Json))
        {
            await context.Out.WriteLineAsync(text.GetRawText());
            return ExitCodes.Ok;
        }

        var report = text.Deserialize<ResponsivenessReport>(JsonSerializerOptions.Web)!;
        var table = new Table().AddColumns("Party (as recipient)", "Precedence", "Messages", "Acknowledged", "In time", "Median", "p90", "Escalations", "Misses");
        foreach (var party in report.Parties)
        {
            foreach (var (precedence, figures) in party.ByPrecedence)
            {
                table.AddRow(party.Party.Value, precedence.Code(), Num(figures.Count), Num(figures.Acknowledged), Num(figures.AcknowledgedInTime), Span(figures.MedianToAcknowledge), Span(figures.P90ToAcknowledge), Num(figures.Escalations), Num(figures.Misses));
            }
        }

        context.Console.MarkupLineInterpolated($"Hotline responsiveness from {report.From:yyyy-MM-dd HH:mm} to {report.To:yyyy-MM-dd HH:mm} UTC, the same computation for each side:");
        context.Console.Write(table);
        await IncidentCommands.PrintStatisticsAsync(context, client, report.From, cancellationToken);
        await DisputeCommands.PrintFiguresAsync(context, client, from, to, cancellationToken);
        return ExitCodes.Ok;
    }

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Span(TimeSpan? value) => value switch
    {
        null => "—",
        { Days: > 0 } span => span.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture),
        { } span => span.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture),
    };
}
