using System.Threading.RateLimiting;
using Liaison.Features;
using Liaison.Features.Bootstrap;
using Liaison.Features.Data;
using Liaison.Features.Entries;
using Liaison.Features.Hotline;
using Liaison.Features.Log;
using Liaison.Features.Replay;
using Liaison.Web.Api;
using Liaison.Web.Auth;
using Liaison.Web.Disputes;
using Liaison.Web.Hotline;
using Liaison.Web.Incidents;
using Liaison.Web.Log;
using Liaison.Web.Notices;
using Liaison.Web.VerificationVisits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Liaison.Web.Hosting;

/// <summary>Builds the web app: the table of contents of the server.</summary>
public static class LiaisonWebHost
{
    /// <summary>The rate-limiting policy of the endpoints that check passwords.</summary>
    public const string SignInRateLimit = "sign-in";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        EnsureThreadsForBlockingIo();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(LiaisonWebHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);

        builder.Services.Configure<LiaisonOptions>(builder.Configuration.GetSection(LiaisonOptions.Section));
        builder.Services.AddSingleton(sp => new DataFolder(Path.GetFullPath(sp.GetRequiredService<IOptions<LiaisonOptions>>().Value.Data)));
        builder.Services.AddSingleton<MechanismHolder>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<MechanismHolder>().Value);
        builder.Services.AddLiaisonFeatures(sp => DatabaseSetup.SqliteConnectionString(sp.GetRequiredService<DataFolder>().Root));
        builder.Services.AddSingleton(sp =>
        {
            var witnesses = WitnessDirectory.Load(sp.GetRequiredService<DataFolder>().WitnessesFile);
            return witnesses.IsSuccess ? witnesses.Value : throw new StartupException(witnesses.Error.Detail);
        });
        builder.Services.AddHostedService<CheckpointService>();
        builder.Services.AddHostedService<WalCheckpointService>();
        builder.Services.AddSingleton<HotlineBook>();
        builder.Services.AddSingleton<IEntryRule>(sp => sp.GetRequiredService<HotlineBook>());
        builder.Services.AddHostedService<HotlineDeadlineService>();
        builder.Services.AddHotlineLive();
        builder.Services.AddAttachments();
        builder.Services.AddNotices();
        builder.Services.AddIncidents();
        builder.Services.AddRecordChangeLive<IncidentLive, IncidentHub>();
        builder.Services.AddDisputes();
        builder.Services.AddRecordChangeLive<DisputeLive, DisputeHub>();
        builder.Services.AddVerificationVisits();
        builder.Services.AddRecordChangeLive<VerificationLive, VerificationHub>();
        builder.Services.AddRecordState();
        builder.Services.AddLiaisonAuth();
        builder.Services.AddDataProtection().SetApplicationName("Liaison");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<DataFolder>((keys, folder) =>
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(folder.Root, "data-protection")), NullLoggerFactory.Instance));
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Services.AddProblemDetails();

        // Hebrew, Arabic and every other script go into pages as the characters themselves, not numeric entities.
        builder.Services.AddWebEncoders(encoders => encoders.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddRateLimiter(limiter =>
        {
            // Password guessing is slowed per client address; Identity's lockout also stops it per account. Only attempts
            // count: showing the sign-in form guesses nothing, and counting it halved what an office behind one address may try.
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SignInRateLimit, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("form")
                : RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) }));
        });
        builder.Services.AddOpenApi();
        builder.Services.AddRazorPages(options => options.Conventions.AuthorizeFolder("/").AllowAnonymousToFolder("/Account"));
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new ManifestEmbeddedFileProvider(typeof(LiaisonWebHost).Assembly, "wwwroot") });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapHealthChecks("/healthz", new() { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new() { Predicate = check => check.Tags.Contains("ready") });
        app.MapMechanismEndpoints();
        app.MapEntryEndpoints();
        app.MapKeyEndpoints();
        app.MapTokenEndpoints();
        app.MapLogEndpoints();
        app.MapHotlineEndpoints();
        app.MapHotlineHub();
        app.MapAttachmentEndpoints();
        app.MapNoticeEndpoints();
        app.MapBundleEndpoints();
        app.MapNoticeHub();
        app.MapIncidentEndpoints();
        app.MapRecordChangeHub<IncidentHub>(IncidentLive.HubPath);
        app.MapDisputeEndpoints();
        app.MapRecordChangeHub<DisputeHub>(DisputeLive.HubPath);
        app.MapVerificationVisitEndpoints();
        app.MapRecordChangeHub<VerificationHub>(VerificationLive.HubPath);
        app.MapReconstructionEndpoints();
        app.MapRazorPages();
        return app;
    }

    /// <summary>
    /// Keeps a thread-pool worker ready for each core plus two. SQLite's asynchronous calls run synchronously, so the
    /// sequencer's commit and the WAL checkpointer each hold a worker through their fsyncs; with only one worker per core
    /// (the pool's start on two cores), both held left no worker for requests, and the pool adds one only every half
    /// second: every request, and the hotline's live delivery, stalled 100 to 400 ms at 1,000 messages a second. More
    /// workers than that would time-slice CPU-bound requests and lengthen their tail (measured with the listing benchmark).
    /// </summary>
    private static void EnsureThreadsForBlockingIo()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        var wanted = Environment.ProcessorCount + 2;
        if (workers < wanted)
        {
            ThreadPool.SetMinThreads(wanted, completionPorts);
        }
    }
}
