using System.Net;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Hosting;

/// <summary>What the API says about the mechanism and the caller.</summary>
[Collection(nameof(LiaisonAppCollection))]
public sealed class MechanismApiTests(LiaisonAppFixture app)
{
    [Fact]
    public async Task GetMechanism_SignedIn_DescribesPartiesAndLimits()
    {
        using var client = app.CreateClientFor("syr-analyst");

        using var response = await client.GetAsync("/api/v1/mechanism", TestContext.Current.CancellationToken);

        var mechanism = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(app.MechanismId, mechanism.GetProperty("id").GetString());
        Assert.Equal("Israel–Syria joint security coordination mechanism", mechanism.GetProperty("name").GetString());
        Assert.Equal(["ISR", "SYR", "USA", "UNDOF"], mechanism.GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("code").GetString()));
        Assert.Equal(1024 * 1024, mechanism.GetProperty("maxPayloadBytes").GetInt32());
        Assert.Equal(300, mechanism.GetProperty("maxClockSkewSeconds").GetDouble());
    }

    [Fact]
    public async Task GetMe_WithADemoToken_NamesTheUserPartyRolesAndEveryScope()
    {
        using var client = app.CreateClientFor("isr-analyst");

        using var response = await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);

        var me = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("isr-analyst", me.GetProperty("userName").GetString());
        Assert.Equal("ISR", me.GetProperty("party").GetString());
        Assert.Equal(["analyst"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["entries:read", "entries:write", "keys:read", "keys:write", "tokens"], me.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public async Task ListEntries_LimitOutOfRange_Returns400InvalidLimit(int limit)
    {
        using var client = app.CreateClientFor("isr-analyst");

        using var response = await client.GetAsync($"/api/v1/entries?limit={limit}", TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid-limit");
    }
}
