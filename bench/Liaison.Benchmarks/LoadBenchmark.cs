using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
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
        Console.WriteLine($"Signing {total} entries by {authors.Count} authors...");
        var requests = new List<(string Token, SubmitEntryRequest Body)>(total);
        var keys = authors.ToDictionary(a => a.UserName, a => KeyFile.Load(a.KeyFile).Value.Open());
        var now = DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
        for (var i = 0; i < total; i++)
        {
            var author = authors[i % authors.Count];
            var payload = EntryBuilder.Payload(EntryTypes.StatementIssue, "isr-syr", author.UserName, ["ISR", "SYR", "USA", "UNDOF"], now, new JsonObject { ["subject"] = $"load {i}", ["body"] = "benchmark entry", ["lang"] = "en" });
            requests.Add((author.Token, EntryBuilder.Sign(payload, keys[author.UserName]).ToRequest()));
        }

        var verifyRate = MeasureVerifyRate(keys.Values.First());
        Console.WriteLine($"Ed25519 verify, one core: {verifyRate:N0}/s");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(url) };
        var next = -1;
        var failed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < total)
            {
                var (token, body) = requests[index];
                using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/entries") { Content = JsonContent.Create(body) };
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(message);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        clock.Stop();

        var rate = total / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"Appended {total - failed} entries ({failed} refused) in {clock.Elapsed.TotalSeconds:F2} s with {concurrency} concurrent clients on {Environment.ProcessorCount} cores.");
        Console.WriteLine($"Throughput: {rate:N0} entries/s = {rate / verifyRate:F3} x the one-core Ed25519 verify rate (goal >= 0.5).");
        foreach (var key in keys.Values)
        {
            key.Dispose();
        }

        return failed == 0 ? 0 : 1;
    }

    /// <summary>Single-threaded Ed25519 verifications per second over about two seconds.</summary>
    private static double MeasureVerifyRate(Ed25519PrivateKey key)
    {
        var message = EntrySigning.SignedMessage(new byte[300]);
        var signature = key.Sign(message);
        var count = 0;
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

        return count / clock.Elapsed.TotalSeconds;
    }
}
