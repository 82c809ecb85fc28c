using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Liaison.Web.Tests.Live;

/// <summary>
/// A real SignalR client of a hub (the hotline's unless told), connected through the fixture's in-memory server, that keeps every event it
/// receives in order. Long polling carries the token in the <c>Authorization</c> header, as the .NET client does; the
/// WebSocket variant skips negotiation and carries it only as the <c>access_token</c> query parameter, as a browser must.
/// </summary>
internal sealed class LiveClient : IAsyncDisposable
{
    public const string HubPath = "/hubs/hotline";

    private readonly HubConnection _connection;
    private readonly Channel<JsonElement> _arrivals = Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> _received = [];

    private LiveClient(HubConnection connection, string method)
    {
        _connection = connection;
        _connection.On<JsonElement>(method, e => _arrivals.Writer.TryWrite(e.Clone()));
    }

    /// <summary>Every event read so far by <see cref="WaitForAsync"/>, in the order received.</summary>
    public IReadOnlyList<JsonElement> Received => _received;

    /// <summary>A client that sends <paramref name="token"/> (when given) and <paramref name="headers"/> (e.g. a session cookie); not yet started.</summary>
    public static LiveClient Create(LiaisonAppFixture app, string? token, HttpTransportType transport = HttpTransportType.LongPolling, IReadOnlyDictionary<string, string>? headers = null,
        string hubPath = HubPath, string method = "HotlineEntry")
    {
        var server = app.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, hubPath), options =>
            {
                options.Transports = transport;
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                foreach (var (name, value) in headers ?? new Dictionary<string, string>())
                {
                    options.Headers[name] = value;
                }

                if (transport == HttpTransportType.WebSockets)
                {
                    options.SkipNegotiation = true;
                    options.WebSocketFactory = async (context, cancellationToken) =>
                    {
                        var uri = token is null ? context.Uri : new Uri(context.Uri + (context.Uri.Query.Length == 0 ? "?" : "&") + "access_token=" + Uri.EscapeDataString(token));
                        return await server.CreateWebSocketClient().ConnectAsync(uri, cancellationToken);
                    };
                }
                else if (token is not null)
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }
            })
            .Build();
        return new LiveClient(connection, method);
    }

    /// <summary>A demo user's client, started.</summary>
    public static async Task<LiveClient> ConnectAsync(LiaisonAppFixture app, string userName, HttpTransportType transport = HttpTransportType.LongPolling,
        string hubPath = HubPath, string method = "HotlineEntry")
    {
        var client = Create(app, app.User(userName).Token, transport, hubPath: hubPath, method: method);
        await client.StartAsync();
        return client;
    }

    public Task StartAsync() => _connection.StartAsync(TestContext.Current.CancellationToken);

    /// <summary>The first event (received earlier or arriving within <paramref name="timeout"/>, default 5 s) that matches.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        var earlier = _received.FirstOrDefault(match);
        if (earlier.ValueKind != JsonValueKind.Undefined)
        {
            return earlier;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout ?? TimeSpan.FromSeconds(5));
        try
        {
            while (true)
            {
                var next = await _arrivals.Reader.ReadAsync(limit.Token);
                _received.Add(next);
                if (match(next))
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"No matching event within {(timeout ?? TimeSpan.FromSeconds(5)).TotalSeconds} s; received: {string.Join(", ", _received.Select(e => $"{e.GetProperty("type").GetString()} #{e.GetProperty("seq").GetInt64()}"))}.");
            throw;
        }
    }

    /// <summary>The event of entry <paramref name="seq"/>.</summary>
    public Task<JsonElement> WaitForEntryAsync(long seq, TimeSpan? timeout = null) =>
        WaitForAsync(e => e.GetProperty("seq").GetInt64() == seq, timeout);

    /// <summary>The status code of the HTTP refusal that made <see cref="StartAsync"/> fail.</summary>
    public static HttpStatusCode? StatusOf(Exception exception) => (exception as HttpRequestException)?.StatusCode;

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
