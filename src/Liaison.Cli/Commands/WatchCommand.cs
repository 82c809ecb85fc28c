using System.CommandLine;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Liaison.Cli.Client;
using Liaison.Features.Hotline;
using Liaison.Web.Hotline;
using Microsoft.AspNetCore.SignalR.Client;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison watch</c>: the party's hotline client. It listens on the live hub and confirms, with signed entries,
/// that each message addressed to its party reached it (<c>message.delivered</c>) and answers each link test
/// (<c>linktest.answer</c>): the record can then tell a technical outage (nothing delivered) from a political
/// non-answer (delivered, not acknowledged). Acknowledging stays a person's act (<c>liaison ack</c>).
/// </summary>
public static class WatchCommand
{
    public static Command Create(CliContext context, CliApp.GlobalOptions globals)
    {
        var duration = new Option<int?>("--for") { Description = "Stop after this many seconds (default: until Ctrl+C)" };
        var command = new Command("watch", "Confirm delivery of hotline messages and answer link tests for your party, live") { duration };
        command.SetAction((parse, cancellationToken) => RunAsync(context, globals, parse, parse.GetValue(duration), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, int? seconds, CancellationToken cancellationToken)
    {
        var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        using var client = context.ClientFor(profile);
        var me = await client.GetAsync<Web.Api.MeView>("/api/v1/me", cancellationToken);
        var mechanism = await client.GetAsync<Web.Api.MechanismView>("/api/v1/mechanism", cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (seconds is { } limit)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(limit));
        }

        var arrivals = Channel.CreateUnbounded<HotlineLiveEvent>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(profile.Server), HotlineLive.HubPath), options => options.AccessTokenProvider = () => Task.FromResult<string?>(profile.Token))
            .WithAutomaticReconnect()
            .Build();
        hub.On<HotlineLiveEvent>(nameof(IHotlineClient.HotlineEntry), arrival => arrivals.Writer.TryWrite(arrival));
        try
        {
            await hub.StartAsync(stop.Token);
        }
        catch (HttpRequestException ex)
        {
            throw new CliFailure($"cannot reach the live hub of {profile.Server}: {ex.Message}");
        }

        await context.Out.WriteLineAsync($"Watching the hotline for {me.Party} as {me.UserName}.");

        // Messages that arrived while no client of the party was listening are confirmed first.
        foreach (var waiting in (await client.GetAsync<List<MessageView>>("/api/v1/hotline/messages", stop.Token))
            .Where(m => m.Recipients.Any(r => r.Party == me.Party && r.DeliveredAt is null && r.AcknowledgedAt is null)).OrderBy(m => m.Seq))
        {
            await ConfirmAsync(context, profile, client, mechanism, "message.delivered", new JsonObject { ["messageSeq"] = waiting.Seq }, waiting.Channel, stop.Token);
        }

        try
        {
            await foreach (var arrival in arrivals.Reader.ReadAllAsync(stop.Token))
            {
                if (arrival.Type == "message.send" && arrival.Sender != me.Party && IsParty(mechanism, arrival.Channel, me.Party))
                {
                    await ConfirmAsync(context, profile, client, mechanism, "message.delivered", new JsonObject { ["messageSeq"] = arrival.Seq }, arrival.Channel, stop.Token);
                }
                else if (arrival.Type == "linktest.send" && IsParty(mechanism, arrival.Channel, me.Party))
                {
                    await ConfirmAsync(context, profile, client, mechanism, "linktest.answer", new JsonObject { ["linkTestSeq"] = arrival.Seq }, arrival.Channel, stop.Token);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // --for elapsed, or Ctrl+C.
        }

        return ExitCodes.Ok;
    }

    private static bool IsParty(Web.Api.MechanismView mechanism, string channel, string party) =>
        mechanism.Channels.FirstOrDefault(c => c.Code == channel)?.Parties.Contains(party) == true;

    private static async Task ConfirmAsync(CliContext context, Profile profile, LiaisonClient client, Web.Api.MechanismView mechanism, string type, JsonObject fields, string channelCode, CancellationToken cancellationToken)
    {
        var channel = mechanism.Channels.First(c => c.Code == channelCode);
        try
        {
            var recorded = await EntrySubmitter.SubmitAsync(context, profile, client, type, fields, [.. channel.Parties, .. channel.Observers], cancellationToken);
            await context.Out.WriteLineAsync($"{type} for {fields.First().Value} recorded as entry {recorded.Seq}.");
        }
        catch (CliFailure failure)
        {
            // One refused confirmation (already delivered by another client of the party) must not stop the watch.
            await context.Err.WriteLineAsync($"liaison: {type} for {fields.First().Value}: {failure.Message}");
        }
    }
}
