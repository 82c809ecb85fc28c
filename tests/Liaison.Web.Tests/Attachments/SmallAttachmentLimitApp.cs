using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Liaison.Features.Bootstrap;
using Liaison.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Liaison.Web.Tests.Attachments;

/// <summary>
/// A second real app whose demo configuration allows attachments of at most <see cref="Limit"/> bytes, so that the limit
/// can be crossed without moving megabytes. Its own temporary data folder and configuration copy.
/// </summary>
public sealed class SmallAttachmentLimitApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const int Limit = 1024;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "liaison-web-tests-" + Guid.NewGuid().ToString("N"));
    private DemoCredentials? _credentials;

    private string DataFolderPath => Path.Combine(_root, "data");

    private string ConfigFolder => Path.Combine(_root, "config");

    public DataFolder Folder => new(DataFolderPath);

    public async ValueTask InitializeAsync()
    {
        CopyFolder(Path.GetDirectoryName(LiaisonOptions.DefaultDemoConfig)!, ConfigFolder);
        var file = Path.Combine(ConfigFolder, Path.GetFileName(LiaisonOptions.DefaultDemoConfig));
        var config = JsonNode.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken))!.AsObject();
        config["limits"]!["maxAttachmentBytes"] = Limit;
        await File.WriteAllTextAsync(file, config.ToJsonString(), TestContext.Current.CancellationToken);

        using var client = CreateClient();
        var loaded = DemoCredentials.Load(Path.Combine(DataFolderPath, "demo", "credentials.json"));
        _credentials = loaded.IsSuccess ? loaded.Value : throw new InvalidOperationException(loaded.Error.Detail);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>A client with a demo user's personal access token.</summary>
    public HttpClient CreateClientFor(string userName)
    {
        var user = (_credentials ?? throw new InvalidOperationException("The app is not initialised.")).Users.Single(u => u.UserName == userName);
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Liaison:Data", DataFolderPath);
        builder.UseSetting("Liaison:Demo", "true");
        builder.UseSetting("Liaison:DemoConfig", Path.Combine(ConfigFolder, Path.GetFileName(LiaisonOptions.DefaultDemoConfig)));
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
