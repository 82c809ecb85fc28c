using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Disputes;

/// <summary>Submits and reads dispute and verification entries through the real app, and waits for the server's own entries.</summary>
internal sealed class CaseClient(LiaisonAppFixture app)
{
    /// <summary>Every party, the convener and the observer.</summary>
    public static readonly string[] Everyone = ["ISR", "SYR", "USA", "UNDOF"];

    /// <summary>The deadline service's pause between passes.</summary>
    private static readonly TimeSpan PassInterval = TimeSpan.FromSeconds(2);

    /// <summary>Submits a signed entry by <paramref name="author"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string author, string type, JsonObject fields, IEnumerable<string>? audience = null)
    {
        using var client = app.CreateClientFor(author);
        return await client.SubmitEntryAsync(app.Sign(author, app.Payload(type, author, audience ?? Everyone, fields)));
    }

    /// <summary>Submits an entry that must be accepted; returns its sequence number.</summary>
    public async Task<long> AcceptedAsync(string author, string type, JsonObject fields, IEnumerable<string>? audience = null)
    {
        using var response = await SubmitAsync(author, type, fields, audience);
        return (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("seq").GetInt64();
    }

    /// <summary>Submits an entry that must be refused with <paramref name="status"/> and problem <paramref name="code"/>, storing nothing.</summary>
    public async Task<JsonElement> RefusedAsync(string author, string type, JsonObject fields, HttpStatusCode status, string code, IEnumerable<string>? audience = null)
    {
        var size = await app.RecordSizeAsync();
        using var response = await SubmitAsync(author, type, fields, audience);
        var problem = await response.AssertProblemAsync(status, code);
        await app.AssertNothingStoredSinceAsync(size);
        return problem;
    }

    /// <summary>GETs <paramref name="path"/> as <paramref name="reader"/>, expecting 200.</summary>
    public async Task<JsonElement> GetAsync(string reader, string path)
    {
        using var client = app.CreateClientFor(reader);
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    /// <summary>GETs <paramref name="path"/> as <paramref name="reader"/>, expecting a problem.</summary>
    public async Task<JsonElement> ProblemAsync(string reader, string path, HttpStatusCode status, string code)
    {
        using var client = app.CreateClientFor(reader);
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return await response.AssertProblemAsync(status, code);
    }

    /// <summary>Uploads bytes as an attachment; returns their description for an <c>evidence</c> array.</summary>
    public async Task<JsonObject> UploadAsync(string author, byte[] bytes, string name, string mediaType)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        using var client = app.CreateClientFor(author);
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/octet-stream");
        using var response = await client.PutAsync($"/api/v1/attachments/{sha}", content, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return Describe(sha, name, mediaType, bytes.Length);
    }

    /// <summary>An attachment description.</summary>
    public static JsonObject Describe(string sha, string name, string mediaType, long size) =>
        new() { ["sha256"] = sha, ["name"] = name, ["mediaType"] = mediaType, ["size"] = size };

    /// <summary>Moves the shared fake clock forward to <paramref name="instant"/> (never back).</summary>
    public void AdvanceTo(DateTimeOffset instant)
    {
        var now = app.Time.GetUtcNow();
        if (instant > now)
        {
            app.Time.Advance(instant - now);
        }
    }

    /// <summary>Waits for the server's entries of <paramref name="type"/> after <paramref name="after"/> whose payload matches, nudging the clock by one pass now and then.</summary>
    public async Task<List<(JsonElement Entry, JsonElement Payload)>> WaitForServerEntriesAsync(string type, long after, Func<JsonElement, bool> matches)
    {
        var waited = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            var found = (await EntriesAsync(type, after)).Where(e => matches(e.Payload)).ToList();
            if (found.Count > 0)
            {
                Assert.All(found, e => Assert.Equal("server", e.Entry.GetProperty("author").GetString()));
                return found;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), $"No {type} entry after {after} in {waited.Elapsed.TotalSeconds:0} s (fake time {app.Time.GetUtcNow():O}).");
            await Task.Delay(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
            if (attempt % 5 == 0)
            {
                app.Time.Advance(PassInterval);
            }
        }
    }

    /// <summary>The entries of <paramref name="type"/> after <paramref name="after"/>, with their payloads.</summary>
    public async Task<List<(JsonElement Entry, JsonElement Payload)>> EntriesAsync(string type, long after)
    {
        using var client = app.CreateClientFor("usa-mediator");
        using var response = await client.GetAsync($"/api/v1/entries?after={after}&type={Uri.EscapeDataString(type)}&limit=500", TestContext.Current.CancellationToken);
        var page = await response.ReadJsonAsync(HttpStatusCode.OK);
        return
        [
            .. page.GetProperty("entries").EnumerateArray().Select(e =>
            {
                using var payload = JsonDocument.Parse(Convert.FromBase64String(e.GetProperty("payload").GetString()!));
                return (e, payload.RootElement.Clone());
            }),
        ];
    }
}
