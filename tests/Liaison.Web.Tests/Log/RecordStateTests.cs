using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Domain.Disputes;
using Liaison.Domain.Incidents;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;
using Liaison.Domain.Record;
using Liaison.Domain.VerificationVisits;
using Liaison.Domain.Zones;
using Liaison.Features.Entries;
using Liaison.Features.Log;
using Liaison.Features.Notices;
using Liaison.Features.Replay;
using Liaison.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Web.Tests.Log;

/// <summary>
/// The state digest: what the server's live books show each reader equals, projection by projection, what a fresh fold
/// of the entries that reader may read gives, including when an object it reads names entries it may not read.
/// </summary>
[Collection(nameof(LiaisonAppCollection))]
public sealed class RecordStateTests(LiaisonAppFixture app)
{
    private static readonly string[] Everyone = ["ISR", "SYR", "USA", "UNDOF"];
    private static readonly string[] Readers = ["isr-officer", "syr-officer", "usa-mediator", "undof-observer"];
    private static readonly Lazy<(MechanismConfig Config, ZoneAtlas Zones)> Demo = new(LoadDemo);

    [Fact]
    public async Task State_EveryReader_IsTheFoldOfTheEntriesItMayRead()
    {
        foreach (var reader in Readers)
        {
            var (server, replayed, entries) = await StateAndReplayAsync(reader);

            Assert.Equal("live", server.Source);
            Assert.Equal(app.User(reader).Party, server.Viewer);
            Assert.Equal(ProjectionNames.All, server.Projections!.Select(p => p.Name));
            Assert.Equal(replayed.Projections, server.Projections!);
            Assert.Equal(replayed.Overall(), server.Overall);
            Assert.Equal(server.Digest, server.Projections!.Single(p => p.Name == ProjectionNames.Keys).Digest);
        }
    }

    [Fact]
    public async Task State_AfterEntriesNamingReportsAndRequestsSomeReadersMayNotRead_StillTheirFold()
    {
        // A report UNDOF may not read, linked with one it may; a request SYR may not read, answered by a report every party reads.
        var hidden = await AcceptedAsync("isr-officer", IncidentEntryTypes.Report, IncidentReport("detention", 42.10), ["ISR", "SYR", "USA"]);
        var seen = await AcceptedAsync("syr-officer", IncidentEntryTypes.Report, IncidentReport("detention", 42.11), Everyone);
        var link = await AcceptedAsync("usa-mediator", IncidentEntryTypes.Link, new JsonObject { ["incidents"] = new JsonArray(hidden, seen), ["reason"] = "One detention, reported by both." }, Everyone);
        var request = await AcceptedAsync("isr-officer", VerificationEntryTypes.Request, new JsonObject { ["zone"] = "aos", ["reason"] = $"Movement reported ({Guid.NewGuid():N}).", ["lang"] = "en" }, ["ISR", "USA"]);
        var report = await AcceptedAsync("usa-mediator", VerificationEntryTypes.Report, VisitReport(request), Everyone);
        var now = app.Time.GetUtcNow();
        await AcceptedAsync("syr-officer", Domain.Notices.NoticeEntryTypes.File, Notices.NoticeApiTests.Filing("engineering-works", Notices.NoticeApiTests.Aleppo, now.AddDays(5), now.AddDays(6)), Everyone);

        foreach (var reader in Readers)
        {
            var (server, replayed, entries) = await StateAndReplayAsync(reader);

            Assert.Equal(replayed.Projections, server.Projections!);
            Assert.Equal(replayed.Overall(), server.Overall);
            var read = entries.Where(e => e.Payload is not null).Select(e => e.Seq).ToHashSet();
            Assert.Equal((reader != "undof-observer", true), (read.Contains(hidden), read.Contains(link)));
            Assert.Equal((reader is "isr-officer" or "usa-mediator", true), (read.Contains(request), read.Contains(report)));
        }
    }

