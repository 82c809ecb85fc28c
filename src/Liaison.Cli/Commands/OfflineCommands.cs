using System.CommandLine;
using System.Text.Json;
using Liaison.Cli.Client;
using Liaison.Features.Entries;
using Liaison.Features.Keys;
using Liaison.Web.Api;

namespace Liaison.Cli.Commands;

/// <summary>
/// Store and forward: <c>liaison offline send --bundle FILE …</c> signs a message without reaching the server (it says
/// <c>"forwarded": true</c> and keeps its client time); <c>liaison offline deliver FILE</c> submits a bundle later.
/// Delivering a bundle twice records nothing twice: an entry already in the record is reported with its seq. A bundle is
/// delivered in batches (<c>POST /api/v1/entries/batch</c>), one round trip for up to <see cref="SubmitEntries.MaxEntries"/> entries.
/// </summary>
public static class OfflineCommands
{
    public static Command Create(CliContext context, CliApp.GlobalOptions globals)
    {
        var message = new HotlineCommands.MessageOptions();
        var bundle = new Option<string>("--bundle") { Description = "The bundle file to add the signed message to (created if missing)", Required = true };
        var send = new Command("send", "Sign a hotline message into a bundle file, without the server");
        message.AddTo(send);
        send.Options.Add(bundle);
        send.SetAction(async (parse, cancellationToken) =>
        {
            var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
            var offlineFile = EntrySubmitter.OfflineFile(context, profile);
            if (!File.Exists(offlineFile) || JsonSerializer.Deserialize<EntrySubmitter.OfflineView>(await File.ReadAllTextAsync(offlineFile, cancellationToken), JsonSerializerOptions.Web) is not { } known)
            {
                throw new CliFailure($"this profile has not reached {profile.Server} yet: run one command online (e.g. 'liaison inbox') so the CLI knows the mechanism's channels.");
            }

            if (profile.KeyFile is null || KeyFile.Load(profile.KeyFile) is not { IsSuccess: true } keyFile)
            {
                throw new CliFailure($"profile of '{profile.User}' has no usable signing key.");
            }

            var channelCode = parse.GetValue(message.Channel)!;
            var channel = known.Mechanism.Channels.FirstOrDefault(c => c.Code == channelCode)
                ?? throw new CliFailure($"there is no channel '{channelCode}' (channels: {string.Join(", ", known.Mechanism.Channels.Select(c => c.Code))}).");
            var fields = message.Fields(parse);
            fields["forwarded"] = true;
            var payload = EntryBuilder.Payload("message.send", known.Mechanism.Id, known.Me.UserName, [.. channel.Parties, .. channel.Observers], context.Time.GetUtcNow(), fields);
            using var key = keyFile.Value.Open();
            var signed = EntryBuilder.Sign(payload, key).ToRequest();
            var path = parse.GetValue(bundle)!;
            var lines = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : string.Empty;
            OwnerOnlyFiles.WriteAllText(path, lines + JsonSerializer.Serialize(signed, JsonSerializerOptions.Web) + "\n", overwrite: true);
            await context.Out.WriteLineAsync($"Signed into {path} ({lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length + 1} entries waiting); deliver it with: liaison offline deliver {path}");
            return ExitCodes.Ok;
        });

        var file = new Argument<string>("bundle") { Description = "The bundle file" };
        var deliver = new Command("deliver", "Submit a bundle of entries signed offline, in order") { file };
        deliver.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new CliFailure($"there is no bundle {path}.", ExitCodes.Usage);
            }

            var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
            using var client = context.ClientFor(profile);
            var entries = new List<(int Line, SubmitEntryRequest Entry)>();
            var number = 0;
            foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
            {
                number++;
                if (line.Length == 0)
                {
                    continue;
                }

                try
                {
                    entries.Add((number, JsonSerializer.Deserialize<SubmitEntryRequest>(line, JsonSerializerOptions.Web)
                        ?? throw new CliFailure($"{path}, line {number}: not a signed entry.")));
                }
                catch (JsonException ex)
                {
                    throw new CliFailure($"{path}, line {number}: not a signed entry: {ex.Message}");
                }
            }

            // In batches, in the bundle's order: one round trip per batch, each entry accepted or refused on its own.
            var refused = 0;
            foreach (var chunk in entries.Chunk(SubmitEntries.MaxEntries))
            {
                var answer = await client.PostAsync<EntryBatchAnswer>("/api/v1/entries/batch", new SubmitEntriesRequest([.. chunk.Select(e => e.Entry)]), cancellationToken);
                if (answer.Results.Count != chunk.Length)
                {
                    throw new CliFailure($"the server answered {answer.Results.Count} outcomes for a batch of {chunk.Length} entries.");
                }

                for (var i = 0; i < chunk.Length; i++)
                {
                    var outcome = answer.Results[i];
                    var line = chunk[i].Line;
                    if (outcome.Problem is not { } problem)
                    {
                        await context.Out.WriteLineAsync($"{line}: recorded as entry {outcome.Seq} at {outcome.ServerTime:O}");
                        continue;
                    }

                    var code = problem.Type?.StartsWith(Problems.TypePrefix, StringComparison.Ordinal) == true ? problem.Type[Problems.TypePrefix.Length..] : problem.Type;
                    var text = $"{problem.Detail ?? problem.Title} ({code}, HTTP {problem.Status})";
                    if (code == "duplicate-entry")
                    {
                        await context.Out.WriteLineAsync($"{line}: already recorded: {text}");
                    }
                    else
                    {
                        refused++;
                        await context.Err.WriteLineAsync($"liaison: {path}, line {line}: {text}");
                    }
                }
            }

            return refused == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return new Command("offline", "Store and forward: sign now, deliver when the server can be reached") { send, deliver };
    }
}
