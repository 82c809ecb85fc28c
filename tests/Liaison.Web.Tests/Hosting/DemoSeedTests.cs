using System.Net;
using Liaison.Domain.Entries;
using Liaison.Features.Keys;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Hosting;

/// <summary>The demo is established at the first start, on the fake clock; later tests only append, so the first entries stay put.</summary>
[Collection(nameof(LiaisonAppCollection))]
public sealed class DemoSeedTests(LiaisonAppFixture app)
{
    [Fact]
    public async Task DemoSeed_FirstStart_GivesFourteenUsersAnEnrolledKeyAndAToken()
    {
        using var client = app.CreateClientFor("usa-mediator");

        var users = app.Credentials.Users;

        Assert.Equal(14, users.Count);
        Assert.Equal(14, users.Select(u => u.UserName).Distinct(StringComparer.Ordinal).Count());
        foreach (var user in users)
        {
            var file = KeyFile.Load(user.KeyFile);
            Assert.True(file.IsSuccess, $"{user.UserName}: {(file.IsSuccess ? null : file.Error.Detail)}");
            using var response = await client.GetAsync($"/api/v1/keys/{file.Value.KeyId}", TestContext.Current.CancellationToken);
            var key = await response.ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal(user.UserName, key.GetProperty("owner").GetString());
            Assert.Equal(user.Party, key.GetProperty("party").GetString());
            Assert.Equal("Enrolled", key.GetProperty("status").GetString());
            Assert.StartsWith("lia_", user.Token, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DemoSeed_FirstStart_RecordsTheOpeningEntriesAtTheFakeClocksTime()
    {
        using var client = app.CreateClientFor("isr-officer");

        using var response = await client.GetAsync("/api/v1/entries?limit=22", TestContext.Current.CancellationToken);
        var entries = (await response.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("entries").EnumerateArray().ToList();

        Assert.Equal(22, entries.Count);
        Assert.Equal(Enumerable.Range(0, 22).Select(i => (long)i), entries.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(EntryTypes.MechanismEstablish, entries[0].GetProperty("type").GetString());
        Assert.Equal(4, entries.Count(e => e.GetProperty("type").GetString() == EntryTypes.PartyRoot));
        Assert.Equal(14, entries.Count(e => e.GetProperty("type").GetString() == EntryTypes.KeyEnroll));
        Assert.Equal(
            ["usa-mediator", "isr-commander", "syr-commander"],
            entries.Where(e => e.GetProperty("type").GetString() == EntryTypes.StatementIssue).Select(e => e.GetProperty("author").GetString()));
        Assert.All(entries, e => Assert.Equal(LiaisonAppFixture.Start, e.GetProperty("serverTime").GetDateTimeOffset()));
        Assert.All(entries, e => Assert.Equal(LiaisonAppFixture.Start, e.GetProperty("clientTime").GetDateTimeOffset()));
    }
}
