using System.Text.Json;

namespace Liaison.Cli.Tests.Hotline;

/// <summary><c>liaison watch</c>: a party's client confirms delivery live, which the record keeps apart from acknowledgement.</summary>
[Collection(DemoServerCollection.Name)]
public sealed class WatchCliTests(DemoServerFixture server)
{
    [Fact]
    public async Task Watch_MessageSentWhileWatching_DeliveredButNotAcknowledged()
    {
        var watching = server.RunAsync("--profile", "syr-commander", "watch", "--for", "12");
        await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);

        var sent = await server.RunAsync("--profile", "isr-commander", "send", "--channel", "isr-syr-security", "--precedence", "PRIORITY", "--subject", "Watched", "--body", "Delivered, not yet acknowledged", "--json");
        var seq = JsonDocument.Parse(sent.Out).RootElement.GetProperty("seq").GetInt64();
        var watch = await watching;
        var inbox = await server.RunAsync("--profile", "isr-commander", "inbox", "--json");

        Assert.Equal(0, watch.ExitCode);
        Assert.Contains($"message.delivered for {seq} recorded", watch.Out, StringComparison.Ordinal);
        var message = JsonDocument.Parse(inbox.Out).RootElement.EnumerateArray().Single(m => m.GetProperty("seq").GetInt64() == seq);
        var syria = message.GetProperty("recipients").EnumerateArray().Single(r => r.GetProperty("party").GetString() == "SYR");
        Assert.Equal("delivered", syria.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, syria.GetProperty("deliveredAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, syria.GetProperty("acknowledgedAt").ValueKind);
    }
}
