using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Liaison.Domain.Entries;
using Liaison.Domain.Parties;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Entries;

/// <summary>
/// <c>POST /api/v1/entries</c>: an accepted entry and how it reads back, here; each refusal, by concern, in the other
/// parts of this class. Every refusal is checked to leave the record as it was.
/// </summary>
[Collection(nameof(LiaisonAppCollection))]
public sealed partial class EntrySubmissionTests(LiaisonAppFixture app)
{
    private static readonly string[] Everyone = ["ISR", "SYR", "USA", "UNDOF"];

    [Fact]
    public async Task Submit_ValidStatement_Returns201WithSeqLeafHashAndLocation()
    {
        using var client = app.CreateClientFor("isr-officer");
        var sizeBefore = await client.RecordSizeAsync();
        var entry = app.Sign("isr-officer", app.Statement("isr-officer", ["ISR", "SYR"]));

        using var response = await client.SubmitEntryAsync(entry);

        var accepted = await response.ReadJsonAsync(HttpStatusCode.Created);
        var seq = accepted.GetProperty("seq").GetInt64();
        Assert.Equal(sizeBefore, seq);
        Assert.Equal($"/api/v1/entries/{seq}", response.Headers.Location?.OriginalString);
        Assert.Equal(app.Time.GetUtcNow(), accepted.GetProperty("serverTime").GetDateTimeOffset());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(entry.Payload)), accepted.GetProperty("payloadSha256").GetString());
        Assert.Matches("^[0-9a-f]{64}$", accepted.GetProperty("leafHash").GetString());
        Assert.Equal(sizeBefore + 1, await client.RecordSizeAsync());
    }

    [Fact]
    public async Task Submit_ValidStatement_LeafHashIsRfc6962HashOfTheDocumentedLeaf()
    {
        using var client = app.CreateClientFor("syr-officer");
        var entry = app.Sign("syr-officer", app.Statement("syr-officer", ["SYR", "USA"]));

        using var response = await client.SubmitEntryAsync(entry);

        var accepted = await response.ReadJsonAsync(HttpStatusCode.Created);
        var leaf = new EntryLeaf(
            EntryTypes.StatementIssue,
            "syr-officer",
            [new PartyCode("SYR"), new PartyCode("USA")],
            accepted.GetProperty("serverTime").GetDateTimeOffset(),
            entry.KeyId,
            entry.Signature,
            SHA256.HashData(entry.Payload));
        var expected = SHA256.HashData([0x00, .. leaf.Encode()]);
        Assert.Equal(Convert.ToHexStringLower(expected), accepted.GetProperty("leafHash").GetString());
    }

    [Fact]
    public async Task Submit_AcceptedEntry_AppearsInTheListAndAtItsLocation()
    {
        using var client = app.CreateClientFor("usa-mediator");
        var entry = app.Sign("usa-mediator", app.Statement("usa-mediator", Everyone));
        using var submitted = await client.SubmitEntryAsync(entry);
        var accepted = await submitted.ReadJsonAsync(HttpStatusCode.Created);
        var seq = accepted.GetProperty("seq").GetInt64();

        using var listed = await client.GetAsync($"/api/v1/entries?after={seq - 1}&limit=1", TestContext.Current.CancellationToken);
        using var read = await client.GetAsync(submitted.Headers.Location, TestContext.Current.CancellationToken);

        var page = await listed.ReadJsonAsync(HttpStatusCode.OK);
        var fromList = Assert.Single(page.GetProperty("entries").EnumerateArray());
        var fromLocation = await read.ReadJsonAsync(HttpStatusCode.OK);
        foreach (var view in new[] { fromList, fromLocation })
        {
            Assert.Equal(seq, view.GetProperty("seq").GetInt64());
            Assert.Equal(EntryTypes.StatementIssue, view.GetProperty("type").GetString());
            Assert.Equal("usa-mediator", view.GetProperty("author").GetString());
            Assert.Equal(Everyone, view.GetProperty("audience").EnumerateArray().Select(p => p.GetString()));
            Assert.Equal(entry.KeyId, view.GetProperty("keyId").GetString());
            Assert.Equal(Convert.ToBase64String(entry.Signature), view.GetProperty("sig").GetString());
            Assert.Equal(Convert.ToBase64String(entry.Payload), view.GetProperty("payload").GetString());
            Assert.Equal(accepted.GetProperty("leafHash").GetString(), view.GetProperty("leafHash").GetString());
            Assert.Equal(accepted.GetProperty("serverTime").GetDateTimeOffset(), view.GetProperty("serverTime").GetDateTimeOffset());
        }
    }

    [Fact]
    public async Task Get_EntryNotAddressedToViewersParty_ShowsTheLeafButNotThePayload()
    {
        using var author = app.CreateClientFor("isr-duty");
        using var outsider = app.CreateClientFor("syr-duty");
        using var submitted = await author.SubmitEntryAsync(app.Sign("isr-duty", app.Statement("isr-duty", ["ISR", "USA"])));
        var seq = (await submitted.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("seq").GetInt64();

        using var response = await outsider.GetAsync($"/api/v1/entries/{seq}", TestContext.Current.CancellationToken);

        var view = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("isr-duty", view.GetProperty("author").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("payload").ValueKind);
        Assert.Matches("^[0-9a-f]{64}$", view.GetProperty("payloadSha256").GetString());
    }

    [Fact]
    public async Task Get_UnknownSeq_Returns404EntryNotFound()
    {
        using var client = app.CreateClientFor("isr-officer");

        using var response = await client.GetAsync("/api/v1/entries/987654321", TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "entry-not-found");
    }

    [Fact]
    public async Task Submit_SameSignedPayloadTwice_Returns409DuplicateWithTheFirstSeq()
    {
        using var client = app.CreateClientFor("syr-commander");
        var entry = app.Sign("syr-commander", app.Statement("syr-commander", ["SYR", "ISR"]));
        using var first = await client.SubmitEntryAsync(entry);
        var firstSeq = (await first.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("seq").GetInt64();
        var sizeBefore = await client.RecordSizeAsync();

        using var again = await client.SubmitEntryAsync(entry);

        var problem = await again.AssertProblemAsync(HttpStatusCode.Conflict, "duplicate-entry");
        Assert.Equal(firstSeq, problem.GetProperty("seq").GetInt64());
        await client.AssertNothingStoredSinceAsync(sizeBefore);
    }

    /// <summary>Submits as <paramref name="userName"/> and asserts the refusal and that the record did not grow.</summary>
    private async Task<JsonElement> AssertRefusedAsync(string userName, Func<HttpClient, Task<HttpResponseMessage>> submit, HttpStatusCode status, string code)
    {
        using var client = app.CreateClientFor(userName);
        var sizeBefore = await client.RecordSizeAsync();

        using var response = await submit(client);

        var problem = await response.AssertProblemAsync(status, code);
        await client.AssertNothingStoredSinceAsync(sizeBefore);
        return problem;
    }

    private Task<JsonElement> AssertRefusedAsync(string userName, Features.Entries.SignedEntry entry, HttpStatusCode status, string code) =>
        AssertRefusedAsync(userName, client => client.SubmitEntryAsync(entry), status, code);
}
