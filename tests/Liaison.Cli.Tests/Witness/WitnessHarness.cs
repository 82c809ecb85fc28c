using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Liaison.Cli.Witness;
using Liaison.Ledger.Checkpoints;
using Liaison.Ledger.Merkle;
using Liaison.Ledger.Notes;
using Liaison.Ledger.Witness;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Liaison.Cli.Tests.Witness;

/// <summary>A standalone witness served by the real <see cref="WitnessServer"/> on a free loopback port, with its log lines captured.</summary>
internal sealed class RunningWitness : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningWitness(WebApplication app, HttpClient client, LogCollector logs)
    {
        _app = app;
        Client = client;
        Logs = logs;
    }

    public HttpClient Client { get; }

    public LogCollector Logs { get; }

    public static async Task<RunningWitness> StartAsync(string directory, IReadOnlyList<WitnessedLog> logs, TimeProvider? time = null)
    {
        var collector = new LogCollector();
        var options = new WitnessServerOptions(directory, logs, "http://127.0.0.1:0") { Time = time ?? TimeProvider.System };
        var built = WitnessServer.Build(options, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
            builder.Logging.AddProvider(collector);
        });
        Assert.True(built.IsSuccess, built.IsSuccess ? null : built.Error.Detail);
        var app = built.Value;
        await app.StartAsync(TestContext.Current.CancellationToken);
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        return new RunningWitness(app, client, collector);
    }

    public async Task<(int Status, string? ContentType, string Body)> AddCheckpointAsync(string requestBody)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(requestBody));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var response = await Client.PostAsync(new Uri("/add-checkpoint", UriKind.Relative), content, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    public async Task<JsonElement> StateAsync()
    {
        var text = await Client.GetStringAsync(new Uri("/state", UriKind.Relative), TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(TestContext.Current.CancellationToken);
        await _app.DisposeAsync();
    }
}

/// <summary>Keeps every log line written, for assertions on what the witness reported.</summary>
internal sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, EventId EventId, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, EventId EventId, string Message)> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Collector(_entries);

    public void Dispose()
    {
    }

    private sealed class Collector(ConcurrentQueue<(LogLevel, EventId, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((logLevel, eventId, formatter(state, exception)));
    }
}

/// <summary>A log the test controls: its own Ed25519 key and a tree of made-up leaves, so it can fork on purpose.</summary>
internal sealed class TestLog : IDisposable
{
    public const string Origin = "liaison.test/log";

    private readonly NoteSignerKey _key = NoteSignerKey.Generate(Origin);

    public WitnessedLog Witnessed => new(Origin, [_key.VerifierKey]);

    /// <summary>The <c>--log</c> argument for this log.</summary>
    public string Specification => $"{Origin}={_key.VerifierKey}";

    /// <summary>A tree of <paramref name="size"/> leaves; trees with different <paramref name="branch"/> names share no leaf.</summary>
    public static MemoryTree Tree(string branch, int size) =>
        MemoryTree.FromLeafHashes(Enumerable.Range(0, size).Select(i => Rfc6962.HashLeaf(Encoding.UTF8.GetBytes($"{branch}/{i}"))));

    /// <summary>The checkpoint of <paramref name="tree"/> at <paramref name="size"/>, signed by this log.</summary>
    public string Checkpoint(MemoryTree tree, long size) =>
        SignedNote.Sign(new Checkpoint(Origin, (ulong)size, tree.Root(size)).ToBody(), [_key]);

    /// <summary>An add-checkpoint request from <paramref name="oldSize"/> to <paramref name="size"/> of <paramref name="tree"/>, with its proof.</summary>
    public string Request(MemoryTree tree, long oldSize, long size) =>
        Request(oldSize, oldSize == 0 ? [] : tree.ConsistencyProof(oldSize, size), Checkpoint(tree, size));

    public static string Request(long oldSize, IReadOnlyList<byte[]> proof, string note) =>
        $"old {oldSize}\n{string.Concat(proof.Select(h => Convert.ToBase64String(h) + "\n"))}\n{note}";

    public void Dispose() => _key.Dispose();
}

/// <summary>A clock stopped at one instant.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>The witness steps of tests/fixtures/vectors/checkpoint/witness_add_checkpoint.json, by sequence.</summary>
internal static class WitnessVectorFile
{
    public sealed record Step(string Id, int Number, string Name, string RequestBody, int ExpectedStatus, string ExpectedBodyContains);

    public sealed record Sequence(string Name, string WitnessName, string LogOrigin, string LogVkey, IReadOnlyList<Step> Steps);

    public static string RepoFile(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Liaison.slnx")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return Path.Combine([directory.FullName, .. parts]);
    }

    public static IReadOnlyList<Sequence> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepoFile("tests", "fixtures", "vectors", "checkpoint", "witness_add_checkpoint.json")));
        var cases = document.RootElement.GetProperty("cases").EnumerateArray().ToList();
        return [.. cases
            .GroupBy(c => c.GetProperty("sequence").GetString()!)
            .Select(group =>
            {
                var steps = group.OrderBy(c => c.GetProperty("step").GetInt32()).ToList();
                var setup = steps[0].GetProperty("witness_setup");
                return new Sequence(
                    group.Key,
                    setup.GetProperty("witness_name").GetString()!,
                    setup.GetProperty("log_origin").GetString()!,
                    setup.GetProperty("log_vkey").GetString()!,
                    [.. steps.Select(c => new Step(
                        c.GetProperty("id").GetString()!,
                        c.GetProperty("step").GetInt32(),
                        c.GetProperty("name").GetString()!,
                        c.GetProperty("request_body").GetString()!,
                        c.GetProperty("expected_status").GetInt32(),
                        c.GetProperty("expected_body_contains").GetString()!))]);
            })];
    }

    public static Sequence Get(string name) => Load().Single(s => s.Name == name);

    /// <summary>The checkpoint note of a request body: what follows the first blank line.</summary>
    public static string NoteOf(string requestBody) => requestBody[(requestBody.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];
}
