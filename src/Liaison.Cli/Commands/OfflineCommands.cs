using System.CommandLine;
using System.Text.Json;
using Liaison.Cli.Client;
using Liaison.Features.Entries;
using Liaison.Features.Keys;

namespace Liaison.Cli.Commands;

/// <summary>
/// Store and forward: <c>liaison offline send --bundle FILE …</c> signs a message without reaching the server (it says
/// <c>"forwarded": true</c> and keeps its client time); <c>liaison offline deliver FILE</c> submits a bundle later.
/// Delivering a bundle twice records nothing twice: an entry already in the record is reported with its seq.
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
            var refused = 0;
            var number = 0;
            foreach (var line in (await File.ReadAllLinesAsync(path, cancellationToken)).Where(l => l.Length > 0))
            {
                number++;
                SubmitEntryRequest? entry;
                try
                {
                    entry = JsonSerializer.Deserialize<SubmitEntryRequest>(line, JsonSerializerOptions.Web);
                }
                catch (JsonException ex)
                {
                    throw new CliFailure($"{path}, line {number}: not a signed entry: {ex.Message}");
                }

                try
                {
                    var accepted = await client.PostAsync<SubmitEntryResponse>("/api/v1/entries", entry!, cancellationToken);
                    await context.Out.WriteLineAsync($"{number}: recorded as entry {accepted.Seq} at {accepted.ServerTime:O}");
                }
                catch (CliFailure failure) when (failure.Message.Contains("(duplicate-entry,", StringComparison.Ordinal))
                {
                    await context.Out.WriteLineAsync($"{number}: already recorded: {failure.Message}");
                }
                catch (CliFailure failure) when (!failure.Message.StartsWith("cannot reach", StringComparison.Ordinal))
                {
                    refused++;
                    await context.Err.WriteLineAsync($"liaison: {path}, line {number}: {failure.Message}");
                }
            }

            return refused == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return new Command("offline", "Store and forward: sign now, deliver when the server can be reached") { send, deliver };
    }
}
