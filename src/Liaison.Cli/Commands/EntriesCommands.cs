using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Cli.Client;
using Liaison.Features.Entries;
using Spectre.Console;

namespace Liaison.Cli.Commands;

/// <summary><c>liaison entries submit FILE.json</c> and <c>liaison entries list</c>.</summary>
public static class EntriesCommands
{
    public static Command Create(CliContext context, CliApp.GlobalOptions globals)
    {
        var entries = new Command("entries", "Entries of the joint record");

        var file = new Argument<string>("file") { Description = "JSON object with 'type' and the type's fields (and optionally 'audience')" };
        var audience = new Option<string?>("--audience") { Description = "Party codes, comma-separated (default: your party and every party it may address)" };
        var submit = new Command("submit", "Sign an entry with your key and submit it") { file, audience };
        submit.SetAction((parse, cancellationToken) => SubmitAsync(context, globals, parse, parse.GetValue(file)!, parse.GetValue(audience), cancellationToken));
        entries.Subcommands.Add(submit);

        var after = new Option<long?>("--after") { Description = "Only entries after this sequence number" };
        var limit = new Option<int?>("--limit") { Description = "At most this many (1 to 500; default 50)" };
        var type = new Option<string?>("--type") { Description = "Only entries of this type" };
        var newest = new Option<bool>("--newest") { Description = "The newest entries first" };
        var list = new Command("list", "List entries: every leaf, and the content of those addressed to your party") { after, limit, type, newest };
        list.SetAction((parse, cancellationToken) => ListAsync(context, globals, parse, parse.GetValue(after), parse.GetValue(limit), parse.GetValue(type), parse.GetValue(newest), cancellationToken));
        entries.Subcommands.Add(list);
        return entries;
    }

    private static async Task<int> SubmitAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, string path, string? audienceText, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CliFailure($"there is no file {path}.", ExitCodes.Usage);
        }

        JsonObject fields;
        try
        {
            fields = JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken)) as JsonObject ?? throw new CliFailure($"{path} does not hold a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new CliFailure($"{path} is not valid JSON: {ex.Message}");
        }

        if (fields["type"]?.GetValueKind() != JsonValueKind.String)
        {
            throw new CliFailure($"{path} needs a \"type\", e.g. \"statement.issue\".");
        }

        var type = fields["type"]!.GetValue<string>();
        fields.Remove("type");
        foreach (var header in new[] { "mechanism", "author", "clientTime" })
        {
            if (fields.ContainsKey(header))
            {
                throw new CliFailure($"{path} sets \"{header}\", which the CLI fills in from the profile and the clock; remove it.");
            }
        }

        var audience = EntrySubmitter.ParseAudience(audienceText);
        if (audience is null && fields["audience"] is JsonArray array)
        {
            audience = array.Select(a => a?.GetValue<string>() ?? string.Empty).ToList();
        }

        fields.Remove("audience");
        var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        using var client = context.ClientFor(profile);
        var result = await EntrySubmitter.SubmitAsync(context, profile, client, type, fields, audience, cancellationToken);
        await KeysCommands.Print(context, parse, globals, result, $"Accepted as entry {result.Seq} at {result.ServerTime:O}; leaf hash {result.LeafHash}.");
        return ExitCodes.Ok;
    }

    private static async Task<int> ListAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, long? after, int? limit, string? type, bool newest, CancellationToken cancellationToken)
    {
        var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        using var client = context.ClientFor(profile);
        var query = new List<string>();
        if (after is not null)
        {
            query.Add(string.Create(CultureInfo.InvariantCulture, $"after={after}"));
        }

        if (limit is not null)
        {
            query.Add(string.Create(CultureInfo.InvariantCulture, $"limit={limit}"));
        }

        if (type is not null)
        {
            query.Add("type=" + Uri.EscapeDataString(type));
        }

        if (newest)
        {
            query.Add("newest=true");
        }

        var page = await client.GetAsync<EntryPage>("/api/v1/entries" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty), cancellationToken);
        if (parse.GetValue(globals.Json))
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(page, JsonSerializerOptions.Web));
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumns("Seq", "Server time (UTC)", "Type", "Author", "Audience", "Content");
        foreach (var entry in page.Entries)
        {
            table.AddRow(
                entry.Seq.ToString(CultureInfo.InvariantCulture),
                entry.ServerTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                entry.Type,
                Markup.Escape(entry.Author),
                string.Join(' ', entry.Audience),
                Markup.Escape(EntrySummary.Describe(entry).Text));
        }

        context.Console.Write(table);
        context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{page.Entries.Count} of {page.RecordSize} entries."));
        return ExitCodes.Ok;
    }
}
