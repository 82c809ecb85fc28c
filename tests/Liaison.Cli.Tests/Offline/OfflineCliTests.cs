using System.Text.Json;

namespace Liaison.Cli.Tests.Offline;

/// <summary>Store and forward: messages signed while the server cannot be reached, delivered later, never twice.</summary>
[Collection(DemoServerCollection.Name)]
public sealed class OfflineCliTests(DemoServerFixture server)
{
    [Fact]
    public async Task OfflineSend_ThenDeliverTwice_RecordedOnceWithBothTimes()
    {
        using var folder = new TempFolder();
        var bundle = folder.Sub("outbox.jsonl");
        Assert.Equal(0, (await server.RunAsync("--profile", "isr-duty", "inbox")).ExitCode);

        var signed = await server.RunAsync("--profile", "isr-duty", "offline", "send", "--bundle", bundle,
            "--channel", "isr-syr-security", "--precedence", "IMMEDIATE", "--subject", "Signed offline", "--body", "הקו נפל; נשלח מאוחר יותר", "--lang", "he");
        var first = await server.RunAsync("--profile", "isr-duty", "offline", "deliver", bundle);
        var second = await server.RunAsync("--profile", "isr-duty", "offline", "deliver", bundle);
        var inbox = await server.RunAsync("--profile", "syr-officer", "inbox", "--json");

        Assert.Equal(0, signed.ExitCode);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("recorded as entry", first.Out, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("already recorded", second.Out, StringComparison.Ordinal);
        var messages = JsonDocument.Parse(inbox.Out).RootElement.EnumerateArray().Where(m => m.GetProperty("subject").GetString() == "Signed offline").ToList();
        var message = Assert.Single(messages);
        Assert.True(message.GetProperty("clientTime").GetDateTimeOffset() <= message.GetProperty("sentAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task OfflineDeliver_TamperedLine_RefusedOneLineExitOne()
    {
        using var folder = new TempFolder();
        var bundle = folder.Sub("outbox.jsonl");
        Assert.Equal(0, (await server.RunAsync("--profile", "usa-mediator", "inbox")).ExitCode);
        await server.RunAsync("--profile", "usa-mediator", "offline", "send", "--bundle", bundle, "--channel", "isr-syr-security", "--precedence", "ROUTINE", "--subject", "x", "--body", "y");
        var line = JsonDocument.Parse(File.ReadAllLines(bundle)[0]).RootElement;
        var sig = Convert.FromBase64String(line.GetProperty("sig").GetString()!);
        sig[0] ^= 1;
        await File.WriteAllTextAsync(bundle, JsonSerializer.Serialize(new { payload = line.GetProperty("payload").GetString(), keyId = line.GetProperty("keyId").GetString(), sig = Convert.ToBase64String(sig) }) + "\n", TestContext.Current.CancellationToken);

        var result = await server.RunAsync("--profile", "usa-mediator", "offline", "deliver", bundle);

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.ErrLines);
        Assert.Contains("bad-signature", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfflineDeliver_TamperedLineAmongGoodOnes_RecordsTheOthersInOrderAndNamesTheLine()
    {
        using var folder = new TempFolder();
        var bundle = folder.Sub("outbox.jsonl");
        // syr-officer: a profile whose key no other test of this server replaces or revokes.
        Assert.Equal(0, (await server.RunAsync("--profile", "syr-officer", "inbox")).ExitCode);
        foreach (var subject in new[] { "first of three", "second of three", "third of three" })
        {
            Assert.Equal(0, (await server.RunAsync("--profile", "syr-officer", "offline", "send", "--bundle", bundle, "--channel", "isr-syr-security", "--precedence", "ROUTINE", "--subject", subject, "--body", "بالترتيب", "--lang", "ar")).ExitCode);
        }

        var lines = File.ReadAllLines(bundle);
        var second = JsonDocument.Parse(lines[1]).RootElement;
        var sig = Convert.FromBase64String(second.GetProperty("sig").GetString()!);
        sig[10] ^= 0x40;
        lines[1] = JsonSerializer.Serialize(new { payload = second.GetProperty("payload").GetString(), keyId = second.GetProperty("keyId").GetString(), sig = Convert.ToBase64String(sig) });
        await File.WriteAllLinesAsync(bundle, lines, TestContext.Current.CancellationToken);

        var result = await server.RunAsync("--profile", "syr-officer", "offline", "deliver", bundle);

        Assert.Equal(1, result.ExitCode);
        var error = Assert.Single(result.ErrLines);
        Assert.Contains("line 2", error, StringComparison.Ordinal);
        Assert.Contains("bad-signature", error, StringComparison.Ordinal);
        var recorded = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("recorded as entry", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, recorded.Count);
        Assert.StartsWith("1: ", recorded[0], StringComparison.Ordinal);
        Assert.StartsWith("3: ", recorded[1], StringComparison.Ordinal);
        var seqs = recorded.Select(l => long.Parse(l.Split(' ')[4], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(seqs[0] < seqs[1]);
        var inbox = await server.RunAsync("--profile", "isr-officer", "inbox", "--json");
        var subjects = JsonDocument.Parse(inbox.Out).RootElement.EnumerateArray().Select(m => m.GetProperty("subject").GetString()).ToList();
        Assert.Contains("first of three", subjects);
        Assert.Contains("third of three", subjects);
        Assert.DoesNotContain("second of three", subjects);
    }

    [Fact]
    public async Task OfflineSend_ProfileNeverOnline_ClearError()
    {
        using var config = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(config.Path, "profiles.json"), """{"profiles":{"p":{"server":"http://127.0.0.1:9","user":"u","token":"lia_x","keyFile":null}},"default":"p"}""", TestContext.Current.CancellationToken);

        var result = await CliRun.RunAsync(config.Path, ["offline", "send", "--bundle", config.Sub("b.jsonl"), "--channel", "c", "--precedence", "FLASH", "--subject", "s", "--body", "b"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("run one command online", result.Err, StringComparison.Ordinal);
    }
}
