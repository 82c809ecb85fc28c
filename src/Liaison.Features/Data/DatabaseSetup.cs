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
        // Pooled: the options are built once and contexts are reused, so a request does not pay for building a context
        // (EF's service-provider lookup by options, DbSet discovery) each time. A scoped context is one rented from the pool.
        services.AddPooledDbContextFactory<LiaisonDbContext>((provider, options) => Configure(options, connectionString(provider)));
        services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<LiaisonDbContext>>().CreateDbContext());
        return services;
    }

    /// <summary>Configures a context for SQLite; also used by design-time tools and tests.</summary>
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
            .AddInterceptors(SqliteDurability.Instance);

    /// <summary>
    /// Every connection commits with <c>synchronous=FULL</c> in WAL mode: an acknowledged entry survives power loss.
    /// A writer that finds the database locked waits in SQLite's own busy handler (steps of a few milliseconds) instead of
    /// Microsoft.Data.Sqlite's retry loop, which sleeps 150 ms at a time: the checkpoint signer's write once a second
    /// otherwise cost the sequencer's next batch 150 ms.
    /// </summary>
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
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000; PRAGMA wal_autocheckpoint=1000;";
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Stops the connection of <paramref name="db"/> from checkpointing the write-ahead log when it commits, so a commit
    /// never pays for copying the log into the database; <see cref="CheckpointWalAsync"/>, run off the write path, does
    /// that instead. Lasts until the connection is next opened from the pool.
    /// </summary>
    public static Task DeferWalCheckpointsAsync(LiaisonDbContext db, CancellationToken cancellationToken) =>
        SqlitePragmaAsync(db, "PRAGMA wal_autocheckpoint=0;", cancellationToken);

    /// <summary>Copies what it can of the write-ahead log into the database without waiting for readers or writers (a passive checkpoint).</summary>
    public static Task CheckpointWalAsync(LiaisonDbContext db, CancellationToken cancellationToken) =>
        SqlitePragmaAsync(db, "PRAGMA wal_checkpoint(PASSIVE);", cancellationToken);

    private static async Task SqlitePragmaAsync(LiaisonDbContext db, string pragma, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (db.Database.GetDbConnection() is SqliteConnection connection)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = pragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
