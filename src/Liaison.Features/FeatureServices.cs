using Liaison.Features.Bootstrap;
using Liaison.Features.Data;
using Liaison.Features.Entries;
using Liaison.Features.Identity;
using Liaison.Features.Keys;
using Liaison.Features.Log;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Liaison.Features;

/// <summary>Registers what every host of the features needs: the clock, the database, Identity's user store, the sequencer and the use cases.</summary>
public static class FeatureServices
{
    public static IServiceCollection AddLiaisonFeatures(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddLiaisonDatabase(connectionString);
        services.AddDataProtection();
        services.AddIdentityCore<LiaisonUser>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = false;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789-._";
            })
            .AddEntityFrameworkStores<LiaisonDbContext>()
            .AddDefaultTokenProviders();
        services.AddSingleton<EntrySequencer>();
        services.AddSingleton<TokenCache>();
        services.AddSingleton<TokenAuthenticator>();
        services.AddSingleton<Mechanism.EstablishedMechanism>();
        services.AddSingleton<FullTileCache>();
        services.AddSingleton<EnrolledKeys>();
        services.AddScoped<SubmitEntry>();
        services.AddScoped<SubmitEntries>();
        services.AddScoped<ListEntries>();
        services.AddScoped<RequestKey>();
        services.AddScoped<ListKeys>();
        services.AddScoped<AccessTokens>();
        services.AddScoped<InitMechanism>();
        services.AddScoped<DemoSeed>();
        services.AddScoped<SignCheckpoint>();
        services.AddScoped<ReadLog>();
        services.AddScoped<Reconstruction.ExportBundle>();
        services.AddScoped<Reconstruction.ReconstructIncident>();
        services.AddScoped<RecordProjections>();
        services.AddScoped<Hotline.RecordDueHotlineEntries>();
        services.AddScoped<Hotline.ReadHotline>();
        services.AddScoped<CollectCosignatures>();
        services.AddHttpClient(CollectCosignatures.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        return services;
    }
}
