using System.Security.Cryptography;
using Liaison.Features.Bootstrap;
using Liaison.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Liaison.Benchmarks;

/// <summary>
/// A real Liaison server in this process, on a loopback port, with the demo mechanism and its credentials in a fresh
/// temporary data folder that is deleted when the server is disposed.
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private readonly string _data;

    private BenchServer(WebApplication app, string url, string data, DemoCredentials credentials)
    {
        App = app;
        Url = url;
        _data = data;
        Credentials = credentials;
    }

    /// <summary>The running application.</summary>
    public WebApplication App { get; }

    /// <summary>The server's base address.</summary>
    public string Url { get; }

    /// <summary>The demo users, their tokens and key files.</summary>
    public DemoCredentials Credentials { get; }

    /// <summary>Prepares the demo mechanism and starts the server.</summary>
    public static async Task<BenchServer> StartAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), "liaison-bench-" + Guid.NewGuid().ToString("n"));
        var url = $"http://127.0.0.1:{5600 + RandomNumberGenerator.GetInt32(300)}";
        var app = LiaisonWebHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Liaison:Data"] = data, ["Liaison:Demo"] = "true" });
            builder.WebHost.UseUrls(url);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await app.Services.PrepareMechanismAsync(CancellationToken.None);
        await app.StartAsync();
        return new BenchServer(app, url, data, DemoCredentials.Load(new DataFolder(data).DemoCredentials).Value);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (SQLite's pool) leaves the folder in the temporary directory; nothing depends on it.
        }
    }
}
