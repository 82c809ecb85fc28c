using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Liaison.Web.Tests.Notices;

/// <summary>
/// Live notices: a real SignalR client of <c>/hubs/notices</c> receives each notice its party may read when it is filed
/// or changed, with its conflicts, and nothing addressed elsewhere.
/// </summary>
public sealed partial class NoticeApiTests
{
    [Fact]
    public async Task Live_SyrianNoticeFiled_IsraeliClientReceivesItWithConflicts()
    {
        var now = app.Time.GetUtcNow();
        var works = await FileAsync("isr-officer", Filing("engineering-works", EastOfQuneitra, now.AddDays(60), now.AddDays(63)));
        await using var israeli = await NoticeClient.ConnectAsync(app, "isr-officer");

        var movement = await FileAsync("syr-officer", Filing("ground-movement", EastOfQuneitra, now.AddDays(61), now.AddDays(62), Assets(("troops", 900), ("tanks", 80))));

        var pushed = await israeli.WaitForAsync(n => n.GetProperty("id").GetInt64() == movement);
        Assert.Equal("SYR", pushed.GetProperty("party").GetString());
        Assert.Equal("filed", pushed.GetProperty("status").GetString());
        Assert.Equal([works], Ids(Conflict(pushed, "notice-overlap", c => Ids(c, "notices").Contains(works)), "notices"));
        Conflict(pushed, "zone-limit-exceeded", c => Codes(c, "zones").SequenceEqual(["aol-10km"]));
        Assert.Equal((await NoticeAsync("isr-officer", movement)).GetProperty("conflicts").GetRawText(), pushed.GetProperty("conflicts").GetRawText());
    }

    [Fact]
    public async Task Live_Answered_FilerReceivesTheNewStatus()
    {
        var now = app.Time.GetUtcNow();
        var id = await FileAsync("syr-officer", Filing("naval", Aleppo, now.AddDays(2), now.AddDays(3)));
        await using var syrian = await NoticeClient.ConnectAsync(app, "syr-officer", HttpTransportType.WebSockets);

        await AnswerAsync("isr-officer", Domain.Notices.NoticeEntryTypes.Object, id, "Overlaps our exercise area.");

        var pushed = await syrian.WaitForAsync(n => n.GetProperty("id").GetInt64() == id && n.GetProperty("status").GetString() == "objected");
        Assert.Equal("Overlaps our exercise area.", Assert.Single(pushed.GetProperty("responses").EnumerateArray()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Live_NoticeNotAddressedToObserver_ObserverDoesNotReceiveIt()
    {
        var now = app.Time.GetUtcNow();
        await using var observer = await NoticeClient.ConnectAsync(app, "undof-observer");
        await using var mediator = await NoticeClient.ConnectAsync(app, "usa-mediator");

        var hidden = await FileAsync("syr-officer", Filing("naval", Aleppo, now.AddDays(2), now.AddDays(3)), WithoutObserver);
        var addressed = await FileAsync("syr-officer", Filing("naval", Aleppo, now.AddDays(2), now.AddDays(3)));

        // Pushes go out in record order: once the later notice has arrived, the earlier one would have too.
        await mediator.WaitForAsync(n => n.GetProperty("id").GetInt64() == hidden);
        await mediator.WaitForAsync(n => n.GetProperty("id").GetInt64() == addressed);
        await observer.WaitForAsync(n => n.GetProperty("id").GetInt64() == addressed);
        Assert.DoesNotContain(observer.Received, n => n.GetProperty("id").GetInt64() == hidden);
    }

    [Fact]
    public async Task Live_WithoutToken_Refused()
    {
        await using var anonymous = NoticeClient.Create(app, token: null);

        var refused = await Assert.ThrowsAnyAsync<Exception>(anonymous.StartAsync);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (refused as HttpRequestException)?.StatusCode);
    }

    /// <summary>A SignalR client of the notices hub through the fixture's in-memory server, keeping every notice it receives.</summary>
    private sealed class NoticeClient : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly Channel<JsonElement> _arrivals = Channel.CreateUnbounded<JsonElement>();
        private readonly List<JsonElement> _received = [];

        private NoticeClient(HubConnection connection)
        {
            _connection = connection;
            _connection.On<JsonElement>("Notice", n => _arrivals.Writer.TryWrite(n.Clone()));
        }

        /// <summary>Every notice read so far by <see cref="WaitForAsync"/>, in the order received.</summary>
        public IReadOnlyList<JsonElement> Received => _received;

        public static NoticeClient Create(LiaisonAppFixture app, string? token, HttpTransportType transport = HttpTransportType.LongPolling)
        {
            var server = app.Server;
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(server.BaseAddress, "/hubs/notices"), options =>
                {
                    options.Transports = transport;
                    options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                    if (transport == HttpTransportType.WebSockets)
                    {
                        options.SkipNegotiation = true;
                        options.WebSocketFactory = async (context, cancellationToken) =>
                            await server.CreateWebSocketClient().ConnectAsync(new Uri(context.Uri + (context.Uri.Query.Length == 0 ? "?" : "&") + "access_token=" + Uri.EscapeDataString(token!)), cancellationToken);
                    }
                    else if (token is not null)
                    {
                        options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                    }
                })
                .Build();
            return new NoticeClient(connection);
        }

        public static async Task<NoticeClient> ConnectAsync(LiaisonAppFixture app, string userName, HttpTransportType transport = HttpTransportType.LongPolling)
        {
            var client = Create(app, app.User(userName).Token, transport);
            await client.StartAsync();
            return client;
        }

        public Task StartAsync() => _connection.StartAsync(TestContext.Current.CancellationToken);

        /// <summary>The first notice (received earlier or arriving within 5 s) that matches.</summary>
        public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match)
        {
            var earlier = _received.FirstOrDefault(match);
            if (earlier.ValueKind != JsonValueKind.Undefined)
            {
                return earlier;
            }

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            limit.CancelAfter(TimeSpan.FromSeconds(5));
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
                Assert.Fail($"No matching notice within 5 s; received: {string.Join(", ", _received.Select(n => $"#{n.GetProperty("id").GetInt64()} {n.GetProperty("status").GetString()}"))}.");
                throw;
            }
        }

        public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
    }
}
