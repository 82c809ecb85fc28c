using System.Text.Json;

namespace Liaison.Cli.Tests;

/// <summary>An acknowledged entry is durable: killing the server the instant after the acknowledgement loses nothing.</summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task Server_KilledRightAfterAcknowledgements_RestartsWithEveryAcknowledgedEntry()
    {
        using var folder = new TempFolder();
        var data = folder.Sub("data");
        var config = folder.Sub("config");
        var acknowledged = new List<(long Seq, string LeafHash)>();
        var port = ServerProcess.FreePort();
        var statement = folder.Sub("statement.json");

        await using (var server = await ServerProcess.StartAsync(data, config, demo: true, TestContext.Current.CancellationToken, port))
        {
            for (var i = 0; i < 12; i++)
            {
                await File.WriteAllTextAsync(statement, JsonSerializer.Serialize(new { type = "statement.issue", subject = $"durability {i}", body = "نص", lang = "ar" }), TestContext.Current.CancellationToken);
                var result = await CliRun.RunAsync(config, ["--profile", "syr-officer", "entries", "submit", statement, "--json"]);
                Assert.Equal(0, result.ExitCode);
                var answer = JsonDocument.Parse(result.Out).RootElement;
                acknowledged.Add((answer.GetProperty("seq").GetInt64(), answer.GetProperty("leafHash").GetString()!));
            }

            server.KillHard();
        }

        await using var restarted = await ServerProcess.StartAsync(data, config, demo: true, TestContext.Current.CancellationToken, port);
        var listed = await CliRun.RunAsync(config, ["--profile", "isr-officer", "entries", "list", "--after", (acknowledged[0].Seq - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "--json"]);

        Assert.Equal(0, listed.ExitCode);
        var entries = JsonDocument.Parse(listed.Out).RootElement.GetProperty("entries").EnumerateArray()
            .ToDictionary(e => e.GetProperty("seq").GetInt64(), e => e.GetProperty("leafHash").GetString());
        foreach (var (seq, leafHash) in acknowledged)
        {
            Assert.Equal(leafHash, entries[seq]);
        }
    }
}
