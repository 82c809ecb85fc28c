using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Liaison.Cli.Witness;
using Liaison.Ledger.Checkpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Liaison.Cli.Tests.Witness;

/// <summary>Witnesses hosted in another app, as the server hosts demo witnesses: one route prefix and state folder each.</summary>
public sealed class WitnessEndpointsTests
{
    [Fact]
    public async Task MapWitnessEndpoints_TwoWitnessesUnderPrefixes_EachCosignsWithOwnKeyAndState()
    {
        using var folder = new TempFolder();
        using var log = new TestLog();
        var tree = TestLog.Tree("main", 2);
        using var first = CosignatureSigner.FromSeed("witness.first", SHA256.HashData("first"u8));
        using var second = CosignatureSigner.FromSeed("witness.second", SHA256.HashData("second"u8));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        await using (app)
        {
            app.MapWitnessEndpoints("/witness/first", folder.Sub("first"), first, [log.Witnessed]);
            app.MapWitnessEndpoints("/witness/second", folder.Sub("second"), second, [log.Witnessed]);
            await app.StartAsync(TestContext.Current.CancellationToken);
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

            var firstCosigned = await PostAsync(client, "/witness/first/add-checkpoint", log.Request(tree, 0, 2));
            var secondCosigned = await PostAsync(client, "/witness/second/add-checkpoint", log.Request(tree, 0, 1));
            var firstAgain = await PostAsync(client, "/witness/first/add-checkpoint", log.Request(tree, 0, 1));
            var secondState = JsonDocument.Parse(await client.GetStringAsync(new Uri("/witness/second/state", UriKind.Relative), TestContext.Current.CancellationToken));
            await app.StopAsync(TestContext.Current.CancellationToken);

            Assert.Equal(200, firstCosigned.Status);
            Assert.StartsWith("\u2014 witness.first ", firstCosigned.Body, StringComparison.Ordinal);
            Assert.Equal(200, secondCosigned.Status);
            Assert.StartsWith("\u2014 witness.second ", secondCosigned.Body, StringComparison.Ordinal);
            Assert.Equal((409, "2\n"), firstAgain);
            Assert.Equal(1, secondState.RootElement.GetProperty("logs")[0].GetProperty("size").GetInt64());
        }

        using var released = WitnessState.Open(folder.Sub("first")).Value;
        Assert.Equal(2, released.Find(TestLog.Origin)!.Size);
    }

    private static async Task<(int Status, string Body)> PostAsync(HttpClient client, string path, string body)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
