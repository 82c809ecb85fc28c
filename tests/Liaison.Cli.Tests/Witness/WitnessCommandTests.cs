using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Liaison.Cli.Witness;
using Liaison.Ledger.Notes;

namespace Liaison.Cli.Tests.Witness;

/// <summary><c>liaison witness init</c> and <c>liaison witness serve</c> through the real command line.</summary>
public sealed partial class WitnessCommandTests
{
    [Fact]
    public async Task WitnessInit_NewFolder_PrintsCosignatureVkeyOfOwnerOnlyKey()
    {
        using var config = new TempFolder();
        var data = config.Sub("witness");

        var result = await CliRun.RunAsync(config.Path, ["witness", "init", "--name", "witness.isr.example", "--data", data]);

        Assert.Equal(0, result.ExitCode);
        var vkey = NoteVerifierKey.Parse(result.Out.TrimEnd().Split('\n')[^1]);
        Assert.True(vkey.IsSuccess, result.Out);
        Assert.Equal(("witness.isr.example", NoteKeyType.Ed25519Cosignature), (vkey.Value.Name, vkey.Value.Type));
        using var signer = WitnessKeyFile.Load(data).Value;
        Assert.Equal(vkey.Value, signer.VerifierKey);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(WitnessKeyFile.PathIn(data)));
        }
    }

    [Fact]
    public async Task WitnessInit_FolderAlreadyHasKey_RefusesExitOneAndKeepsKey()
    {
        using var config = new TempFolder();
        var data = config.Sub("witness");
        Assert.Equal(0, (await CliRun.RunAsync(config.Path, ["witness", "init", "--name", "witness.one", "--data", data])).ExitCode);
        var before = await File.ReadAllTextAsync(WitnessKeyFile.PathIn(data), TestContext.Current.CancellationToken);

        var result = await CliRun.RunAsync(config.Path, ["witness", "init", "--name", "witness.two", "--data", data]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already holds a witness key", Assert.Single(result.ErrLines), StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(WitnessKeyFile.PathIn(data), TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("witness")]
    [InlineData("witness", "init", "--data", "somewhere")]
    [InlineData("witness", "init", "--name", "has space", "--data", "somewhere")]
    [InlineData("witness", "serve", "--data", "somewhere")]
    [InlineData("witness", "serve", "--data", "somewhere", "--log", "no-equals-sign")]
    [InlineData("witness", "serve", "--data", "somewhere", "--log", "example.com/log=example.com/log+00000000+AAAA")]
    public async Task Witness_BadUsage_OneErrorLineExitTwo(params string[] args)
    {
        using var config = new TempFolder();
        var rooted = args.Select(a => a == "somewhere" ? config.Sub("somewhere") : a).ToArray();

        var result = await CliRun.RunAsync(config.Path, rooted);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrLines);
    }

    [Fact]
    public async Task WitnessServe_FolderWithoutKey_OneErrorLineExitOne()
    {
        using var config = new TempFolder();
        using var log = new TestLog();

        var result = await CliRun.RunAsync(config.Path, ["witness", "serve", "--data", config.Sub("empty"), "--log", log.Specification, "--urls", "http://127.0.0.1:0"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("liaison witness init", Assert.Single(result.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WitnessServe_RunningCommand_CosignsUntilCancelledThenExitsZero()
    {
        using var config = new TempFolder();
        using var log = new TestLog();
        var data = config.Sub("witness");
        var tree = TestLog.Tree("main", 2);
        Assert.Equal(0, (await CliRun.RunAsync(config.Path, ["witness", "init", "--name", "witness.test", "--data", data])).ExitCode);
        using var output = new LockedWriter();
        using var error = new LockedWriter();
        var context = new CliContext(output, error, TextReader.Null, config.Path, TimeProvider.System);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = CliApp.RunAsync(["witness", "serve", "--data", data, "--log", log.Specification, "--urls", "http://127.0.0.1:0"], context, stop.Token);
        var url = await WaitForUrlAsync(output, run);
        using var client = new HttpClient();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(log.Request(tree, 0, 2)));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");

        using var response = await client.PostAsync(new Uri(url + "/add-checkpoint"), content, TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        var exitCode = await run;

        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith("\u2014 witness.test ", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
        Assert.Empty(error.ToString());
    }

    private static async Task<string> WaitForUrlAsync(LockedWriter output, Task<int> run)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var text = output.ToString();
            var match = ServingUrl().Match(text);
            if (match.Success)
            {
                return match.Groups[1].Value;
            }

            Assert.False(run.IsCompleted, $"the witness stopped: {text}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("the witness did not say where it serves");
    }

    [GeneratedRegex(@"serving (http://127\.0\.0\.1:[0-9]+)/add-checkpoint")]
    private static partial Regex ServingUrl();

    /// <summary>Output a running command writes while the test reads it.</summary>
    private sealed class LockedWriter : TextWriter
    {
        private readonly StringBuilder _text = new();
        private readonly Lock _gate = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_gate)
            {
                _text.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                _text.Append(value);
            }
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }
}
