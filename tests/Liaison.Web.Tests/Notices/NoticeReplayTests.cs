using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Domain.Notices;
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

namespace Liaison.Web.Tests.Notices;

/// <summary>
/// The notice board is folded from the record: after a restart on the same data folder, every notice reads back the
/// same, with the same conflicts, lateness, answers, amendments and cancellations.
/// </summary>
public sealed class NoticeReplayTests : IDisposable
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "liaison-web-tests-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(LiaisonAppFixture.Start);

    [Fact]
    public async Task Restart_SameDataFolder_SameNoticesAndConflicts()
    {
        string before;
        string exportBefore;
        long size;
        long movement;
        long works;
        await using (var first = new App(_dataFolder, _time))
        {
            var now = _time.GetUtcNow();
            works = await first.FileAsync("isr-officer", NoticeApiTests.Filing("engineering-works", NoticeApiTests.EastOfQuneitra, now.AddDays(1), now.AddDays(4)));
            movement = await first.FileAsync("syr-officer", NoticeApiTests.Filing("ground-movement", NoticeApiTests.EastOfQuneitra, now.AddDays(2), now.AddDays(3), NoticeApiTests.Assets(("troops", 900), ("tanks", 80))));
            await first.SubmitAsync("isr-officer", NoticeEntryTypes.Object, new JsonObject { ["notice"] = movement, ["reason"] = "Beyond the band's limits." });
            var sortie = await first.FileAsync("isr-officer", NoticeApiTests.Filing("air-sortie", NoticeApiTests.GolanWest, now.AddMinutes(20), now.AddHours(2), altitude: NoticeApiTests.Altitude(3000, 9000)));
            await first.SubmitAsync("syr-duty", NoticeEntryTypes.Acknowledge, new JsonObject { ["notice"] = sortie });
            await first.FileAsync("isr-officer", NoticeApiTests.Filing("air-sortie", NoticeApiTests.GolanWest, now.AddMinutes(30), now.AddHours(2), altitude: NoticeApiTests.Altitude(3000, 9000), replaces: sortie));
            var cancelled = await first.FileAsync("syr-officer", NoticeApiTests.Filing("naval", NoticeApiTests.Aleppo, now.AddDays(1), now.AddDays(2)));
            await first.SubmitAsync("syr-officer", NoticeEntryTypes.Cancel, new JsonObject { ["notice"] = cancelled, ["reason"] = "Called off." });
            before = await first.GetAsync("/api/v1/notices");
            exportBefore = await first.GetAsync("/api/v1/notices/export.geojson");
            size = await first.RecordSizeAsync();
        }

        SqliteConnection.ClearAllPools();
        await using var second = new App(_dataFolder, _time);
        var after = await second.GetAsync("/api/v1/notices");

        Assert.Equal(size, await second.RecordSizeAsync());
        Assert.Equal(before, after);
        Assert.Equal(exportBefore, await second.GetAsync("/api/v1/notices/export.geojson"));
        using var notices = JsonDocument.Parse(after);
        var view = notices.RootElement.EnumerateArray().Single(n => n.GetProperty("id").GetInt64() == movement);
        NoticeApiTests.Conflict(view, "notice-overlap", c => NoticeApiTests.Ids(c, "notices").Contains(works));
        NoticeApiTests.Conflict(view, "zone-limit-exceeded");
        Assert.Equal("objected", view.GetProperty("status").GetString());
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
    private sealed class App : WebApplicationFactory<Program>
    {
        private readonly string _dataFolder;
        private readonly FakeTimeProvider _time;
        private DemoCredentials? _credentials;

        public App(string dataFolder, FakeTimeProvider time)
        {
            _dataFolder = dataFolder;
            _time = time;
        }

        private DemoCredentials Credentials
        {
            get
            {
                if (_credentials is null)
                {
                    using var start = CreateClient();
                    var loaded = DemoCredentials.Load(Path.Combine(_dataFolder, "demo", "credentials.json"));
                    _credentials = loaded.IsSuccess ? loaded.Value : throw new InvalidOperationException(loaded.Error.Detail);
                }

                return _credentials;
            }
        }

        public Task<long> FileAsync(string author, JsonObject body) => SubmitAsync(author, NoticeEntryTypes.File, body);

        /// <summary>Submits a signed entry, which must be accepted; returns its sequence number.</summary>
        public async Task<long> SubmitAsync(string author, string type, JsonObject body)
        {
            var user = Credentials.Users.Single(u => u.UserName == author);
            var file = KeyFile.Load(user.KeyFile);
            using var key = file.IsSuccess ? file.Value.Open() : throw new InvalidOperationException(file.Error.Detail);
            var payload = EntryBuilder.Payload(type, Credentials.Mechanism, author, NoticeApiTests.Everyone, _time.GetUtcNow(), body);
            using var client = ClientFor(author);
            using var response = await client.SubmitEntryAsync(EntryBuilder.Sign(payload, key));
            return (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("seq").GetInt64();
        }

        public async Task<string> GetAsync(string path)
        {
            using var client = ClientFor("isr-officer");
            using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }

        public async Task<long> RecordSizeAsync()
        {
            using var client = ClientFor("usa-mediator");
            return await client.RecordSizeAsync();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Liaison:Data", _dataFolder);
            builder.UseSetting("Liaison:Demo", "true");
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(_time);

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
