using System.Net;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Reconstruction;

/// <summary>The shared test app has no witnesses, so no checkpoint is ever final: a bundle cannot be proven yet.</summary>
[Collection(nameof(LiaisonAppCollection))]
public sealed class BundleWithoutWitnessesTests(LiaisonAppFixture app)
{
    [Fact]
    public async Task Export_NoFinalCheckpoint_Conflict()
    {
        using var client = app.CreateClientFor("isr-officer");

        using var response = await client.GetAsync("/api/v1/bundles?seq=0", TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "no-final-checkpoint");
    }
}
