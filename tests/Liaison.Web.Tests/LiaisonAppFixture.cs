using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Domain.Entries;
using Liaison.Features.Bootstrap;
using Liaison.Features.Entries;
using Liaison.Features.Keys;
using Liaison.Ledger.Crypto;
using Liaison.Web.Log;
using Liaison.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Liaison.Web.Tests;

/// <summary>
/// The real web app on a real SQLite file in a fresh temporary data folder, established as the demo on first start
/// (14 users with enrolled keys and tokens), with a <see cref="FakeTimeProvider"/> as its clock. Shared by every test
/// class through <see cref="LiaisonAppCollection"/>: tests must not depend on absolute sequence numbers or on each
/// other's order, and use fresh keys and tokens wherever they change state.
/// </summary>
public sealed class LiaisonAppFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The instant the fake clock starts at; the demo is seeded at this time.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 6, 9, 0, 0, TimeSpan.Zero);

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "liaison-web-tests-" + Guid.NewGuid().ToString("N"));
    private DemoCredentials? _credentials;

    /// <summary>
    /// The app's clock. It only moves forward (FakeTimeProvider refuses to go back), so a test that advances it
    /// must not assume any other test's times; every test reads <see cref="TimeProvider.GetUtcNow"/> instead.
    /// </summary>
    public FakeTimeProvider Time { get; } = new(Start);

    public DemoCredentials Credentials => _credentials ?? throw new InvalidOperationException("The fixture is not initialised.");

    public string MechanismId => Credentials.Mechanism;

    public async ValueTask InitializeAsync()
    {
        // Building the server runs Program.cs, which establishes the demo before serving.
        using var client = CreateClient();
        var loaded = DemoCredentials.Load(Path.Combine(_dataFolder, "demo", "credentials.json"));
        _credentials = loaded.IsSuccess ? loaded.Value : throw new InvalidOperationException(loaded.Error.Detail);
        using var health = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
        health.EnsureSuccessStatusCode();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Liaison:Data", _dataFolder);
        builder.UseSetting("Liaison:Demo", "true");
        builder.ConfigureLogging(logging => logging.AddProvider(new TestOutputLoggerProvider()));
        builder.ConfigureTestServices(services =>
        {
            // Requests run in the calling test's execution context, so the app's errors reach that test's output.
            services.Configure<TestServerOptions>(options => options.PreserveExecutionContext = true);
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);

            // The checkpoint loop ticks every second on the system clock, as in production. On the fake clock it would
            // never tick, and advancing the fake clock a day (token expiry) would fire 86,400 ticks, taking ~40 s.
            var checkpoints = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(CheckpointService));
            services.Remove(checkpoints);
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<CheckpointService>(sp, TimeProvider.System));
        });
    }

    /// <summary>A demo user by name.</summary>
    public DemoUser User(string userName) =>
        Credentials.Users.SingleOrDefault(u => u.UserName == userName) ?? throw new ArgumentException($"There is no demo user '{userName}'.", nameof(userName));

    /// <summary>The demo administrator of a party.</summary>
    public DemoUser AdministratorOf(string party) => Credentials.Users.Single(u => u.Party == party && u.Roles.Contains("administrator"));

    /// <summary>A client that never follows redirects nor keeps cookies, sending <paramref name="token"/> as a bearer token when given.</summary>
    public HttpClient CreateApiClient(string? token = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A client with a demo user's personal access token (every scope).</summary>
    public HttpClient CreateClientFor(string userName) => CreateApiClient(User(userName).Token);

    /// <summary>A browser-like client: keeps cookies, does not follow redirects, so each step can be asserted.</summary>
    public HttpClient CreateBrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Opens a demo user's signing key from their key file.</summary>
    public Ed25519PrivateKey OpenKey(string userName)
    {
        var file = KeyFile.Load(User(userName).KeyFile);
        return file.IsSuccess ? file.Value.Open() : throw new InvalidOperationException(file.Error.Detail);
    }

    /// <summary>Signs payload bytes with a demo user's key.</summary>
    public SignedEntry Sign(string userName, byte[] payload)
    {
        using var key = OpenKey(userName);
        return EntryBuilder.Sign(payload, key);
    }

    /// <summary>A payload for this mechanism with the app's current time as the client time, unless told otherwise.</summary>
    public byte[] Payload(string type, string author, IEnumerable<string> audience, JsonObject? fields = null, DateTimeOffset? clientTime = null, string? mechanism = null) =>
        EntryBuilder.Payload(type, mechanism ?? MechanismId, author, audience, clientTime ?? Time.GetUtcNow(), fields);

    /// <summary>
    /// A valid <c>statement.issue</c> payload. The subject is unique, because the clock stands still and two equal
    /// payloads would be one entry and a duplicate.
    /// </summary>
    public byte[] Statement(string author, IEnumerable<string> audience, string? body = null, string lang = "en", DateTimeOffset? clientTime = null) =>
        Payload(EntryTypes.StatementIssue, author, audience, StatementFields(body, lang), clientTime);

    public static JsonObject StatementFields(string? body = null, string lang = "en", string? subject = null) => new()
    {
        ["subject"] = subject ?? "Test statement " + Guid.NewGuid().ToString("N"),
        ["body"] = body ?? "A statement made by a web test.",
        ["lang"] = lang,
    };

    /// <summary>The number of entries in the joint record.</summary>
    public async Task<long> RecordSizeAsync()
    {
        using var client = CreateClientFor("usa-mediator");
        return await client.RecordSizeAsync();
    }

    /// <summary>Nothing was stored since <paramref name="sizeBefore"/> but entries the server made on its own clock (see <see cref="ApiClientExtensions.AssertNothingStoredSinceAsync"/>).</summary>
    public async Task AssertNothingStoredSinceAsync(long sizeBefore)
    {
        using var client = CreateClientFor("usa-mediator");
        await client.AssertNothingStoredSinceAsync(sizeBefore);
    }

    /// <summary>Makes a new key for a demo user and has their party's administrator enrol it with a <c>key.enroll</c> entry.</summary>
    public async Task<FreshKey> EnrolFreshKeyAsync(string userName)
    {
        var administrator = AdministratorOf(User(userName).Party);
        using var client = CreateClientFor(administrator.UserName);
        var fresh = new FreshKey(Ed25519PrivateKey.Generate());
        using var response = await client.SubmitEntryAsync(Sign(administrator.UserName, EnrolmentPayload(administrator.UserName, userName, fresh.Key)));
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            fresh.Dispose();
        }

        fresh.EnrolledBySeq = (await response.ReadJsonAsync(System.Net.HttpStatusCode.Created)).GetProperty("seq").GetInt64();
        return fresh;
    }

    /// <summary>Every party's code: key enrolments and revocations are addressed to all, so each can check every signature.</summary>
    public IReadOnlyList<string> AllParties => Credentials.Users.Select(u => u.Party).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>A <c>key.enroll</c> payload by <paramref name="administrator"/> for <paramref name="subject"/>'s key, addressed to every party.</summary>
    public byte[] EnrolmentPayload(string administrator, string subject, Ed25519PrivateKey key, DateTimeOffset? clientTime = null) =>
        Payload(
            EntryTypes.KeyEnroll,
            administrator,
            AllParties,
            new JsonObject { ["subject"] = subject, ["publicKey"] = key.PublicKey.ToBase64(), ["keyId"] = KeyId.For(key.PublicKey.Bytes).Value },
            clientTime);

    /// <summary>A <c>key.revoke</c> payload by <paramref name="author"/> for a key, addressed to every party.</summary>
    public byte[] RevocationPayload(string author, string keyId, string reason = "Test revocation") =>
        Payload(EntryTypes.KeyRevoke, author, AllParties, new JsonObject { ["keyId"] = keyId, ["reason"] = reason + " " + Guid.NewGuid().ToString("N") });

    /// <summary>Asks, as <paramref name="userName"/>, for <paramref name="key"/> to be enrolled, proving possession.</summary>
    public async Task<HttpResponseMessage> RequestKeyAsync(string userName, Ed25519PrivateKey key, byte[]? proof = null)
    {
        using var client = CreateClientFor(userName);
        proof ??= key.Sign(EntrySigning.KeyRequestMessage(userName, key.PublicKey.Bytes));
        return await client.PostAsJsonAsync(
            "/api/v1/keys",
            new RequestKeyRequest(key.PublicKey.ToBase64(), Convert.ToBase64String(proof)),
            JsonSerializerOptions.Web,
            TestContext.Current.CancellationToken);
    }
}

/// <summary>A key made and enrolled by a test, and the entry that enrolled it.</summary>
public sealed class FreshKey(Ed25519PrivateKey key) : IDisposable
{
    public Ed25519PrivateKey Key { get; } = key;

    public long EnrolledBySeq { get; internal set; }

    public string KeyId => Domain.Entries.KeyId.For(Key.PublicKey.Bytes).Value;

    public SignedEntry Sign(byte[] payload) => EntryBuilder.Sign(payload, Key);

    public void Dispose() => Key.Dispose();
}

[CollectionDefinition(nameof(LiaisonAppCollection))]
public sealed class LiaisonAppCollection : ICollectionFixture<LiaisonAppFixture>;