    [Fact]
    public async Task State_AfterANoticeKeptFromTheObserver_EachReadersConflictsAreItsFold()
    {
        // SYR's notice (everyone reads it) overlaps ISR's notice kept from UNDOF: the parties and the convener see the
        // overlap; UNDOF does not, for it cannot read (or replay) ISR's notice. Caps likewise: NoticeBoardsTests.
        var start = app.Time.GetUtcNow().AddDays(9);
        var area = Notices.NoticeApiTests.Box(36.20, 35.30, 36.21, 35.31);
        var hidden = await AcceptedAsync("isr-officer", Domain.Notices.NoticeEntryTypes.File,
            Notices.NoticeApiTests.Filing("ground-movement", area, start, start.AddHours(6), Notices.NoticeApiTests.Assets(("troops", 40))), ["ISR", "SYR", "USA"]);
        var seen = await AcceptedAsync("syr-officer", Domain.Notices.NoticeEntryTypes.File,
            Notices.NoticeApiTests.Filing("ground-movement", area, start.AddHours(1), start.AddHours(5), Notices.NoticeApiTests.Assets(("troops", 30))), Everyone);
        await AcceptedAsync("isr-officer", Domain.Notices.NoticeEntryTypes.Acknowledge, new JsonObject { ["notice"] = seen }, Everyone);

        Assert.Equal([hidden], await OverlapsAsync("isr-officer", seen));
        Assert.Equal([hidden], await OverlapsAsync("usa-mediator", seen));
        Assert.Empty(await OverlapsAsync("undof-observer", seen));
        foreach (var reader in Readers)
        {
            var (server, replayed, _) = await StateAndReplayAsync(reader);
            Assert.Equal(replayed.Projections, server.Projections!);
            Assert.Equal(replayed.Overall(), server.Overall);
        }

        // The server's own fresh fold (its answer when the record never stands still) folds what each reader may read too.
        await using var scope = app.Services.CreateAsyncScope();
        var state = scope.ServiceProvider.GetRequiredService<ServedRecordState>();
        foreach (var party in Everyone)
        {
            // A server entry may land between the two reads; the sizes must agree before the digests are compared.
            RecordDigest live, fold;
            var attempts = 0;
            do
            {
                live = await state.LiveAsync(new PartyCode(party), TestContext.Current.CancellationToken);
                fold = await state.FoldAsync(new PartyCode(party), TestContext.Current.CancellationToken);
            }
            while (live.Size != fold.Size && ++attempts < 5);

            Assert.Equal((live.Size, live.Overall()), (fold.Size, fold.Overall()));
        }
    }

