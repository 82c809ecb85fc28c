using Liaison.Domain.Mechanism;

namespace Liaison.Features.Tests.Infrastructure;

/// <summary>Files of the repository the tests read: the demo configuration.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The demo configuration file, <c>config/israel-syria.json</c>.</summary>
    public static string DemoConfigPath => Path.Combine(Root.Value, "config", "israel-syria.json");

    /// <summary>The demo configuration, loaded and validated.</summary>
    public static MechanismConfig DemoConfig()
    {
        var config = MechanismConfigLoader.Load(DemoConfigPath);
        Assert.True(config.IsSuccess, config.IsSuccess ? null : config.Error.Detail);
        return config.Value;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Liaison.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No directory above {AppContext.BaseDirectory} holds Liaison.slnx.");
    }
}
