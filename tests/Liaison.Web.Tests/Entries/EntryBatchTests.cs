using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Liaison.Features.Entries;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Entries;

/// <summary>
/// <c>POST /api/v1/entries/batch</c>: several signed entries in one request, each decided as <c>POST /api/v1/entries</c>
/// decides one; a refused entry leaves the others, and a refused batch stores nothing.
/// </summary>
[Collection(nameof(LiaisonAppCollection))]
public sealed class EntryBatchTests(LiaisonAppFixture app)
{
    private const string BatchPath = "/api/v1/entries/batch";

    [Fact]
    public async Task Batch_OfValidEntries_RecordsEachInOrderWithItsSeqAndLeafHash()
    {
        using var client = app.CreateClientFor("isr-officer");
        var entries = Enumerable.Range(0, 5).Select(i => app.Sign("isr-officer", app.Statement("isr-officer", ["ISR", "SYR"], body: $"batch {i}"))).ToList();

        using var response = await PostBatchAsync(client, entries.Select(e => (SubmitEntryRequest?)e.ToRequest()));

        var answer = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(5, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(0, answer.GetProperty("refused").GetInt32());
        var results = answer.GetProperty("results").EnumerateArray().ToList();
        var seqs = results.Select(r => r.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(seqs.Order(), seqs);
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.Equal(JsonValueKind.Null, results[i].GetProperty("problem").ValueKind);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(entries[i].Payload)), results[i].GetProperty("payloadSha256").GetString());
            using var read = await client.GetAsync($"/api/v1/entries/{seqs[i]}", TestContext.Current.CancellationToken);
            var view = await read.ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal(results[i].GetProperty("leafHash").GetString(), view.GetProperty("leafHash").GetString());
        }
    }

    [Fact]
    public async Task Batch_WithBadEntries_RefusesEachWithItsProblemAndRecordsTheRest()
    {
        using var client = app.CreateClientFor("syr-officer");
        var good = app.Sign("syr-officer", app.Statement("syr-officer", ["SYR"], body: "kept"));
        var tampered = app.Sign("syr-officer", app.Statement("syr-officer", ["SYR"], body: "tampered")).ToRequest();
        tampered = tampered with { Sig = Convert.ToBase64String(new byte[64]) };
        var otherAuthor = app.Sign("isr-officer", app.Statement("isr-officer", ["ISR"])).ToRequest();
        var sizeBefore = await client.RecordSizeAsync();

        using var response = await PostBatchAsync(client, [tampered, good.ToRequest(), otherAuthor, good.ToRequest(), null]);

        var answer = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(4, answer.GetProperty("refused").GetInt32());
        var results = answer.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal("urn:liaison:problem:bad-signature", results[0].GetProperty("problem").GetProperty("type").GetString());
        Assert.Equal(400, results[0].GetProperty("problem").GetProperty("status").GetInt32());
        var seq = results[1].GetProperty("seq").GetInt64();
        Assert.NotEqual("urn:liaison:problem:bad-signature", results[2].GetProperty("problem").GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, results[2].GetProperty("seq").ValueKind);
        var duplicate = results[3].GetProperty("problem");
        Assert.Equal("urn:liaison:problem:duplicate-entry", duplicate.GetProperty("type").GetString());
        Assert.Equal(seq, duplicate.GetProperty("seq").GetInt64());
        Assert.Equal("urn:liaison:problem:entry-malformed", results[4].GetProperty("problem").GetProperty("type").GetString());

        // Only the good entry was stored (and any entry the server signed on its own clock meanwhile).
        await client.AssertNothingStoredSinceAsync(sizeBefore + 1);
        using var read = await client.GetAsync($"/api/v1/entries/{seq}", TestContext.Current.CancellationToken);
        Assert.Equal("syr-officer", (await read.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("author").GetString());
    }

    [Theory]
    [InlineData("{\"entries\":[]}", "entry-malformed")]
    [InlineData("{}", "entry-malformed")]
    [InlineData("[1,2]", "entry-malformed")]
    [InlineData("not json", "entry-malformed")]
    public async Task Batch_Malformed_Returns400AndStoresNothing(string body, string code)
    {
        using var client = app.CreateClientFor("isr-officer");
        var sizeBefore = await client.RecordSizeAsync();

        using var response = await client.PostAsync(BatchPath, new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, code);
        await client.AssertNothingStoredSinceAsync(sizeBefore);
    }

    [Fact]
    public async Task Batch_OverTheEntryLimit_Returns400AndStoresNothing()
    {
        using var client = app.CreateClientFor("isr-officer");
        var entry = app.Sign("isr-officer", app.Statement("isr-officer", ["ISR"], body: "one of too many")).ToRequest();
        var sizeBefore = await client.RecordSizeAsync();

        using var response = await PostBatchAsync(client, Enumerable.Repeat<SubmitEntryRequest?>(entry, SubmitEntries.MaxEntries + 1));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "entry-malformed");
        Assert.Contains($"at most {SubmitEntries.MaxEntries}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await client.AssertNothingStoredSinceAsync(sizeBefore);
    }

    [Fact]
    public async Task Batch_OverTheBodyLimit_Returns413AndStoresNothing()
    {
        using var client = app.CreateClientFor("isr-officer");
        var sizeBefore = await client.RecordSizeAsync();
        var body = "{\"entries\":[{\"payload\":\"" + new string('A', SubmitEntries.MaxBodyBytes) + "\",\"keyId\":\"x\",\"sig\":\"x\"}]}";

        using var response = await client.PostAsync(BatchPath, new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "batch-too-large");
        await client.AssertNothingStoredSinceAsync(sizeBefore);
    }

    [Fact]
    public async Task Batch_WithoutAToken_Returns401()
    {
        using var client = app.CreateClient();
        var entry = app.Sign("isr-officer", app.Statement("isr-officer", ["ISR"])).ToRequest();

        using var response = await PostBatchAsync(client, [entry]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static Task<HttpResponseMessage> PostBatchAsync(HttpClient client, IEnumerable<SubmitEntryRequest?> entries) =>
        client.PostAsJsonAsync(BatchPath, new SubmitEntriesRequest([.. entries]), JsonSerializerOptions.Web, TestContext.Current.CancellationToken);
}
