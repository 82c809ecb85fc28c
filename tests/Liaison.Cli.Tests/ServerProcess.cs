using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Liaison.Cli.Tests;

/// <summary>A real <c>liaison serve</c> process on 127.0.0.1, started from the built CLI, with its own data and config folders.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string url, string dataDirectory, string configDirectory)
    {
        _process = process;
        Url = url;
        DataDirectory = dataDirectory;
        ConfigDirectory = configDirectory;
    }

    public string Url { get; }

    public string DataDirectory { get; }

    public string ConfigDirectory { get; }

    public int ProcessId => _process.Id;

    public static async Task<ServerProcess> StartAsync(string dataDirectory, string configDirectory, bool demo, CancellationToken cancellationToken, int? port = null)
    {
        var url = $"http://127.0.0.1:{port ?? FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "liaison.dll"));
        start.ArgumentList.Add("serve");
        if (demo)
        {
            start.ArgumentList.Add("--demo");
        }

        start.ArgumentList.Add("--data");
        start.ArgumentList.Add(dataDirectory);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        start.Environment["LIAISON_CONFIG_DIR"] = configDirectory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"liaison serve exited with {process.ExitCode}: {output}");
            }

            try
            {
                using var response = await http.GetAsync($"{url}/readyz", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK && (!demo || File.Exists(Path.Combine(configDirectory, "profiles.json"))))
                {
                    return new ServerProcess(process, url, dataDirectory, configDirectory);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, cancellationToken);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"liaison serve did not become ready: {output}");
    }

    /// <summary>Kills the server at once (SIGKILL on Unix): no shutdown code runs.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
