using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Domain.Incidents;
using Liaison.Features.Bootstrap;
using Liaison.Features.Entries;
using Liaison.Features.Keys;
using Liaison.Web.Log;
using Liaison.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Liaison.Web.Tests.Incidents;

/// <summary>
/// The incident register is folded from the record: after a restart on the same data folder, every incident reads back
/// the same (status, lateness, the server's escalations, links, findings, suggested duplicates), the demo's included.
/// </summary>
public sealed class IncidentReplayTests : IDisposable
{
    private static readonly string[] Everyone = ["ISR", "SYR", "USA", "UNDOF"];
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "liaison-web-tests-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(LiaisonAppFixture.Start);

    [Fact]
    public async Task Restart_SameDataFolder_SameIncidents()
    {
        string before;
        string detailBefore;
        long late;
        await using (var first = new App(_dataFolder, _time))
        {
            late = await first.SubmitAsync("syr-officer", IncidentEntryTypes.Report, IncidentApiTests.Report("strike", (38.5, 34.5)));
            var other = await first.SubmitAsync("isr-officer", IncidentEntryTypes.Report, IncidentApiTests.Report("strike", (38.51, 34.5)));
            var found = await first.SubmitAsync("syr-officer", IncidentEntryTypes.Report, IncidentApiTests.Report("detention", (39.5, 35.0)));
            await first.SubmitAsync("isr-officer", IncidentEntryTypes.Dispute, new JsonObject { ["incident"] = found, ["reason"] = "No.", ["lang"] = "en" });
            await first.SubmitAsync("syr-officer", IncidentEntryTypes.Refer, new JsonObject { ["incident"] = found });
            await first.SubmitAsync("usa-mediator", IncidentEntryTypes.Finding, new JsonObject { ["incident"] = found, ["outcome"] = "unsubstantiated", ["reasons"] = "No trace.", ["lang"] = "en" });
            await first.SubmitAsync("syr-officer", IncidentEntryTypes.Link, new JsonObject { ["incidents"] = new JsonArray(late, other) });

            _time.Advance(TimeSpan.FromHours(25));
            await first.WaitForEscalationAsync(late, _time);
            await first.SubmitAsync("isr-officer", IncidentEntryTypes.Acknowledge, new JsonObject { ["incident"] = late });
            before = await first.GetAsync("/api/v1/incidents?limit=500");
            detailBefore = await first.GetAsync($"/api/v1/incidents/{late}");
        }

        SqliteConnection.ClearAllPools();
        await using var second = new App(_dataFolder, _time);

        Assert.Equal(before, await second.GetAsync("/api/v1/incidents?limit=500"));
        var detail = await second.GetAsync($"/api/v1/incidents/{late}");
        Assert.Equal(detailBefore, detail);
        using var view = JsonDocument.Parse(detail);
        Assert.Equal("incidentAcknowledgement", view.RootElement.GetProperty("acknowledgements")[0].GetProperty("late").GetProperty("rule").GetString());
        Assert.Contains(view.RootElement.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("type").GetString() == "incident.escalate" && t.GetProperty("party").GetString() == "USA");
        Assert.Equal(2, view.RootElement.GetProperty("event").GetArrayLength());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    /// <summary>The real app on a given data folder and clock, established as the demo when the folder is new.</summary>
    private sealed class App(string dataFolder, FakeTimeProvider time) : WebApplicationFactory<Program>
    {
        private DemoCredentials? _credentials;

        private DemoCredentials Credentials
        {
            get
            {
                if (_credentials is null)
                {
                    using var start = CreateClient();
                    var loaded = DemoCredentials.Load(Path.Combine(dataFolder, "demo", "credentials.json"));
                    _credentials = loaded.IsSuccess ? loaded.Value : throw new InvalidOperationException(loaded.Error.Detail);
                }

                return _credentials;
            }
        }

        /// <summary>Submits a signed entry, which must be accepted; returns its sequence number.</summary>
        public async Task<long> SubmitAsync(string author, string type, JsonObject body)
        {
            var user = Credentials.Users.Single(u => u.UserName == author);
            var file = KeyFile.Load(user.KeyFile);
            using var key = file.IsSuccess ? file.Value.Open() : throw new InvalidOperationException(file.Error.Detail);
            var payload = EntryBuilder.Payload(type, Credentials.Mechanism, author, Everyone, time.GetUtcNow(), body);
            using var client = ClientFor(author);
            using var response = await client.SubmitEntryAsync(EntryBuilder.Sign(payload, key));
            return (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("seq").GetInt64();
        }

        public async Task<string> GetAsync(string path)
        {
            using var client = ClientFor("usa-mediator");
            using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }

        /// <summary>Waits for the server's escalation of <paramref name="id"/>, nudging the clock by one pass every half second.</summary>
        public async Task WaitForEscalationAsync(long id, FakeTimeProvider clock)
        {
            var waited = Stopwatch.StartNew();
            for (var attempt = 1; ; attempt++)
            {
                if ((await GetAsync($"/api/v1/incidents/{id}")).Contains("\"incident.escalate\"", StringComparison.Ordinal))
                {
                    return;
                }

                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), $"No escalation of incident {id} after {waited.Elapsed.TotalSeconds:0} s.");
                await Task.Delay(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
                if (attempt % 5 == 0)
                {
                    clock.Advance(TimeSpan.FromSeconds(2));
                }
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Liaison:Data", dataFolder);
            builder.UseSetting("Liaison:Demo", "true");
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(time);

                // As in LiaisonAppFixture: the checkpoint loop keeps the system clock.
                var checkpoints = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(CheckpointService));
                services.Remove(checkpoints);
                services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<CheckpointService>(sp, TimeProvider.System));
            });
        }

        private HttpClient ClientFor(string userName)
        {
            var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Credentials.Users.Single(u => u.UserName == userName).Token);
            return client;
        }
    }
}
