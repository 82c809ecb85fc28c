using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Liaison.Features.Entries;
using Liaison.Features.Keys;
using Liaison.Features.Mechanism;
using Liaison.Web.Hotline;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Benchmarks;

/// <summary>
/// Hotline delivery latency: one party's officer submits signed <c>message.send</c> entries at a fixed open-loop rate
/// through the HTTP API of a real server, and a SignalR client of the other party, connected to the hotline hub over
/// WebSockets, receives them. Each message's latency runs from the moment its submit was due to its arrival at that
/// client (matched by a unique subject). The baseline, measured in the same run at the same rate, is the round trip of
/// the server's health endpoint. The first seconds are warm-up and are not counted.
/// Arguments: <c>[rate] [seconds]</c> (defaults 1000 and 20).
/// </summary>
internal static class DeliveryBenchmark
{
    private const string Channel = "isr-syr-security";
    private const string SubjectPrefix = "bench ";
    private const int WarmUpSeconds = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        var rate = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        await using var server = await BenchServer.StartAsync();
        var config = server.App.Services.GetRequiredService<ServedMechanism>().Config;
        var channel = config.FindChannel(Channel) ?? throw new InvalidOperationException($"The demo has no channel {Channel}.");
        var users = server.Credentials.Users;
        var sender = users.First(u => u.Party == channel.Parties[0].Value && u.Roles.Contains("liaison-officer"));
        var receiver = users.First(u => u.Party == channel.Parties[1].Value && u.Roles.Contains("duty-officer"));

        var warmUp = (int)(rate * WarmUpSeconds);
        var total = warmUp + (int)(rate * seconds);
        Console.WriteLine($"Signing {total} messages by {sender.UserName} on {Channel}, for {receiver.UserName}'s client...");
        var bodies = new byte[total][];
        using (var key = KeyFile.Load(sender.KeyFile).Value.Open())
        {
            var audience = channel.Members.Select(p => p.Value).ToList();
            var now = DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
            for (var i = 0; i < total; i++)
            {
                var fields = new JsonObject { ["channel"] = Channel, ["precedence"] = "ROUTINE", ["template"] = "free-text", ["subject"] = SubjectPrefix + i.ToString(CultureInfo.InvariantCulture), ["body"] = "delivery benchmark", ["lang"] = "en" };
                var payload = EntryBuilder.Payload("message.send", config.Id, sender.UserName, audience, now, fields);
                bodies[i] = JsonContent.Create(EntryBuilder.Sign(payload, key).ToRequest()).ReadAsByteArrayAsync().Result;
            }
        }

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) }) { BaseAddress = new Uri(server.Url) };

        // The baseline: the health endpoint's round trip at the same rate, through the same server and HTTP client.
        var baselineSeconds = Math.Min(seconds, 10);
        var health = await HealthRoundTripsAsync(http, rate, (int)(rate * (1 + baselineSeconds)), (int)rate);
        Console.WriteLine($"Baseline, GET /healthz at {rate:N0}/s: {health.Summary()}");

        var arrived = new long[total];
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(server.Url), HotlineLive.HubPath), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.AccessTokenProvider = () => Task.FromResult<string?>(receiver.Token);
            })
            .Build();
        connection.On<HotlineLiveEvent>(nameof(IHotlineClient.HotlineEntry), e =>
        {
            var at = Stopwatch.GetTimestamp();
            if (e.Type == "message.send" && MessageIndex(e.Subject) is { } index && index < total)
            {
                arrived[index] = at;
            }
        });
        await connection.StartAsync();

        var answered = new long[total];
        var refused = 0;
        var pending = new List<Task>(total);
        Console.WriteLine($"Submitting at {rate:N0}/s for {WarmUpSeconds} s of warm-up and {seconds} s measured...");
        var (due, lag) = await OpenLoop.RunAsync(total, rate, i => pending.Add(SubmitAsync(i)));
        await Task.WhenAll(pending);
        var waitUntil = Stopwatch.GetTimestamp() + (5 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < waitUntil && Enumerable.Range(0, total).Any(i => answered[i] != 0 && arrived[i] == 0))
        {
            await Task.Delay(50);
        }

        var measured = Enumerable.Range(warmUp, total - warmUp).ToList();
        var delivery = Latencies.Between([.. measured.Select(i => due[i])], [.. measured.Select(i => arrived[i])]);
        var submit = Latencies.Between([.. measured.Select(i => due[i])], [.. measured.Select(i => answered[i])]);
        var lost = measured.Count(i => arrived[i] == 0);
        var lastArrival = measured.Max(i => arrived[i]);
        var achieved = delivery.Count / Stopwatch.GetElapsedTime(due[warmUp], lastArrival).TotalSeconds;

        Console.WriteLine($"Offered {rate:N0} messages/s, achieved {achieved:N0} delivered/s; {measured.Count} measured, {lost} lost, {Volatile.Read(ref refused)} refused in all; largest generator lag {lag.TotalMilliseconds:F1} ms; {Environment.ProcessorCount} cores, load average {LoadBenchmark.LoadAverage()}.");
        Console.WriteLine($"Submit answered (201):    {submit.Summary()}");
        Console.WriteLine($"Delivered to other party: {delivery.Summary()}  (goal p50 <= 5 ms, p99 <= 25 ms)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Ratio to the baseline:    p50 {delivery.Percentile(0.5) / health.Percentile(0.5):F1} x, p99 {delivery.Percentile(0.99) / health.Percentile(0.99):F1} x the health round trip"));
        return lost == 0 && refused == 0 ? 0 : 1;

        async Task SubmitAsync(int i)
        {
            try
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/entries") { Content = new ByteArrayContent(bodies[i]) };
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sender.Token);
                using var response = await http.SendAsync(message);
                if (response.IsSuccessStatusCode)
                {
                    answered[i] = Stopwatch.GetTimestamp();
                }
                else
                {
                    Interlocked.Increment(ref refused);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref refused);
            }
        }
    }

    /// <summary>The index in a benchmark message's subject, or null for any other subject.</summary>
    public static int? MessageIndex(string? subject) =>
        subject is not null && subject.StartsWith(SubjectPrefix, StringComparison.Ordinal) && int.TryParse(subject.AsSpan(SubjectPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;

    /// <summary>Round trips of <c>GET /healthz</c> at <paramref name="rate"/>, open loop, the first <paramref name="warmUp"/> not counted.</summary>
    private static async Task<Latencies> HealthRoundTripsAsync(HttpClient http, double rate, int count, int warmUp)
    {
        var answered = new long[count];
        var pending = new List<Task>(count);
        var (due, _) = await OpenLoop.RunAsync(count, rate, i => pending.Add(GetAsync(i)));
        await Task.WhenAll(pending);
        return Latencies.Between(due[warmUp..], answered[warmUp..]);

        async Task GetAsync(int i)
        {
            using var response = await http.GetAsync("/healthz");
            if (response.IsSuccessStatusCode)
            {
                answered[i] = Stopwatch.GetTimestamp();
            }
        }
    }
}
