using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Domain.Entries;
using Liaison.Features.Entries;
using Liaison.Features.Keys;
using Liaison.Ledger.Crypto;

namespace Liaison.Benchmarks;

/// <summary>
/// Signed entries appended end to end through the HTTP API (authentication, key lookup, signature check, admission,
/// group-committed SQLite writes with synchronous=FULL, tiles) per second, reported as a ratio to the one-core Ed25519
/// verify rate measured in the same run. Two ways of submitting are measured one after the other, each over its own
/// fresh entries: one entry per request (<c>POST /api/v1/entries</c>), and batches (<c>POST /api/v1/entries/batch</c>).
/// Arguments: <c>[entries] [concurrency] [batch size]</c> (defaults 20000, 64 and 64).
/// </summary>
internal static class LoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 64;
        var batchSize = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 64;
        await using var server = await BenchServer.StartAsync();
        var credentials = server.Credentials;
        var authors = credentials.Users.Where(u => u.Roles.Contains("liaison-officer") || u.Roles.Contains("commander") || u.Roles.Contains("duty-officer")).ToList();

        // A warm-up (not counted) of each way first, so the timed phases see a server whose code is compiled (tiered JIT) and whose caches are full.
        var warmUp = Math.Min(10_000, Math.Max(total / 2, 1));
        Console.WriteLine($"Signing 2 x ({warmUp} + {total}) entries by {authors.Count} authors...");
        var keys = authors.ToDictionary(a => a.UserName, a => KeyFile.Load(a.KeyFile).Value.Open());
        var now = DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
        var signed = Enumerable.Range(0, 2 * (warmUp + total)).Select(i =>
        {
            var author = authors[i % authors.Count];
            var payload = EntryBuilder.Payload(EntryTypes.StatementIssue, "isr-syr", author.UserName, ["ISR", "SYR", "USA", "UNDOF"], now, new JsonObject { ["subject"] = $"load {i}", ["body"] = "benchmark entry", ["lang"] = "en" });
            return (author.Token, Entry: EntryBuilder.Sign(payload, keys[author.UserName]).ToRequest());
        }).ToList();
        var singles = signed[..(warmUp + total)].Select(e => (e.Token, JsonSerializer.SerializeToUtf8Bytes(e.Entry, JsonSerializerOptions.Web))).ToList();
        // A batch holds one author's entries (a token submits only its own): regroup by author so every entry is sent.
        List<(string Token, byte[] Body, int Count)> batches = [.. signed[(warmUp + total)..].GroupBy(e => e.Token).SelectMany(g => g.Chunk(batchSize).Select(chunk => (g.Key, JsonSerializer.SerializeToUtf8Bytes(new SubmitEntriesRequest([.. chunk.Select(e => e.Entry)]), JsonSerializerOptions.Web), chunk.Length)))];
        var (verifyRate, verifyCpuUs) = MeasureVerifyRate(keys.Values.First());
        Console.WriteLine($"Ed25519 verify, one core: {verifyRate:N0}/s ({verifyCpuUs:F1} µs of CPU each)");
        foreach (var key in keys.Values)
        {
            key.Dispose();
        }

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(server.Url) };
        var failed = await SubmitAllAsync(http, singles[..warmUp], concurrency);
        var warmBatches = batches.TakeWhile((_, i) => i * batchSize < warmUp).Count();
        failed += await SubmitBatchesAsync(http, batches[..warmBatches], concurrency);

        var (singleRate, singleCpu, singleFailed) = await TimedAsync(() => SubmitAllAsync(http, singles[warmUp..], concurrency), total);
        var batchedEntries = batches[warmBatches..].Sum(b => b.Item3);
        var (batchRate, batchCpu, batchFailed) = await TimedAsync(() => SubmitBatchesAsync(http, batches[warmBatches..], concurrency), batchedEntries);
        failed += singleFailed + batchFailed;

        Console.WriteLine($"{concurrency} concurrent clients on {Environment.ProcessorCount} cores, load average {LoadAverage()}; {failed} refused in all.");
        Report($"One entry per request ({total:N0} entries)", singleRate, singleCpu, verifyRate, verifyCpuUs);
        Report($"Batches of {batchSize} ({batchedEntries:N0} entries)", batchRate, batchCpu, verifyRate, verifyCpuUs);
        return failed == 0 ? 0 : 1;
    }

    private static async Task<(double Rate, double CpuUs, int Failed)> TimedAsync(Func<Task<int>> run, int entries)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var failed = await run();
        clock.Stop();
        return (entries / clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / entries, failed);
    }

    private static void Report(string what, double rate, double cpuUs, double verifyRate, double verifyCpuUs)
    {
        Console.WriteLine($"{what}: {rate:N0} entries/s = {rate / verifyRate:F3} x the one-core Ed25519 verify rate (goal >= 0.5: {(rate / verifyRate >= 0.5 ? "met" : "NOT met")}).");
        Console.WriteLine($"  CPU per entry, server and load generator together: {cpuUs:F0} µs = {cpuUs / verifyCpuUs:F1} verifies (0.5 x the verify rate on {Environment.ProcessorCount} cores needs <= {2.0 * Environment.ProcessorCount:F0}).");
    }

    /// <summary>Submits every batch, <paramref name="concurrency"/> at a time (closed loop), and returns how many entries were refused.</summary>
    private static async Task<int> SubmitBatchesAsync(HttpClient http, List<(string Token, byte[] Body, int Count)> batches, int concurrency)
    {
        var next = -1;
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < batches.Count)
            {
                var (token, body, count) = batches[index];
                using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/entries/batch") { Content = new ByteArrayContent(body) };
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(message);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Add(ref failed, count);
                    continue;
                }

                using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
                Interlocked.Add(ref failed, answer.RootElement.GetProperty("refused").GetInt32());
            }
        }));
        return failed;
    }

    /// <summary>Submits every request, <paramref name="concurrency"/> at a time (closed loop), and returns how many were refused.</summary>
    internal static async Task<int> SubmitAllAsync(HttpClient http, List<(string Token, byte[] Body)> requests, int concurrency)
    {
        var next = -1;
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests.Count)
            {
                var (token, body) = requests[index];
                using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/entries") { Content = new ByteArrayContent(body) };
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(message);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        return failed;
    }

    /// <summary>The one-minute load average (Linux), to tell a busy machine's figures from a quiet one's.</summary>
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    /// <summary>Single-threaded Ed25519 verifications per second over about two seconds, and the CPU time of one.</summary>
    private static (double Rate, double CpuMicroseconds) MeasureVerifyRate(Ed25519PrivateKey key)
    {
        var message = EntrySigning.SignedMessage(new byte[300]);
        var signature = key.Sign(message);
        var count = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            for (var i = 0; i < 100; i++)
            {
                if (key.PublicKey.Verify(message, signature))
                {
                    count++;
                }
            }
        }

        return (count / clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / count);
    }
}