    [Fact]
    public async Task NoticeSteps_AddressedToFewerThanTheNotice_OrAmendmentToOthers_AreRefused()
    {
        var start = app.Time.GetUtcNow().AddDays(9);
        var area = Notices.NoticeApiTests.Box(36.22, 35.30, 36.23, 35.31);
        var notice = await AcceptedAsync("isr-officer", Domain.Notices.NoticeEntryTypes.File,
            Notices.NoticeApiTests.Filing("engineering-works", area, start, start.AddHours(6)), ["ISR", "SYR", "USA"]);
        var size = await app.RecordSizeAsync();

        using var ack = await SubmitAsync("syr-officer", Domain.Notices.NoticeEntryTypes.Acknowledge, new JsonObject { ["notice"] = notice }, ["ISR", "SYR"]);
        var problem = await ack.AssertProblemAsync(HttpStatusCode.BadRequest, "notice-audience");
        Assert.Contains("add USA", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var amendment = await SubmitAsync("isr-officer", Domain.Notices.NoticeEntryTypes.File,
            Notices.NoticeApiTests.Filing("engineering-works", area, start, start.AddHours(7), replaces: notice), Everyone);
        problem = await amendment.AssertProblemAsync(HttpStatusCode.BadRequest, "notice-audience");
        Assert.Contains("went to ISR, SYR, USA", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await app.AssertNothingStoredSinceAsync(size);

        // The same steps to the notice's audience are accepted.
        await AcceptedAsync("syr-officer", Domain.Notices.NoticeEntryTypes.Acknowledge, new JsonObject { ["notice"] = notice }, ["ISR", "SYR", "USA"]);
        await AcceptedAsync("isr-officer", Domain.Notices.NoticeEntryTypes.File,
            Notices.NoticeApiTests.Filing("engineering-works", area, start, start.AddHours(7), replaces: notice), ["USA", "SYR", "ISR"]);
    }

    private async Task<List<long>> OverlapsAsync(string reader, long notice)
    {
        using var client = app.CreateClientFor(reader);
        using var response = await client.GetAsync($"/api/v1/notices/{notice}", TestContext.Current.CancellationToken);
        var view = await response.ReadJsonAsync(HttpStatusCode.OK);
        return [.. view.GetProperty("conflicts").EnumerateArray()
            .Where(c => c.GetProperty("code").GetString() == "notice-overlap")
            .SelectMany(c => c.GetProperty("notices").EnumerateArray().Select(n => n.GetInt64()))];
    }

    private async Task<HttpResponseMessage> SubmitAsync(string author, string type, JsonObject fields, IEnumerable<string> audience)
    {
        using var client = app.CreateClientFor(author);
        return await client.SubmitEntryAsync(app.Sign(author, app.Payload(type, author, audience, fields)));
    }

    [Theory]
    [InlineData("message.ack", ProjectionNames.Hotline)]
    [InlineData("notice.object", ProjectionNames.Notices)]
    [InlineData("incident.ack", ProjectionNames.Incidents)]
    [InlineData("dispute.reply", ProjectionNames.Disputes)]
    [InlineData("verification.report", ProjectionNames.Verification)]
    public async Task Fold_OneEntryLeftOut_DiffersInThatProjectionAlone(string type, string projection)
    {
        using var client = app.CreateClientFor("usa-mediator");
        var server = await StateAsync(client);
        var entries = await EntriesAsync(client, server.Size);
        var last = entries.Last(e => e.Type == type && e.Payload is not null);

        var replayed = Fold(entries.Select(e => e.Seq == last.Seq ? e with { Payload = null } : e), "USA");

        var differing = replayed.Projections.Where(p => server.Projections!.Single(s => s.Name == p.Name) != p).Select(p => p.Name);
        Assert.Equal([projection], differing);
        Assert.NotEqual(server.Overall, replayed.Overall());
    }

    [Fact]
    public async Task DisputeStep_AddressedToFewerThanTheDispute_IsRefused()
    {
        var dispute = await AcceptedAsync("syr-officer", DisputeEntryTypes.Open, new JsonObject
        {
            ["respondent"] = "ISR",
            ["breach"] = new JsonObject { ["commitment"] = "isr-strikes-self-defence-only" },
            ["incidents"] = new JsonArray(),
            ["claim"] = new JsonObject { ["text"] = $"A strike without notice ({Guid.NewGuid():N}).", ["lang"] = "en" },
        }, Everyone);
        var size = await app.RecordSizeAsync();

        using var client = app.CreateClientFor("isr-officer");
        using var response = await client.SubmitEntryAsync(app.Sign("isr-officer", app.Payload(DisputeEntryTypes.Reply, "isr-officer", ["ISR", "SYR", "USA"], new JsonObject { ["dispute"] = dispute, ["text"] = "Self-defence.", ["lang"] = "en" })));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "dispute-audience");
        Assert.Contains("UNDOF", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await app.AssertNothingStoredSinceAsync(size);
    }

    private async Task<(RecordStateView Server, RecordDigest Replayed, List<Domain.Record.ReplayEntry> Entries)> StateAndReplayAsync(string reader)
    {
        using var client = app.CreateClientFor(reader);
        var server = await StateAsync(client);
        var entries = await EntriesAsync(client, server.Size);
        return (server, Fold(entries, app.User(reader).Party), entries);
    }

    private static RecordDigest Fold(IEnumerable<Domain.Record.ReplayEntry> entries, string reader)
    {
        var (config, zones) = Demo.Value;
        return RecordFold.Fold(config, zones, entries).DigestFor(config, new PartyCode(reader));
    }

    private static async Task<RecordStateView> StateAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/v1/log/state", TestContext.Current.CancellationToken);
        return (await response.ReadJsonAsync(HttpStatusCode.OK)).Deserialize<RecordStateView>(JsonSerializerOptions.Web)!;
    }

    /// <summary>Every entry below <paramref name="size"/> as the client's party sees it: a leaf, and the payload when addressed to it.</summary>
    private static async Task<List<Domain.Record.ReplayEntry>> EntriesAsync(HttpClient client, long size)
    {
        var entries = new List<Domain.Record.ReplayEntry>();
        for (long? after = null; ;)
        {
            var query = after is null ? "?limit=500" : string.Create(CultureInfo.InvariantCulture, $"?limit=500&after={after}");
            using var response = await client.GetAsync("/api/v1/entries" + query, TestContext.Current.CancellationToken);
            var page = (await response.ReadJsonAsync(HttpStatusCode.OK)).Deserialize<EntryPage>(JsonSerializerOptions.Web)!;
            entries.AddRange(page.Entries.Where(e => e.Seq < size)
                .Select(e => new Domain.Record.ReplayEntry(e.Seq, e.Type, e.Author, e.KeyId, e.Payload is null ? null : Convert.FromBase64String(e.Payload), e.ServerTime)));
            if (page.Entries.Count < 500 || page.Entries[^1].Seq >= size - 1)
            {
                Assert.Equal(size, entries.Count);
                return entries;
            }

            after = page.Entries[^1].Seq;
        }
    }

    private async Task<long> AcceptedAsync(string author, string type, JsonObject fields, IEnumerable<string> audience)
    {
        using var client = app.CreateClientFor(author);
        using var response = await client.SubmitEntryAsync(app.Sign(author, app.Payload(type, author, audience, fields)));
        return (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("seq").GetInt64();
    }

    /// <summary>An incident report at a point of this class's own, far from every other test's.</summary>
    private static JsonObject IncidentReport(string category, double lon) => new()
    {
        ["category"] = category,
        ["time"] = new JsonObject { ["start"] = "2026-01-05T22:00:00Z" },
        ["location"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(lon, 36.9) },
        ["actors"] = new JsonArray("unknown"),
        ["narrative"] = new JsonObject { ["text"] = $"Two shepherds detained ({Guid.NewGuid():N}).", ["lang"] = "en" },
        ["grading"] = "B2",
    };

    private JsonObject VisitReport(long request)
    {
        var end = app.Time.GetUtcNow().AddMinutes(-10);
        return new JsonObject
        {
            ["zone"] = "aos",
            ["request"] = request,
            ["visit"] = new JsonObject { ["start"] = Time(end.AddHours(-3)), ["end"] = Time(end) },
            ["observed"] = new JsonObject(),
            ["violations"] = new JsonArray(),
            ["text"] = $"Positions inspected ({Guid.NewGuid():N}).",
            ["lang"] = "en",
        };
    }

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static (MechanismConfig, ZoneAtlas) LoadDemo()
    {
        var config = MechanismConfigLoader.Load(Path.Combine(AppContext.BaseDirectory, "config", "israel-syria.json"));
        var zones = ZoneFiles.Load(config.Value);
        return (config.Value, zones.Value);
    }
}
