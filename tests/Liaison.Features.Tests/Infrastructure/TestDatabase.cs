using System.Globalization;
using System.Text;
using Liaison.Features.Bootstrap;
using Liaison.Features.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Liaison.Features.Tests.Infrastructure;

/// <summary>
/// A real database in a temporary data folder, with the features' services built as a host builds them. Each
/// persistence test takes the provider name as a theory parameter from <see cref="Providers"/> (STYLE practice 11):
/// only SQLite for now; a PostgreSQL row needs a case in <see cref="Register"/>, <see cref="AllStoredTextAsync"/> and
/// <see cref="ForgetConnections"/>, and nothing in the tests.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Sqlite = "sqlite";

    /// <summary>The instant every test clock starts at: the mechanism's establishment on January 6, 2026.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 6, 9, 0, 0, TimeSpan.Zero);

    private readonly Action<IServiceCollection>? _configure;

    private TestDatabase(string provider, TimeProvider time, Action<IServiceCollection>? configure)
    {
        Provider = provider;
        Time = time;
        _configure = configure;
        Folder = new DataFolder(Directory.CreateTempSubdirectory("liaison-features-").FullName);
        Services = Build();
    }

    /// <summary>The providers every persistence test runs on.</summary>
    public static IReadOnlyList<string> ProviderNames { get; } = [Sqlite];

    /// <summary><see cref="ProviderNames"/> as theory data.</summary>
    public static TheoryData<string> Providers => new(ProviderNames);

    public string Provider { get; }

    /// <summary>The data folder: the database file, the configuration copy and key files.</summary>
    public DataFolder Folder { get; }

    /// <summary>The clock the services read; a <see cref="FakeTimeProvider"/> unless a test gave another.</summary>
    public TimeProvider Time { get; }

    /// <summary>The fake clock, when the test uses one.</summary>
    public FakeTimeProvider FakeTime => (FakeTimeProvider)Time;

    /// <summary>The current service provider; replaced by <see cref="ReopenAsync"/>.</summary>
    public ServiceProvider Services { get; private set; }

    /// <summary>A new database with an empty data folder. The schema is created only when <paramref name="migrate"/> is true.</summary>
    public static async Task<TestDatabase> CreateAsync(string provider, TimeProvider? time = null, Action<IServiceCollection>? configure = null, bool migrate = true)
    {
        var database = new TestDatabase(provider, time ?? new FakeTimeProvider(Start), configure);
        if (migrate)
        {
            await using var db = database.NewContext();
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        }

        return database;
    }

    /// <summary>A context of its own, from the factory: it sees only what is committed.</summary>
    public LiaisonDbContext NewContext() => Services.GetRequiredService<IDbContextFactory<LiaisonDbContext>>().CreateDbContext();

    /// <summary>A scope for the scoped use cases (<c>SubmitEntry</c>, <c>AccessTokens</c>, ...).</summary>
    public AsyncServiceScope CreateScope() => Services.CreateAsyncScope();

    /// <summary>Disposes the services (the sequencer finishes its queue) and builds them again over the same data folder, as a restarted server would.</summary>
    public async Task ReopenAsync()
    {
        await Services.DisposeAsync();
        ForgetConnections();
        Services = Build();
    }

    /// <summary>A second, independent set of services over the same data folder, as a second server process would have.</summary>
    public ServiceProvider OpenSecondServices() => Build();

    /// <summary>Every value stored in every table, as text (blobs as UTF-8 and as hex), for searching for something that must not be stored.</summary>
    public async Task<IReadOnlyList<string>> AllStoredTextAsync()
    {
        var values = new List<string>();
        switch (Provider)
        {
            case Sqlite:
                await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder(DatabaseSetup.SqliteConnectionString(Folder.Root)) { Pooling = false }.ToString()))
                {
                    await connection.OpenAsync(TestContext.Current.CancellationToken);
                    var tables = new List<string>();
                    await using (var list = connection.CreateCommand())
                    {
                        list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
                        await using var reader = await list.ExecuteReaderAsync(TestContext.Current.CancellationToken);
                        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
                        {
                            tables.Add(reader.GetString(0));
                        }
                    }

                    foreach (var table in tables)
                    {
                        await using var select = connection.CreateCommand();
                        select.CommandText = $"SELECT * FROM \"{table}\"";
                        await using var reader = await select.ExecuteReaderAsync(TestContext.Current.CancellationToken);
                        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
                        {
                            for (var i = 0; i < reader.FieldCount; i++)
                            {
                                switch (reader.GetValue(i))
                                {
                                    case byte[] blob:
                                        values.Add(Encoding.UTF8.GetString(blob));
                                        values.Add(Convert.ToHexStringLower(blob));
                                        break;
                                    case DBNull:
                                        break;
                                    case var value:
                                        values.Add(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                                        break;
                                }
                            }
                        }
                    }
                }

                return values;
            default:
                throw new ArgumentOutOfRangeException(nameof(Provider), Provider, "Not a test database provider.");
        }
    }

    /// <summary>The raw bytes of the database's files on disk (for SQLite, the file and its write-ahead log).</summary>
    public IReadOnlyList<byte[]> RawFiles() => Provider switch
    {
        Sqlite => [.. new[] { Folder.Database, Folder.Database + "-wal" }.Where(File.Exists).Select(ReadShared)],
        _ => throw new ArgumentOutOfRangeException(nameof(Provider), Provider, "Not a test database provider."),
    };

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Rethrows what stopped the sequencer, if anything did: a test must not pass over it.
            await Services.DisposeAsync();
        }
        finally
        {
            ForgetConnections();
            try
            {
                Directory.Delete(Folder.Root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless; failing the test for it would hide the real result.
            }
        }
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Time);
        Register(services);
        _configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private void Register(IServiceCollection services)
    {
        switch (Provider)
        {
            case Sqlite:
                services.AddLiaisonFeatures(_ => DatabaseSetup.SqliteConnectionString(Folder.Root));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(Provider), Provider, "Not a test database provider.");
        }
    }

    private void ForgetConnections()
    {
        if (Provider == Sqlite)
        {
            using var connection = new SqliteConnection(DatabaseSetup.SqliteConnectionString(Folder.Root));
            SqliteConnection.ClearPool(connection);
        }
    }
}
