using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Liaison.Cli.Client;

/// <summary>The HTTP client of one profile: sends the token, reads JSON, and turns a problem document into a <see cref="CliFailure"/>.</summary>
public sealed class LiaisonClient : IDisposable
{
    private readonly HttpClient _http;

    public LiaisonClient(string server, string? token, HttpMessageHandler? handler = null)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            throw new CliFailure($"'{server}' is not an http(s) server URL.", ExitCodes.Usage);
        }

        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = baseAddress;
        _http.Timeout = TimeSpan.FromSeconds(60);
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    /// <summary>Every entry the caller may list, oldest first, page by page.</summary>
    public async Task<List<Features.Entries.EntryView>> GetAllEntriesAsync(CancellationToken cancellationToken)
    {
        var entries = new List<Features.Entries.EntryView>();
        for (long? after = null; ;)
        {
            var query = after is null ? "?limit=500" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"?limit=500&after={after}");
            var page = await GetAsync<Features.Entries.EntryPage>("/api/v1/entries" + query, cancellationToken);
            entries.AddRange(page.Entries);
            if (page.Entries.Count < 500)
            {
                return entries;
            }

            after = page.Entries[^1].Seq;
        }
    }

    /// <summary>GETs raw bytes (tiles, notes).</summary>
    public async Task<byte[]> GetBytesAsync(string path, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(path, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new CliFailure($"cannot reach {_http.BaseAddress}: {ex.Message}");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new CliFailure($"{path}: " + DescribeProblem(response, await response.Content.ReadAsStringAsync(cancellationToken)));
            }

            return await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
    }

    public Task<T> PostAsync<T>(string path, object body, CancellationToken cancellationToken) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: JsonSerializerOptions.Web) }, cancellationToken);

    /// <summary>
    /// PUTs the bytes of <paramref name="file"/>, streamed from disk, and reads the JSON answer. Asks the server to
    /// accept the body first (<c>Expect: 100-continue</c>), so that a refusal by its declared size costs no upload.
    /// </summary>
    public async Task<T> PutFileAsync<T>(string path, string file, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new StreamContent(stream, 81920) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.ExpectContinue = true;
        return await SendAsync<T>(request, cancellationToken);
    }

    /// <summary>GETs <paramref name="path"/> and streams the body into <paramref name="destination"/> as it arrives; returns what the headers say of it.</summary>
    public async Task<DownloadedContent> DownloadAsync(string path, Stream destination, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new CliFailure($"cannot reach {_http.BaseAddress}: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliFailure($"{_http.BaseAddress} did not answer in time.");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new CliFailure(DescribeProblem(response, await response.Content.ReadAsStringAsync(cancellationToken)));
            }

            var headers = response.Content.Headers;
            await response.Content.CopyToAsync(destination, cancellationToken);
            return new DownloadedContent(headers.ContentDisposition?.FileNameStar ?? headers.ContentDisposition?.FileName?.Trim('"'), headers.ContentType?.MediaType);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new CliFailure($"cannot reach {_http.BaseAddress}: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliFailure($"{_http.BaseAddress} did not answer in time.");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new CliFailure(DescribeProblem(response, text));
            }

            try
            {
                return JsonSerializer.Deserialize<T>(text, JsonSerializerOptions.Web) ?? throw new CliFailure($"{request.RequestUri} answered with no content.");
            }
            catch (JsonException ex)
            {
                throw new CliFailure($"{request.RequestUri} answered with something that is not the expected JSON: {ex.Message}");
            }
        }
    }

    /// <summary>One line: the problem's detail and its type, e.g. <c>Key … is not enrolled. (unknown-key, HTTP 403)</c>.</summary>
    private static string DescribeProblem(HttpResponseMessage response, string text)
    {
        try
        {
            using var problem = JsonDocument.Parse(text);
            var root = problem.RootElement;
            var detail = root.TryGetProperty("detail", out var d) ? d.GetString() : root.TryGetProperty("title", out var t) ? t.GetString() : null;
            var type = root.TryGetProperty("type", out var ty) ? ty.GetString() : null;
            var code = type?.StartsWith(Web.Api.Problems.TypePrefix, StringComparison.Ordinal) == true ? type[Web.Api.Problems.TypePrefix.Length..] : type;
            if (detail is not null)
            {
                return $"{detail} ({code}, HTTP {(int)response.StatusCode})";
            }
        }
        catch (JsonException)
        {
            // Not a problem document: fall through to the status line.
        }

        return $"the server answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.";
    }
}

/// <summary>What a download's headers said of its body: the file name (Content-Disposition) and media type, when given.</summary>
public sealed record DownloadedContent(string? FileName, string? MediaType);
