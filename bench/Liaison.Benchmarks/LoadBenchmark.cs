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
/// verify rate measured in the same run. Arguments: <c>[entries] [concurrency]</c> (defaults 20000 and 64).
/// </summary>
internal static class LoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 64;
        await using var server = await BenchServer.StartAsync();
        var url = server.Url;
        var credentials = server.Credentials;
        var authors = credentials.Users.Where(u => u.Roles.Contains("liaison-officer") || u.Roles.Contains("commander") || u.Roles.Contains("duty-officer")).ToList();
        // A warm-up (not counted) first, so the timed phase sees a server whose code is compiled (tiered JIT) and whose caches are full.
        var warmUp = Math.Min(5_000, Math.Max(total / 4, 1));
        Console.WriteLine($"Signing {warmUp} + {total} entries by {authors.Count} authors...");
        var requests = new List<(string Token, byte[] Body)>(warmUp + total);
        var keys = authors.ToDictionary(a => a.UserName, a => KeyFile.Load(a.KeyFile).Value.Open());
        var now = DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
        for (var i = 0; i < warmUp + total; i++)
        {
            var author = authors[i % authors.Count];
            var payload = EntryBuilder.Payload(EntryTypes.StatementIssue, "isr-syr", author.UserName, ["ISR", "SYR", "USA", "UNDOF"], now, new JsonObject { ["subject"] = $"load {i}", ["body"] = "benchmark entry", ["lang"] = "en" });
            requests.Add((author.Token, JsonSerializer.SerializeToUtf8Bytes(EntryBuilder.Sign(payload, keys[author.UserName]).ToRequest(), JsonSerializerOptions.Web)));
        }

        var (verifyRate, verifyCpuUs) = MeasureVerifyRate(keys.Values.First());
        Console.WriteLine($"Ed25519 verify, one core: {verifyRate:N0}/s ({verifyCpuUs:F1} µs of CPU each)");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(server.Url) };
        var failed = await SubmitAllAsync(http, requests[..warmUp], concurrency);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        failed += await SubmitAllAsync(http, requests[warmUp..], concurrency);
        clock.Stop();
        var cpuUs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / total;

        var rate = total / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"Appended {total} entries after {warmUp} of warm-up ({failed} refused in all) in {clock.Elapsed.TotalSeconds:F2} s with {concurrency} concurrent clients on {Environment.ProcessorCount} cores, load average {LoadAverage()}.");
        Console.WriteLine($"Throughput: {rate:N0} entries/s = {rate / verifyRate:F3} x the one-core Ed25519 verify rate (goal >= 0.5).");
        Console.WriteLine($"CPU per entry, server and load generator together: {cpuUs:F0} µs = {cpuUs / verifyCpuUs:F1} verifies (0.5 x the verify rate on {Environment.ProcessorCount} cores needs <= {2.0 * Environment.ProcessorCount:F0}).");
        foreach (var key in keys.Values)
        {
            key.Dispose();
        }

        return failed == 0 ? 0 : 1;
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
