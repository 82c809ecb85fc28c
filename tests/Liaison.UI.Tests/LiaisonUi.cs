using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Liaison.Features.Bootstrap;
using Microsoft.Playwright;

namespace Liaison.UI.Tests;

/// <summary>
/// A real <c>liaison serve --demo</c> process on a free loopback port, with its own data and CLI config folders, and
/// Debian's Chromium driven by Playwright (never a downloaded browser). Shared by the tests of <see cref="LiaisonUiCollection"/>:
/// each test opens its own browser contexts and must not depend on the others' entries.
/// Without Chromium the tests skip, naming what is missing; with <c>CI=true</c> they fail instead.
/// </summary>
public sealed class LiaisonUi : IAsyncLifetime
{
    /// <summary>Where Chromium is looked for unless <c>LIAISON_CHROMIUM</c> names another executable.</summary>
    public const string DefaultChromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "liaison-ui-tests-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _serverOutput = new();
    private Process? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private DemoCredentials? _credentials;

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public string? Missing { get; private set; }

    public string Url { get; private set; } = string.Empty;

    public string ConfigDirectory => Path.Combine(_folder, "config");

    private string DataDirectory => Path.Combine(_folder, "data");

    private IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not running.");

    public async ValueTask InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("LIAISON_CHROMIUM") is { Length: > 0 } configured ? configured : DefaultChromium;
        if (!File.Exists(chromium))
        {
            Missing = $"Chromium is not installed at {chromium} (apt-get install chromium, or set LIAISON_CHROMIUM).";
            return;
        }

        Directory.CreateDirectory(DataDirectory);
        Directory.CreateDirectory(ConfigDirectory);
        await StartServerAsync(TestContext.Current.CancellationToken);
        var credentials = DemoCredentials.Load(Path.Combine(DataDirectory, "demo", "credentials.json"));
        _credentials = credentials.IsSuccess ? credentials.Value : throw new InvalidOperationException(credentials.Error.Detail);

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ChromiumArgs });
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    /// <summary>Skips the calling test when Chromium is missing, or fails it when <c>CI=true</c>: CI must run the browser tests.</summary>
    public void RequireBrowser()
    {
        if (Missing is null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("CI=true, so the browser tests must run: " + Missing);
        }

        Assert.Skip(Missing);
    }

    /// <summary>A fresh browser (its own cookies and IndexedDB) with <paramref name="userName"/> signed in through the sign-in page.</summary>
    public async Task<IBrowserContext> SignInAsync(string userName)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Url, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        page.Console += (_, message) => TestContext.Current.TestOutputHelper?.WriteLine($"[{userName} console {message.Type}] {message.Text}");
        page.PageError += (_, error) => TestContext.Current.TestOutputHelper?.WriteLine($"[{userName} page error] {error}");
        // On a machine running every suite at once the first load can stall; a person reloads, and so does this, once,
        // saying what the browser had instead of the form.
        for (var attempt = 1; ; attempt++)
        {
            var response = await page.GotoAsync("/Account/SignIn", new() { Timeout = 30_000 });
            try
            {
                await Assertions.Expect(page.GetByLabel("User name")).ToBeVisibleAsync(new() { Timeout = 15_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 2)
            {
                var content = await page.ContentAsync();
                TestContext.Current.TestOutputHelper?.WriteLine($"[{userName}] no sign-in form at {page.Url} (HTTP {response?.Status}): {content[..Math.Min(content.Length, 600)]}");
                TestContext.Current.TestOutputHelper?.WriteLine(ServerOutput());
            }
        }

        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(User(userName).Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("who")).ToContainTextAsync(userName);
        return context;
    }

    /// <summary>Makes this browser's signing key on the Signing key page and has the party's administrator enrol it with the CLI.</summary>
    public async Task EnrolBrowserKeyAsync(IPage page, string userName, string administrator)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/Account/SigningKey");
        await page.GetByTestId("create-key").ClickAsync();
        await Assertions.Expect(page.GetByTestId("key-state")).ToHaveAttributeAsync("data-state", "pending");
        var keyId = await page.GetByTestId("key-id").TextContentAsync();
        var enrolled = await CliAsync("--profile", administrator, "keys", "enroll", keyId!);
        Assert.True(enrolled.ExitCode == 0, $"keys enroll for {userName}: {enrolled.Err}");
        await page.GetByTestId("refresh-key").ClickAsync();
        await Assertions.Expect(page.GetByTestId("key-state")).ToHaveAttributeAsync("data-state", "enrolled");
    }

    /// <summary>A demo user by name.</summary>
    public DemoUser User(string userName) =>
        (_credentials ?? throw new InvalidOperationException("The server is not running.")).Users.Single(u => u.UserName == userName);

    /// <summary>An API client with a demo user's personal access token.</summary>
    public HttpClient ApiClient(string userName)
    {
        var client = new HttpClient { BaseAddress = new Uri(Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", User(userName).Token);
        return client;
    }

    /// <summary>Runs the real <c>liaison</c> command line as a process against this server's demo profiles.</summary>
    public async Task<(int ExitCode, string Out, string Err)> CliAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "liaison.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["LIAISON_CONFIG_DIR"] = ConfigDirectory;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Runs the CLI with <c>--json</c> as <paramref name="profile"/>; returns the <c>id</c> it answers.</summary>
    public async Task<long> CliIdAsync(string profile, params string[] args)
    {
        var run = await CliAsync(["--profile", profile, "--json", .. args]);
        Assert.True(run.ExitCode == 0, $"{string.Join(' ', args.Take(2))}: {run.Err}");
        using var json = System.Text.Json.JsonDocument.Parse(run.Out);
        return json.RootElement.GetProperty("id").GetInt64();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            if (!_server.HasExited)
            {
                _server.Kill(entireProcessTree: true);
                await _server.WaitForExitAsync();
            }

            _server.Dispose();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        Url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "liaison.dll"), "serve", "--demo", "--data", DataDirectory, "--urls", Url })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["LIAISON_CONFIG_DIR"] = ConfigDirectory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        _server = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _server.OutputDataReceived += (_, e) => { lock (_serverOutput) { _serverOutput.AppendLine(e.Data); } };
        _server.ErrorDataReceived += (_, e) => { lock (_serverOutput) { _serverOutput.AppendLine(e.Data); } };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();

        using var http = new HttpClient();
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_server.HasExited)
            {
                throw new InvalidOperationException($"liaison serve exited with {_server.ExitCode}: {ServerOutput()}");
            }

            try
            {
                using var response = await http.GetAsync($"{Url}/readyz", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK && File.Exists(Path.Combine(ConfigDirectory, "profiles.json")))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"liaison serve did not become ready: {ServerOutput()}");
    }

    private string ServerOutput()
    {
        lock (_serverOutput)
        {
            return _serverOutput.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(nameof(LiaisonUiCollection))]
public sealed class LiaisonUiCollection : ICollectionFixture<LiaisonUi>;
