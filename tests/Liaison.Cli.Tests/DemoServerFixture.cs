namespace Liaison.Cli.Tests;

/// <summary>One demo server process shared by the CLI tests of a collection; each test works in its own way on it.</summary>
public sealed class DemoServerFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public ServerProcess Server { get; private set; } = null!;

    public string ConfigDirectory => Server.ConfigDirectory;

    public async ValueTask InitializeAsync() =>
        Server = await ServerProcess.StartAsync(_folder.Sub("data"), _folder.Sub("config"), demo: true, TestContext.Current.CancellationToken);

    public Task<CliResult> RunAsync(params string[] args) => CliRun.RunAsync(ConfigDirectory, args);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _folder.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class DemoServerCollection : ICollectionFixture<DemoServerFixture>
{
    public const string Name = "demo server";
}
