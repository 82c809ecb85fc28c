using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Domain.Incidents;
using Liaison.Domain.Parties;
using Liaison.Features.Bootstrap;
using Liaison.Features.Entries;
using Liaison.Features.Incidents;
using Liaison.Features.Keys;
using Liaison.Features.Mechanism;
using Liaison.Ledger.Crypto;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Benchmarks;

/// <summary>
/// <c>-- incidents [count] [seconds]</c>: listing incidents with filters through the HTTP API of a real server holding
/// <c>count</c> (default 100,000) signed <c>incident.report</c> entries, under 64 concurrent connections (closed loop),
/// for <c>seconds</c> (default 20) after a warm-up. The reports are seeded first through the real sequencer (64 submits at
/// a time) and the seeding rate is printed. Reports come from Israel and Syria, in every configured category, at points
/// spread over Syria and the Golan, over the past year. Each request is one of: no filter, category, party, status,
/// a 30-day from/to window, a 1° bbox, category with party and window, category with bbox; half the pages that have a
/// next cursor are followed for up to two more pages. The baseline, measured in the same run under the same 64
/// connections, is <c>GET /api/v1/mechanism</c>. Goal: p99 ≤ 20 ms at 100,000 incidents.
/// </summary>
internal static class IncidentListBenchmark
{
    private const int Concurrency = 64;
    private const int SignChunk = 10_000;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private static readonly string[] Audience = ["ISR", "SYR", "USA", "UNDOF"];
    private static readonly string[] Statuses = ["reported", "acknowledged", "disputed"];

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        await using var server = await BenchServer.StartAsync();
        var config = server.App.Services.GetRequiredService<ServedMechanism>().Config;
        var users = server.Credentials.Users;
        var authors = users.Where(u => u.Party is "ISR" or "SYR" && u.Roles.Contains("liaison-officer")).ToList();
        var readers = Audience.Select(p => users.First(u => u.Party == p)).ToList();
        var categories = config.Incidents.Categories.Select(c => c.Code).ToArray();
        var actors = config.Incidents.Actors.Select(a => a.Code).ToArray();
        var t0 = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10) }) { BaseAddress = new Uri(server.Url) };

        // Seeding: signed in chunks (each chunk's client time is fresh, within the allowed skew), submitted 64 at a time.
        Console.WriteLine($"Seeding {count:N0} incident reports by {string.Join(", ", authors.Select(a => a.UserName))}...");
        var keys = authors.ToDictionary(a => a.UserName, a => KeyFile.Load(a.KeyFile).Value.Open());
        var seedClock = new Stopwatch();
        var signClock = new Stopwatch();
        var refused = 0;
        for (var done = 0; done < count; done += SignChunk)
        {
            signClock.Start();
            var chunk = Sign(done, Math.Min(SignChunk, count - done), authors, keys, config.Id, categories, actors, t0);
            signClock.Stop();
            seedClock.Start();
            refused += await LoadBenchmark.SubmitAllAsync(http, chunk, Concurrency);
            seedClock.Stop();
        }

        foreach (var key in keys.Values)
        {
            key.Dispose();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Seeded {count - refused:N0} reports ({refused} refused) in {seedClock.Elapsed.TotalSeconds:F1} s: {count / seedClock.Elapsed.TotalSeconds:N0} reports/s through the sequencer ({signClock.Elapsed.TotalSeconds:F1} s of signing not counted); load average {LoadBenchmark.LoadAverage()}."));

        await HandlerOnlyAsync(server.App.Services, new PartyCode("ISR"), categories, t0);
        var baseline = await ClosedLoopAsync(http, Math.Min(seconds, 10), random => (readers[random.Next(readers.Count)].Token, "/api/v1/mechanism"));
        Console.WriteLine($"Baseline, GET /api/v1/mechanism, {Concurrency} connections: {baseline.Latencies.Summary()}  {baseline.Rate:N0} req/s, {baseline.Failed} failed");

        var listing = await ClosedLoopAsync(http, seconds, random => (readers[random.Next(readers.Count)].Token, PathOf(Query(random, categories, t0).Request)));
        var l = listing.Latencies;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GET /api/v1/incidents with filters, {count:N0} incidents, {Concurrency} connections, {Environment.ProcessorCount} cores, load average {LoadBenchmark.LoadAverage()}:"));
        Console.WriteLine($"  {l.Summary()}  {listing.Rate:N0} req/s, {listing.Failed} failed, {listing.Items / (double)Math.Max(1, l.Count):F1} items a page, {listing.Followed} cursor pages followed");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  goal p99 <= 20 ms: {(l.Percentile(0.99) <= 20 ? "met" : "NOT met")}; ratio to the baseline: p50 {l.Percentile(0.5) / baseline.Latencies.Percentile(0.5):F1} x, p99 {l.Percentile(0.99) / baseline.Latencies.Percentile(0.99):F1} x"));
        return refused == 0 && listing.Failed == 0 && baseline.Failed == 0 ? 0 : 1;
    }

    /// <summary>Signs <paramref name="size"/> reports from number <paramref name="first"/>, one thread per author (a key is used by one thread only).</summary>
    private static List<(string Token, byte[] Body)> Sign(int first, int size, List<DemoUser> authors, Dictionary<string, Ed25519PrivateKey> keys, string mechanism, string[] categories, string[] actors, DateTimeOffset t0)
    {
        var bodies = new (string Token, byte[] Body)[size];
        var now = DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
        Parallel.For(0, authors.Count, a =>
        {
            var author = authors[a];
            for (var i = a; i < size; i += authors.Count)
            {
                var random = new Random(first + i);
                var payload = EntryBuilder.Payload(IncidentEntryTypes.Report, mechanism, author.UserName, Audience, now, ReportBody(random, categories, actors, t0));
                bodies[i] = (author.Token, JsonSerializer.SerializeToUtf8Bytes(EntryBuilder.Sign(payload, keys[author.UserName]).ToRequest(), JsonSerializerOptions.Web));
            }
        });
        return [.. bodies];
    }

    /// <summary>A report in a random category, at a point in Syria or the Golan, some time in the year before <paramref name="t0"/>.</summary>
    private static JsonObject ReportBody(Random random, string[] categories, string[] actors, DateTimeOffset t0)
    {
        var start = t0.AddMinutes(-random.Next(60, 365 * 24 * 60));
        var time = new JsonObject { ["start"] = start.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) };
        if (random.Next(3) == 0)
        {
            time["end"] = start.AddMinutes(random.Next(10, 12 * 60)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        }

        return new JsonObject
        {
            ["category"] = categories[random.Next(categories.Length)],
            ["time"] = time,
            ["location"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(Math.Round(35.7 + (random.NextDouble() * 6.3), 5), Math.Round(32.3 + (random.NextDouble() * 5.0), 5)) },
            ["actors"] = new JsonArray(actors[random.Next(actors.Length)]),
            ["casualties"] = new JsonObject { ["civilians"] = new JsonObject { ["wounded"] = new JsonObject { ["min"] = 0, ["max"] = random.Next(0, 5) } } },
            ["narrative"] = new JsonObject { ["text"] = "Benchmark report.", ["lang"] = "en" },
            ["grading"] = "ABCDEF"[random.Next(6)].ToString() + (char)('1' + random.Next(6)),
        };
    }

    /// <summary>One listing request of the mix, named by its filters: none, one, or a combination; limit 50.</summary>
    private static (string Kind, ListIncidentsRequest Request) Query(Random random, string[] categories, DateTimeOffset t0)
    {
        var category = categories[random.Next(categories.Length)];
        var party = random.Next(2) == 0 ? "ISR" : "SYR";
        var from = t0.AddDays(-random.Next(30, 366));
        var lon = Math.Round(35.7 + (random.NextDouble() * 5.3), 3);
        var lat = Math.Round(32.3 + (random.NextDouble() * 4.0), 3);
        var box = string.Create(CultureInfo.InvariantCulture, $"{lon},{lat},{lon + 1},{lat + 1}");
        var all = new ListIncidentsRequest(Limit: 50);
        return random.Next(8) switch
        {
            0 => ("none", all),
            1 => ("category", all with { Category = category }),
            2 => ("party", all with { Party = party }),
            3 => ("status", all with { Status = Statuses[random.Next(Statuses.Length)] }),
            4 => ("from/to 30 d", all with { From = from, To = from.AddDays(30) }),
            5 => ("bbox 1°", all with { Bbox = box }),
            6 => ("category+party+from/to", all with { Category = category, Party = party, From = from, To = from.AddDays(30) }),
            _ => ("category+bbox", all with { Category = category, Bbox = box }),
        };
    }

    /// <summary>The API path of <paramref name="request"/>.</summary>
    private static string PathOf(ListIncidentsRequest request)
    {
        var r = request;
        var query = new List<string> { "limit=" + r.Limit!.Value.ToString(CultureInfo.InvariantCulture) };
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                query.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("category", r.Category);
        Add("party", r.Party);
        Add("status", r.Status);
        Add("from", r.From?.ToString("O", CultureInfo.InvariantCulture));
        Add("to", r.To?.ToString("O", CultureInfo.InvariantCulture));
        Add("bbox", r.Bbox);
        Add("cursor", r.Cursor?.ToString(CultureInfo.InvariantCulture));
        return "/api/v1/incidents?" + string.Join("&", query);
    }

    /// <summary>
    /// In process, one at a time, without HTTP: the mean time of the listing handler and of serialising its page, per
    /// kind of request, to tell the work of the listing from that of the HTTP stack.
    /// </summary>
    private static async Task HandlerOnlyAsync(IServiceProvider services, PartyCode reader, string[] categories, DateTimeOffset t0)
    {
        using var scope = services.CreateScope();
        var handler = scope.ServiceProvider.GetRequiredService<ListIncidents>();
        var random = new Random(7);
        var handle = new Dictionary<string, (double Handle, double Serialise, int Count)>();
        for (var i = 0; i < 6_000; i++)
        {
            var (kind, request) = Query(random, categories, t0);
            var start = Stopwatch.GetTimestamp();
            var page = (await handler.HandleAsync(request, reader, CancellationToken.None)).Value;
            var handled = Stopwatch.GetTimestamp();
            JsonSerializer.SerializeToUtf8Bytes(page, JsonSerializerOptions.Web);
            var serialised = Stopwatch.GetTimestamp();
            if (i >= 2_000)
            {
                var (h, z, n) = handle.GetValueOrDefault(kind);
                handle[kind] = (h + Stopwatch.GetElapsedTime(start, handled).TotalMicroseconds, z + Stopwatch.GetElapsedTime(handled, serialised).TotalMicroseconds, n + 1);
            }
        }

        Console.WriteLine("In process, one at a time (mean µs): kind: handler + JSON of the page");
        foreach (var (kind, (h, z, n)) in handle.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind,-24} {h / n,8:0.0} + {z / n,6:0.0}"));
        }
    }

    /// <summary>
    /// Runs <see cref="Concurrency"/> workers in a closed loop for the warm-up and then <paramref name="seconds"/> measured;
    /// each takes its next request from <paramref name="next"/> (a token and a path) and, for listings with a next cursor,
    /// follows it for up to two more pages half of the time. Every request's round trip, body read, is one latency.
    /// </summary>
    private static async Task<LoopResult> ClosedLoopAsync(HttpClient http, double seconds, Func<Random, (string Token, string Path)> next)
    {
        var origin = Stopwatch.GetTimestamp();
        var measureFrom = origin + (long)(WarmUp.TotalSeconds * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(seconds * Stopwatch.Frequency);
        var perWorker = new List<double>[Concurrency];
        long failed = 0, items = 0, followed = 0;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async w =>
        {
            var random = new Random(w);
            var mine = perWorker[w] = new List<double>(16_384);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var (token, path) = next(random);
                for (var page = 0; page < 3; page++)
                {
                    using var message = new HttpRequestMessage(HttpMethod.Get, path);
                    message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    var start = Stopwatch.GetTimestamp();
                    using var response = await http.SendAsync(message);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    var end = Stopwatch.GetTimestamp();
                    var counted = start >= measureFrom && end <= stopAt;
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref failed);
                        break;
                    }

                    if (counted)
                    {
                        mine.Add(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
                    }

                    if (!path.StartsWith("/api/v1/incidents", StringComparison.Ordinal))
                    {
                        break;
                    }

                    using var page0 = JsonDocument.Parse(body);
                    if (counted)
                    {
                        Interlocked.Add(ref items, page0.RootElement.GetProperty("items").GetArrayLength());
                    }

                    if (page0.RootElement.GetProperty("nextCursor").ValueKind != JsonValueKind.Number || random.Next(2) == 0)
                    {
                        break;
                    }

                    var cursor = page0.RootElement.GetProperty("nextCursor").GetInt64();
                    var at = path.IndexOf("&cursor=", StringComparison.Ordinal);
                    path = (at < 0 ? path : path[..at]) + "&cursor=" + cursor.ToString(CultureInfo.InvariantCulture);
                    if (counted)
                    {
                        Interlocked.Increment(ref followed);
                    }
                }
            }
        }));
        var latencies = new Latencies(perWorker.SelectMany(l => l));
        return new LoopResult(latencies, latencies.Count / seconds, failed, items, followed);
    }

    private sealed record LoopResult(Latencies Latencies, double Rate, long Failed, long Items, long Followed);
}
