using Liaison.Domain.Common;
using Liaison.Domain.Mechanism;
using Liaison.Features.Bootstrap;
using Liaison.Features.Data;
using Liaison.Features.Mechanism;
using Liaison.Features.Notices;
using Microsoft.Extensions.Options;

namespace Liaison.Web.Hosting;

/// <summary>Holds the mechanism once start-up has loaded it; the app does not serve before it is set.</summary>
public sealed class MechanismHolder
{
    private ServedMechanism? _value;

    public ServedMechanism Value => _value ?? throw new InvalidOperationException("The mechanism is loaded at start-up, before the app serves requests.");

    internal void Set(ServedMechanism value) => _value = value;
}

/// <summary>The step between building the app and serving: migrate, establish the demo if asked and needed, load and check the mechanism.</summary>
public static class MechanismStartup
{
    public static async Task PrepareMechanismAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        var result = await TryPrepareAsync(services, cancellationToken);
        if (!result.IsSuccess)
        {
            throw new StartupException(result.Error.Detail);
        }
    }

    public static async Task<Result<ServedMechanism>> TryPrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<LiaisonOptions>>().Value;
        var folder = services.GetRequiredService<DataFolder>();
        Directory.CreateDirectory(folder.Root);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        if (options.Demo && !folder.IsInitialised)
        {
            var configPath = options.DemoConfig ?? LiaisonOptions.DefaultDemoConfig;
            var config = MechanismConfigLoader.Load(configPath);
            if (!config.IsSuccess)
            {
                return config.Error;
            }

            var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeed>().HandleAsync(config.Value, configPath, folder, cancellationToken);
            if (!seeded.IsSuccess)
            {
                return seeded.Error;
            }
        }

        var served = await LoadServedMechanism.HandleAsync(db, folder, cancellationToken);
        if (served.IsSuccess)
        {
            services.GetRequiredService<MechanismHolder>().Set(served.Value);
            services.GetRequiredService<EstablishedMechanism>().Set(served.Value.Config);
            var zones = services.GetRequiredService<NoticeBook>().LoadZones();
            if (!zones.IsSuccess)
            {
                return zones.Error;
            }
        }

        return served;
    }
}

/// <summary>The server cannot start: the data folder or configuration is not usable. The message says why, in one line.</summary>
public sealed class StartupException(string message) : Exception(message);
