using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Features.Data;

/// <summary>Registers the database: SQLite in one file, in WAL mode with full synchronous commits, migrations from Liaison.Migrations.Sqlite.</summary>
public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "Liaison.Migrations.Sqlite";

    /// <summary>The SQLite connection string for the database file in <paramref name="dataDirectory"/>.</summary>
    public static string SqliteConnectionString(string dataDirectory) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataDirectory, "liaison.db"),
        DefaultTimeout = 30,
        Pooling = true,
    }.ToString();

    /// <summary>Registers the context and its factory; the connection string is read when the first context is made.</summary>
    public static IServiceCollection AddLiaisonDatabase(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        services.AddDbContextFactory<LiaisonDbContext>((provider, options) => Configure(options, connectionString(provider)));
        services.AddDbContext<LiaisonDbContext>((provider, options) => Configure(options, connectionString(provider)), optionsLifetime: ServiceLifetime.Singleton);
        return services;
    }

    /// <summary>Configures a context for SQLite; also used by design-time tools and tests.</summary>
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
            .AddInterceptors(SqliteDurability.Instance);

    /// <summary>Every connection commits with <c>synchronous=FULL</c> in WAL mode: an acknowledged entry survives power loss.</summary>
    private sealed class SqliteDurability : DbConnectionInterceptor
    {
        public static readonly SqliteDurability Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
            command.ExecuteNonQuery();
        }
    }
}
