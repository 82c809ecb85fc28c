using System.Net;

namespace Liaison.Web.Tests.Hosting;

[Collection(nameof(LiaisonAppCollection))]
public sealed class HealthTests(LiaisonAppFixture app)
{
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task HealthEndpoint_Anonymous_Returns200(string path)
    {
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task OpenApiDocument_Anonymous_DescribesTheEntriesApi()
    {
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        var document = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"/api/v1/entries\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/api/v1/keys\"", document, StringComparison.Ordinal);
    }
}
