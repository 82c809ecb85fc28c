using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Liaison.Cli.Tests.Hotline;

/// <summary>
/// <c>liaison send --attach</c>, <c>inbox</c> and <c>attachment get</c> against a real demo server process: an Israeli
/// officer attaches files to a message, and the Syrian officer lists and downloads them. Each test attaches bytes of its own.
/// </summary>
[Collection(DemoServerCollection.Name)]
public sealed class AttachmentCliTests(DemoServerFixture server) : IDisposable
{
    private const string Security = "isr-syr-security";
    private const string Humanitarian = "isr-syr-humanitarian";
    private readonly TempFolder _files = new();

    [Fact]
    public async Task SendAttach_TwoFiles_OtherPartyListsThemAndGetsEachWithItsHashChecked()
    {
        var photo = WriteFile("crater.png", RandomNumberGenerator.GetBytes(3000));
        var report = WriteFile("report.txt", Encoding.UTF8.GetBytes("تقرير ميداني " + Guid.NewGuid().ToString("N")));

        var sent = await server.RunAsync("--profile", "isr-officer", "send", "--channel", Security, "--precedence", "IMMEDIATE", "--subject", UniqueSubject(), "--body", "Photo and report attached.", "--attach", photo, "--attach", report, "--json");

        Assert.True(sent.ExitCode == 0, sent.Err);
        var seq = SeqOf(sent);
        var message = await InboxMessageAsync("syr-officer", seq);
        var attachments = message.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(["crater.png", "report.txt"], attachments.Select(a => a.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        var png = Assert.Single(attachments, a => a.GetProperty("name").GetString() == "crater.png");
        Assert.Equal("image/png", png.GetProperty("mediaType").GetString());
        Assert.Equal(3000, png.GetProperty("size").GetInt64());
        Assert.Equal(Sha(photo), png.GetProperty("sha256").GetString());

        var target = Path.Combine(_files.Path, "downloaded", "from-israel.png");
        var got = await server.RunAsync("--profile", "syr-officer", "attachment", "get", Sha(photo), "-o", target);

        Assert.True(got.ExitCode == 0, got.Err);
        Assert.Contains("SHA-256 checked", got.Out, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(photo, TestContext.Current.CancellationToken), await File.ReadAllBytesAsync(target, TestContext.Current.CancellationToken));
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(target)!, "*.part"));
    }

    [Fact]
    public async Task Inbox_Table_ShowsTheAttachmentsNames()
    {
        var file = WriteFile("map.geojson", Encoding.UTF8.GetBytes("{\"type\":\"Point\",\"note\":\"" + Guid.NewGuid().ToString("N") + "\"}"));
        var subject = UniqueSubject();
        var sent = await server.RunAsync("--profile", "isr-officer", "send", "--channel", Security, "--precedence", "ROUTINE", "--subject", subject, "--body", "Map attached.", "--attach", file, "--json");
        Assert.True(sent.ExitCode == 0, sent.Err);

        var inbox = await server.RunAsync("--profile", "syr-officer", "inbox", "--channel", Security);

        Assert.Equal(0, inbox.ExitCode);
        var row = Assert.Single(inbox.Out.Split('\n'), line => line.Contains(subject, StringComparison.Ordinal));
        Assert.Contains("map.geojson", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttachmentGet_ByObserverNotOnTheChannel_ExitOneOneLineNotFoundAndNoFile()
    {
        var file = WriteFile("convoy.txt", Encoding.UTF8.GetBytes("Convoy manifest " + Guid.NewGuid().ToString("N")));
        var sent = await server.RunAsync("--profile", "isr-officer", "send", "--channel", Humanitarian, "--precedence", "ROUTINE", "--subject", UniqueSubject(), "--body", "Manifest attached.", "--attach", file, "--json");
        Assert.True(sent.ExitCode == 0, sent.Err);
        var target = Path.Combine(_files.Path, "observer-copy.txt");

        var got = await server.RunAsync("--profile", "undof-observer", "attachment", "get", Sha(file), "-o", target);

        Assert.Equal(1, got.ExitCode);
        var line = Assert.Single(got.ErrLines);
        Assert.Contains("attachment-not-found, HTTP 404", line, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
        Assert.Empty(Directory.EnumerateFiles(_files.Path, "*.part"));
    }

    [Fact]
    public async Task SendAttach_MissingFile_ExitTwoAndNothingRecorded()
    {
        var sizeBefore = await RecordSizeAsync();

        var sent = await server.RunAsync("--profile", "isr-officer", "send", "--channel", Security, "--precedence", "ROUTINE", "--subject", UniqueSubject(), "--body", "x", "--attach", Path.Combine(_files.Path, "nowhere.pdf"));

        Assert.Equal(2, sent.ExitCode);
        Assert.Contains("nowhere.pdf", Assert.Single(sent.ErrLines), StringComparison.Ordinal);
        Assert.True(await OnlyServerEntriesSinceAsync(sizeBefore), "Nothing but the server's own entries was recorded.");
    }

    public void Dispose() => _files.Dispose();

    private string WriteFile(string name, byte[] bytes)
    {
        var path = Path.Combine(_files.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string Sha(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    private static string UniqueSubject() => "CLI attachment test " + Guid.NewGuid().ToString("N");

    private static long SeqOf(CliResult result) => JsonDocument.Parse(result.Out).RootElement.GetProperty("seq").GetInt64();

    private async Task<JsonElement> InboxMessageAsync(string profile, long seq)
    {
        var inbox = await server.RunAsync("--profile", profile, "inbox", "--json");
        Assert.True(inbox.ExitCode == 0, inbox.Err);
        using var document = JsonDocument.Parse(inbox.Out);
        return Assert.Single(document.RootElement.EnumerateArray(), m => m.GetProperty("seq").GetInt64() == seq).Clone();
    }

    private async Task<long> RecordSizeAsync()
    {
        var result = await server.RunAsync("--profile", "usa-mediator", "entries", "list", "--limit", "1", "--json");
        return JsonDocument.Parse(result.Out).RootElement.GetProperty("recordSize").GetInt64();
    }

    /// <summary>Every entry after <paramref name="sizeBefore"/> is the server's own (its deadline service runs meanwhile).</summary>
    private async Task<bool> OnlyServerEntriesSinceAsync(long sizeBefore)
    {
        var result = await server.RunAsync("--profile", "usa-mediator", "entries", "list", "--after", (sizeBefore - 1).ToString(CultureInfo.InvariantCulture), "--json");
        return JsonDocument.Parse(result.Out).RootElement.GetProperty("entries").EnumerateArray().All(e => e.GetProperty("author").GetString() == "server");
    }
}
