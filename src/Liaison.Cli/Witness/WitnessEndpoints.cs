using System.Text;
using Liaison.Ledger.Checkpoints;
using Liaison.Ledger.Witness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Liaison.Cli.Witness;

/// <summary>
/// The witness's HTTP API under a prefix: <c>POST {prefix}/add-checkpoint</c> (C2SP tlog-witness) and
/// <c>GET {prefix}/state</c> (JSON, for operators). The standalone <c>liaison witness serve</c> maps it at the root; a
/// server hosting demo witnesses maps one per witness, each with its own prefix and state folder.
/// </summary>
public static class WitnessEndpoints
{
    /// <summary>The largest request body accepted: far above 63 proof lines and 100 signature lines.</summary>
    public const int MaxRequestBytes = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Maps the endpoints of <paramref name="witness"/> under <paramref name="prefix"/> (e.g. <c>""</c> or <c>"/witness/isr"</c>).</summary>
    public static RouteGroupBuilder MapWitnessEndpoints(this IEndpointRouteBuilder endpoints, string prefix, WitnessService witness)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(witness);
        var group = endpoints.MapGroup(prefix).WithTags("Witness");
        group.MapPost("/add-checkpoint", (HttpRequest request, CancellationToken cancellationToken) => AddCheckpointAsync(witness, request, cancellationToken))
            .WithSummary("C2SP tlog-witness add-checkpoint: cosign a checkpoint consistent with the last one cosigned");
        group.MapGet("/state", () => TypedResults.Ok(witness.State()))
            .WithSummary("The latest checkpoint cosigned per log");
        return group;
    }

    /// <summary>
    /// Opens a witness on <paramref name="stateDirectory"/> and maps its endpoints under <paramref name="prefix"/>. The
    /// time and logger come from the app's services (<see cref="TimeProvider.System"/> if none is registered). The caller
    /// keeps <paramref name="signer"/> alive while the app runs and disposes it after; the state folder is released when
    /// the app stops.
    /// </summary>
    /// <exception cref="InvalidOperationException">The state folder is held by another witness or its state is invalid.</exception>
    public static RouteGroupBuilder MapWitnessEndpoints(this IEndpointRouteBuilder endpoints, string prefix, string stateDirectory, CosignatureSigner signer, IReadOnlyList<WitnessedLog> logs)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger<WitnessService>();
        var opened = WitnessService.Open(stateDirectory, signer, logs, time, logger);
        if (!opened.IsSuccess)
        {
            throw new InvalidOperationException(opened.Error.Detail);
        }

        var witness = opened.Value;
        services.GetService<IHostApplicationLifetime>()?.ApplicationStopped.Register(witness.Dispose);
        return endpoints.MapWitnessEndpoints(prefix, witness);
    }

    private static async Task<ContentHttpResult> AddCheckpointAsync(WitnessService witness, HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxRequestBytes)
        {
            return TooLarge();
        }

        var buffer = new byte[MaxRequestBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        if (length > MaxRequestBytes)
        {
            return TooLarge();
        }

        string body;
        try
        {
            body = StrictUtf8.GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return TypedResults.Text("invalid input: the request body is not UTF-8\n", AddCheckpointResponse.TextContentType, statusCode: StatusCodes.Status400BadRequest);
        }

        var response = await witness.AddCheckpointAsync(body, cancellationToken);
        return TypedResults.Text(response.Body, response.ContentType, statusCode: response.StatusCode);
    }

    private static ContentHttpResult TooLarge() =>
        TypedResults.Text($"invalid input: a request body is at most {MaxRequestBytes} bytes\n", AddCheckpointResponse.TextContentType, statusCode: StatusCodes.Status413PayloadTooLarge);
}
