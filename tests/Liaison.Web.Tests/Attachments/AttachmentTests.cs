using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Liaison.Domain.Hotline;
using Liaison.Features.Bootstrap;
using Liaison.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Web.Tests.Attachments;

/// <summary>
/// Attachments through the real app: <c>PUT /api/v1/attachments/{sha256}</c> stores bytes under their hash, a message
/// names them, and <c>GET</c> serves them to that message's audience only. Every test uploads bytes of its own (a unique
/// text), so no test finds another's file stored.
/// </summary>
[Collection(nameof(LiaisonAppCollection))]
public sealed class AttachmentTests(LiaisonAppFixture app)
{
    private const string Security = "isr-syr-security";
    private const string Humanitarian = "isr-syr-humanitarian";
    private static readonly string[] SecurityMembers = ["ISR", "SYR", "USA", "UNDOF"];
    private static readonly string[] HumanitarianMembers = ["ISR", "SYR", "USA"];

    [Fact]
    public async Task Upload_NewBytes_CreatedThenDownloadedByTheOtherPartyWithNameTypeAndStrongETag()
    {
        var bytes = UniqueBytes();
        var sha = Sha(bytes);

        using var upload = await UploadAsync("isr-officer", sha, bytes);
        var stored = await upload.ReadJsonAsync(HttpStatusCode.Created);
        var seq = await SendAsync("isr-officer", Security, SecurityMembers, new Attachment(sha, "צילום אוויר.png", "image/png", bytes.Length));
        using var download = await GetAsync("syr-officer", sha);

        Assert.Equal(sha, stored.GetProperty("sha256").GetString());
        Assert.Equal(bytes.Length, stored.GetProperty("size").GetInt64());
        Assert.Equal($"/api/v1/attachments/{sha}", upload.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("צילום אוויר.png", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(new EntityTagHeaderValue($"\"{sha}\""), download.Headers.ETag);
        Assert.Contains("immutable", download.Headers.CacheControl?.Extensions.Select(e => e.Name) ?? [], StringComparer.Ordinal);
        Assert.True(download.Headers.CacheControl?.Private);
        Assert.True(seq >= 0);
    }

    [Fact]
    public async Task Upload_SameBytesAgain_OkAndStoredOnce()
    {
        var bytes = UniqueBytes();
        var sha = Sha(bytes);
        using var first = await UploadAsync("isr-officer", sha, bytes);

        using var second = await UploadAsync("syr-officer", sha, bytes);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var stored = await second.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(bytes.Length, stored.GetProperty("size").GetInt64());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Folder.AttachmentFile(sha), TestContext.Current.CancellationToken));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Folder.AttachmentsDirectory, "tmp")));
    }

    [Fact]
    public async Task Upload_BytesNotHashingToTheUrl_RefusedAndNothingStored()
    {
        var bytes = UniqueBytes();
        var claimed = Sha(UniqueBytes());

        using var response = await UploadAsync("isr-officer", claimed, bytes);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "attachment-hash-mismatch");
        Assert.Equal(Sha(bytes), problem.GetProperty("actual").GetString());
        Assert.False(File.Exists(Folder.AttachmentFile(claimed)));
        Assert.False(File.Exists(Folder.AttachmentFile(Sha(bytes))));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Folder.AttachmentsDirectory, "tmp")));
    }

    [Theory]
    [InlineData("not-a-hash")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Upload_UrlNotALowerCaseSha256_Refused(string name)
    {
        using var response = await UploadAsync("isr-officer", name, UniqueBytes());

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid-attachment-hash");
    }

    [Fact]
    public async Task Upload_NoBytes_Refused()
    {
        var sha = Sha([]);

        using var response = await UploadAsync("isr-officer", sha, []);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "attachment-empty");
        Assert.False(File.Exists(Folder.AttachmentFile(sha)));
    }

    [Fact]
    public async Task Upload_WithoutToken_Unauthorized()
    {
        var bytes = UniqueBytes();
        using var client = app.CreateApiClient();

        using var response = await client.PutAsync($"/api/v1/attachments/{Sha(bytes)}", new ByteArrayContent(bytes), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(File.Exists(Folder.AttachmentFile(Sha(bytes))));
    }

    [Fact]
    public async Task Download_PartyNotInTheAudience_NotFoundAsIfNotStored()
    {
        var bytes = UniqueBytes();
        var sha = Sha(bytes);
        using (var upload = await UploadAsync("isr-officer", sha, bytes))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        await SendAsync("isr-officer", Humanitarian, HumanitarianMembers, new Attachment(sha, "convoy.pdf", "application/pdf", bytes.Length));
        var neverNamed = Sha(UniqueBytes());

        using var observer = await GetAsync("undof-observer", sha);
        using var missing = await GetAsync("undof-observer", neverNamed);
        using var convener = await GetAsync("usa-mediator", sha);

        var hidden = await observer.AssertProblemAsync(HttpStatusCode.NotFound, "attachment-not-found");
        var absent = await missing.AssertProblemAsync(HttpStatusCode.NotFound, "attachment-not-found");
        Assert.Equal(absent.GetProperty("detail").GetString(), hidden.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, convener.StatusCode);
        Assert.Equal("application/pdf", convener.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Download_StoredButNamedByNoEntry_NotFoundEvenToItsUploader()
    {
        var bytes = UniqueBytes();
        var sha = Sha(bytes);
        using (var upload = await UploadAsync("isr-officer", sha, bytes))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        using var response = await GetAsync("isr-officer", sha);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "attachment-not-found");
    }

    [Fact]
    public async Task Download_IfNoneMatchTheHash_NotModified()
    {
        var sha = await UploadAndSendAsync();
        using var client = app.CreateClientFor("syr-officer");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/attachments/{sha}");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{sha}\""));

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task Head_ReaderInTheAudience_SizeWithoutBody()
    {
        var bytes = UniqueBytes();
        var sha = await UploadAndSendAsync(bytes);
        using var client = app.CreateClientFor("usa-mediator");

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/v1/attachments/{sha}"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task List_ShowsTheMessagesAttachmentsToItsAudienceOnly()
    {
        var bytes = UniqueBytes();
        var sha = Sha(bytes);
        using (var upload = await UploadAsync("syr-officer", sha, bytes))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        var seq = await SendAsync("syr-officer", Humanitarian, HumanitarianMembers, new Attachment(sha, "list.txt", "text/plain", bytes.Length));

        var israel = await ListAsync("isr-officer", seq);
        var observer = await ListAsync("undof-observer", seq);

        var listed = Assert.Single(israel);
        Assert.Equal(sha, listed["sha256"]!.GetValue<string>());
        Assert.Equal("list.txt", listed["name"]!.GetValue<string>());
        Assert.Equal(bytes.Length, listed["size"]!.GetValue<long>());
        Assert.Empty(observer);
    }

    [Fact]
    public async Task Send_NamingBytesNeverUploaded_RefusedAndRecordUnchanged()
    {
        var sha = Sha(UniqueBytes());
        var sizeBefore = await app.RecordSizeAsync();
        using var client = app.CreateClientFor("isr-officer");

        using var response = await client.SubmitEntryAsync(Message("isr-officer", Security, SecurityMembers, new Attachment(sha, "photo.jpg", "image/jpeg", 2048)));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "attachment-not-stored");
        Assert.Equal("attachments[0]", problem.GetProperty("field").GetString());
        Assert.Equal(sha, problem.GetProperty("sha256").GetString());
        await AssertNothingRecordedAsync(sizeBefore);
    }

    [Fact]
    public async Task Send_DescribingAnotherSizeThanStored_RefusedAndRecordUnchanged()
    {
        var bytes = UniqueBytes();
        var sha = Sha(bytes);
        using (var upload = await UploadAsync("isr-officer", sha, bytes))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        var sizeBefore = await app.RecordSizeAsync();
        using var client = app.CreateClientFor("isr-officer");

        using var response = await client.SubmitEntryAsync(Message("isr-officer", Security, SecurityMembers, new Attachment(sha, "photo.jpg", "image/jpeg", bytes.Length + 1)));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "attachment-size-mismatch");
        Assert.Equal(bytes.Length, problem.GetProperty("stored").GetInt64());
        await AssertNothingRecordedAsync(sizeBefore);
    }

    [Fact]
    public async Task Send_OneOfTwoAttachmentsNotStored_RefusedNamingIt()
    {
        var bytes = UniqueBytes();
        var sha = Sha(bytes);
        using (var upload = await UploadAsync("isr-officer", sha, bytes))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        var missing = Sha(UniqueBytes());
        using var client = app.CreateClientFor("isr-officer");

        using var response = await client.SubmitEntryAsync(Message(
            "isr-officer",
            Security,
            SecurityMembers,
            new Attachment(sha, "a.txt", "text/plain", bytes.Length),
            new Attachment(missing, "b.txt", "text/plain", 10)));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "attachment-not-stored");
        Assert.Equal("attachments[1]", problem.GetProperty("field").GetString());
    }

    private DataFolder Folder => app.Services.GetRequiredService<DataFolder>();

    /// <summary>Bytes no other test uploads.</summary>
    private static byte[] UniqueBytes() => Encoding.UTF8.GetBytes("Evidence " + Guid.NewGuid().ToString("N") + ": صورة من الموقع");

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private async Task<HttpResponseMessage> UploadAsync(string userName, string sha, byte[] bytes)
    {
        using var client = app.CreateClientFor(userName);
        return await client.PutAsync($"/api/v1/attachments/{sha}", new ByteArrayContent(bytes), TestContext.Current.CancellationToken);
    }

    private async Task<HttpResponseMessage> GetAsync(string userName, string sha)
    {
        using var client = app.CreateClientFor(userName);
        return await client.GetAsync($"/api/v1/attachments/{sha}", TestContext.Current.CancellationToken);
    }

    private async Task<List<JsonNode>> ListAsync(string userName, long seq)
    {
        using var client = app.CreateClientFor(userName);
        using var response = await client.GetAsync($"/api/v1/attachments?seq={seq}", TestContext.Current.CancellationToken);
        var list = await response.ReadJsonAsync(HttpStatusCode.OK);
        return [.. JsonNode.Parse(list.GetRawText())!.AsArray().Select(n => n!)];
    }

    /// <summary>Uploads bytes as the Israeli officer and names them in a message on the security channel; returns their hash.</summary>
    private async Task<string> UploadAndSendAsync(byte[]? bytes = null)
    {
        bytes ??= UniqueBytes();
        var sha = Sha(bytes);
        using (var upload = await UploadAsync("isr-officer", sha, bytes))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        await SendAsync("isr-officer", Security, SecurityMembers, new Attachment(sha, "evidence.txt", "text/plain", bytes.Length));
        return sha;
    }

    private Features.Entries.SignedEntry Message(string author, string channel, string[] audience, params Attachment[] attachments)
    {
        var fields = new JsonObject
        {
            ["channel"] = channel,
            ["precedence"] = "ROUTINE",
            ["template"] = "free-text",
            ["subject"] = "Attachment test " + Guid.NewGuid().ToString("N"),
            ["body"] = "Evidence attached.",
            ["lang"] = "en",
            ["attachments"] = new JsonArray([.. attachments.Select(a => (JsonNode)new JsonObject { ["sha256"] = a.Sha256, ["name"] = a.Name, ["mediaType"] = a.MediaType, ["size"] = a.Size })]),
        };
        return app.Sign(author, app.Payload(HotlineEntryTypes.MessageSend, author, audience, fields));
    }

    private async Task<long> SendAsync(string author, string channel, string[] audience, params Attachment[] attachments)
    {
        using var client = app.CreateClientFor(author);
        using var response = await client.SubmitEntryAsync(Message(author, channel, audience, attachments));
        return (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("seq").GetInt64();
    }

    /// <summary>The record's size is unchanged but for entries the server itself appended meanwhile (its deadline service).</summary>
    private async Task AssertNothingRecordedAsync(long sizeBefore)
    {
        using var client = app.CreateClientFor("usa-mediator");
        using var response = await client.GetAsync($"/api/v1/entries?after={sizeBefore - 1}&limit=500", TestContext.Current.CancellationToken);
        var page = await response.ReadJsonAsync(HttpStatusCode.OK);
        var added = page.GetProperty("entries").EnumerateArray().ToList();
        Assert.All(added, e => Assert.Equal("server", e.GetProperty("author").GetString()));
        Assert.Equal(sizeBefore + added.Count, page.GetProperty("recordSize").GetInt64());
    }
}
