using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Liaison.Features.Bootstrap;
using Liaison.Features.Entries;
using Liaison.Features.Keys;
using Liaison.Features.Log;
using Liaison.Ledger.Checkpoints;
using Liaison.Ledger.Witness;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Liaison.Web.Tests.Reconstruction;

/// <summary>
/// A second real app, on the system clock, whose log has a witness for each party (ISR, SYR): the log sends every
/// checkpoint to them through the real <see cref="CollectCosignatures"/>, and an in-process handler cosigns it with the
/// party's witness key, so checkpoints become final as in production. <see cref="Cosigning"/> can be switched off to
/// hold the latest final checkpoint back. Its own temporary data folder.
/// </summary>
public sealed class WitnessedApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "liaison-web-tests-" + Guid.NewGuid().ToString("N"));
    private DemoCredentials? _credentials;
    private bool _cosigning = true;

    /// <summary>The witnesses' cosigning keys, by host name (<c>isr.witness.test</c>).</summary>
    public IReadOnlyDictionary<string, CosignatureSigner> Witnesses { get; } = new Dictionary<string, CosignatureSigner>(StringComparer.Ordinal)
    {
        ["isr.witness.test"] = CosignatureSigner.FromSeed("isr-witness.test", Enumerable.Repeat((byte)1, 32).ToArray()),
        ["syr.witness.test"] = CosignatureSigner.FromSeed("syr-witness.test", Enumerable.Repeat((byte)2, 32).ToArray()),
    };

    /// <summary>While false, the witnesses refuse every checkpoint (HTTP 503), so no new checkpoint becomes final.</summary>
    public bool Cosigning
    {
        get => Volatile.Read(ref _cosigning);
        set => Volatile.Write(ref _cosigning, value);
    }

    public DemoCredentials Credentials => _credentials ?? throw new InvalidOperationException("The app is not initialised.");

    public async ValueTask InitializeAsync()
    {
        using var client = CreateClient();
        var loaded = DemoCredentials.Load(Path.Combine(_root, "demo", "credentials.json"));
        _credentials = loaded.IsSuccess ? loaded.Value : throw new InvalidOperationException(loaded.Error.Detail);
        using var health = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
        health.EnsureSuccessStatusCode();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var signer in Witnesses.Values)
        {
            signer.Dispose();
        }

        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>A client with a demo user's personal access token.</summary>
    public HttpClient CreateClientFor(string userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", User(userName).Token);
        return client;
    }

    /// <summary>A payload signed by a demo user's key, with the system clock as client time.</summary>
    public SignedEntry Sign(string userName, string type, IEnumerable<string> audience, JsonObject fields)
    {
        var file = KeyFile.Load(User(userName).KeyFile);
        using var key = file.IsSuccess ? file.Value.Open() : throw new InvalidOperationException(file.Error.Detail);
        return EntryBuilder.Sign(EntryBuilder.Payload(type, Credentials.Mechanism, userName, audience, TimeProvider.System.GetUtcNow(), fields), key);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Liaison:Data", _root);
        builder.UseSetting("Liaison:Demo", "true");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<WitnessDirectory>();
            services.AddSingleton(new WitnessDirectory(
            [
                new WitnessEndpoint("ISR", "http://isr.witness.test/", Witnesses["isr.witness.test"].VerifierKey.ToString()),
                new WitnessEndpoint("SYR", "http://syr.witness.test/", Witnesses["syr.witness.test"].VerifierKey.ToString()),
            ]));
            services.AddHttpClient(CollectCosignatures.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new CosigningHandler(this));
        });
    }

    private DemoUser User(string userName) => Credentials.Users.Single(u => u.UserName == userName);

    /// <summary>A witness in-process: cosigns the note of each add-checkpoint request with the key of the host it is sent to.</summary>
    private sealed class CosigningHandler(WitnessedApp app) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!app.Cosigning || request.Content is null || !app.Witnesses.TryGetValue(request.RequestUri!.Host, out var signer))
            {
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            }

            var parsed = AddCheckpointRequest.Parse(await request.Content.ReadAsStringAsync(cancellationToken));
            if (!parsed.IsSuccess)
            {
                return new HttpResponseMessage(HttpStatusCode.BadRequest);
            }

            var note = parsed.Value.Note;
            var body = note[..(note.LastIndexOf("\n\n", StringComparison.Ordinal) + 1)];
            var line = signer.Sign(body, TimeProvider.System.GetUtcNow()).Line;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(line, Encoding.UTF8, "text/plain") };
        }
    }
}
