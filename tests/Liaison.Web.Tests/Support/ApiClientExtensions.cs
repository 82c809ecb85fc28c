using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Liaison.Features.Entries;

namespace Liaison.Web.Tests.Support;

/// <summary>The API calls tests make, each passing the test's cancellation token.</summary>
internal static class ApiClientExtensions
{
    public const string EntriesPath = "/api/v1/entries";

    /// <summary>Submits a signed entry as its <c>{payload, keyId, sig}</c> envelope.</summary>
    public static Task<HttpResponseMessage> SubmitEntryAsync(this HttpClient client, SignedEntry entry) =>
        client.SubmitEnvelopeAsync(entry.ToRequest());

    public static Task<HttpResponseMessage> SubmitEnvelopeAsync(this HttpClient client, SubmitEntryRequest envelope) =>
        client.PostAsJsonAsync(EntriesPath, envelope, JsonSerializerOptions.Web, TestContext.Current.CancellationToken);

    /// <summary>Submits a request body exactly as given.</summary>
    public static Task<HttpResponseMessage> SubmitRawAsync(this HttpClient client, string body, string mediaType = "application/json") =>
        client.PostAsync(EntriesPath, new StringContent(body, Encoding.UTF8, mediaType), TestContext.Current.CancellationToken);

    /// <summary>The joint record's size, as <c>GET /api/v1/entries</c> reports it.</summary>
    public static async Task<long> RecordSizeAsync(this HttpClient client)
    {
        using var response = await client.GetAsync(EntriesPath + "?limit=1", TestContext.Current.CancellationToken);
        var page = await response.ReadJsonAsync(HttpStatusCode.OK);
        return page.GetProperty("recordSize").GetInt64();
    }

    /// <summary>
    /// Nothing was stored since the record had <paramref name="sizeBefore"/> entries, except entries the server signs on
    /// its own clock (escalations, misses, link tests), which a test that moved the shared fake clock may set off in the
    /// background meanwhile: those are listed to prove they are the server's.
    /// </summary>
    public static async Task AssertNothingStoredSinceAsync(this HttpClient client, long sizeBefore)
    {
        // The page and the record's size are read one after the other: a server entry appended in between is counted in
        // the size but not listed yet, so read again until both agree.
        for (var attempt = 1; ; attempt++)
        {
            using var response = await client.GetAsync($"{EntriesPath}?after={sizeBefore - 1}&limit=500", TestContext.Current.CancellationToken);
            var page = await response.ReadJsonAsync(HttpStatusCode.OK);
            var added = page.GetProperty("entries").EnumerateArray().ToList();
            Assert.All(added, e => Assert.Equal("server", e.GetProperty("author").GetString()));
            var size = page.GetProperty("recordSize").GetInt64();
            if (size == sizeBefore + added.Count || attempt == 5)
            {
                Assert.Equal(sizeBefore + added.Count, size);
                return;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Reads a JSON body after checking the status code (the body is in the failure message).</summary>
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} {expected} but got {(int)response.StatusCode} {response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Asserts an RFC 9457 problem document with this status and <c>type</c> <c>urn:liaison:problem:&lt;code&gt;</c>,
    /// and returns it for its extensions.
    /// </summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var problem = await response.ReadJsonAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("urn:liaison:problem:" + code, problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
