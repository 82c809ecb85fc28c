using Liaison.Domain.Common;
using Liaison.Ledger.Witness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Liaison.Cli.Witness;

/// <summary>What a standalone witness serves.</summary>
/// <param name="DataDirectory">The folder with <c>witness.skey</c>; the state and <c>forks.log</c> go there too.</param>
/// <param name="Logs">The logs it follows.</param>
/// <param name="Urls">Where to listen, as for ASP.NET Core (<c>;</c>-separated; port 0 picks a free port).</param>
public sealed record WitnessServerOptions(string DataDirectory, IReadOnlyList<WitnessedLog> Logs, string Urls = WitnessServer.DefaultUrl)
{
    /// <summary>The clock that timestamps cosignatures.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <summary>Builds the standalone witness: a minimal web app with only the witness endpoints at the root.</summary>
public static class WitnessServer
{
    public const string DefaultUrl = "http://127.0.0.1:5090";

    /// <summary>
    /// Loads the key and opens the state of <see cref="WitnessServerOptions.DataDirectory"/>, then builds the app (not yet
    /// started). Fails when there is no valid key, another witness holds the folder, or the state is invalid. Disposing the
    /// app releases the folder and the key.
    /// </summary>
    public static Result<WebApplication> Build(WitnessServerOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = Path.GetFullPath(options.DataDirectory);
        var signer = WitnessKeyFile.Load(directory);
        if (!signer.IsSuccess)
        {
            return signer.Error;
        }

        var state = WitnessState.Open(directory);
        if (!state.IsSuccess)
        {
            signer.Value.Dispose();
            return state.Error;
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(WitnessServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(options.Urls);
        // The command prints where it listens; the host's own start-up lines would repeat it.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Services.AddSingleton(options.Time);

        // Registered by factory so the container disposes it, and with it the state folder's lock and the key.
        builder.Services.AddSingleton(services => new WitnessService(
            state.Value, signer.Value, options.Logs, options.Time, services.GetRequiredService<ILogger<WitnessService>>(), ownsSigner: true));
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapWitnessEndpoints(string.Empty, app.Services.GetRequiredService<WitnessService>());
        return app;
    }
}
