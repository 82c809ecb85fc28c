using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Liaison.Domain.Keys;
using Liaison.Domain.Parties;
using Liaison.Domain.Record;
using Liaison.Features.Data;
using Liaison.Features.Entries;
using Liaison.Features.Mechanism;
using Liaison.Features.Notices;
using Liaison.Features.Replay;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Benchmarks;

/// <summary>
/// <c>-- replay [count]</c>: <c>liaison replay</c>'s work at scale. The demo record of a real server (its keys, hotline,
/// notices, incidents, disputes and verification visits) followed by <c>count</c> (default 1,000,000) hotline entries
/// (a message from Israel, then Syria's acknowledgement of it, by the demo officers' enrolled keys) is folded afresh
/// into every projection (<see cref="RecordFold"/>), then digested as Israel sees it. Signatures are not checked here
/// (<c>liaison verify</c> does that); the entries are built in memory, as replay holds them once fetched.
/// </summary>
internal static class FullReplayBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        await using var server = await BenchServer.StartAsync();
        var config = server.App.Services.GetRequiredService<ServedMechanism>().Config;
        var zones = ZoneFiles.Load(config).Value;
        await using var db = await server.App.Services.GetRequiredService<IDbContextFactory<LiaisonDbContext>>().CreateDbContextAsync();
        var entries = await db.Entries.AsNoTracking().OrderBy(e => e.Seq)
            .Select(e => new ReplayEntry(e.Seq, e.Type, e.Author, e.KeyId, e.Payload, e.ServerTime)).ToListAsync();
        var keys = await db.SigningKeys.AsNoTracking().Where(k => k.Status == KeyStatus.Enrolled).ToListAsync();
        var sender = keys.First(k => k.Owner == "isr-officer").KeyId;
        var receiver = keys.First(k => k.Owner == "syr-duty").KeyId;
        var audience = config.FindChannel("isr-syr-security")!.Members.Select(p => p.Value).ToList();
        var demo = entries.Count;
        var time = entries[^1].ServerTime;
        for (var i = 0; i < count; i++)
        {
            var seq = (long)entries.Count;
            time = time.AddMilliseconds(10);
            var payload = i % 2 == 0
                ? EntryBuilder.Payload("message.send", config.Id, "isr-officer", audience, time, new JsonObject { ["channel"] = "isr-syr-security", ["precedence"] = "ROUTINE", ["template"] = "free-text", ["subject"] = "replay " + i.ToString(CultureInfo.InvariantCulture), ["body"] = "replay benchmark", ["lang"] = "en" })
                : EntryBuilder.Payload("message.ack", config.Id, "syr-duty", audience, time, new JsonObject { ["messageSeq"] = seq - 1 });
            entries.Add(new ReplayEntry(seq, i % 2 == 0 ? "message.send" : "message.ack", i % 2 == 0 ? "isr-officer" : "syr-duty", i % 2 == 0 ? sender : receiver, payload, time));
        }

        var clock = Stopwatch.StartNew();
        var folded = RecordFold.Fold(config, zones, entries);
        var foldSeconds = clock.Elapsed.TotalSeconds;
        var digest = folded.DigestFor(config, new PartyCode("ISR"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Full replay of {entries.Count:N0} entries ({demo} of the demo, then {count:N0} hotline entries): fold {foldSeconds:F2} s, digest as ISR sees it {clock.Elapsed.TotalSeconds - foldSeconds:F2} s, in all {clock.Elapsed.TotalSeconds:F2} s (goal <= 60 s); {folded.Hotline.Messages.Count:N0} messages; overall digest {digest.Overall()[..16]}…"));
        return 0;
    }
}
