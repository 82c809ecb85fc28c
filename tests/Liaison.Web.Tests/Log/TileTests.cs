using System.Globalization;
using System.Net;
using Liaison.Ledger.Tiles;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Log;

/// <summary>Tiles as a verifier fetches them while entries keep arriving: a partial tile of an earlier checkpoint stays servable.</summary>
[Collection(nameof(LiaisonAppCollection))]
public sealed class TileTests(LiaisonAppFixture app)
{
    [Fact]
    public async Task PartialTileOfAnEarlierCheckpoint_IsStillServed_AsAPrefixOfTheLaterOne()
    {
        using var client = app.CreateClientFor("usa-mediator");
        var before = await CheckpointSizeAsync(client);
        var width = (int)(before % TileLayout.FullWidth);
        Assert.True(width > 0, $"the fixture's record ({before} entries) should end in a partial tile");
        var index = TileLayout.EncodeIndex(before / TileLayout.FullWidth);

        // Two entries later (the checkpoint service signs every second of real time), the earlier partial tiles remain.
        for (var i = 0; i < 2; i++)
        {
            using var officer = app.CreateClientFor("isr-officer");
            using var response = await officer.SubmitEntryAsync(app.Sign("isr-officer", app.Statement("isr-officer", ["ISR"])));
            await response.ReadJsonAsync(HttpStatusCode.Created);
        }

        var after = before;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (after < before + 2 && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            after = await CheckpointSizeAsync(client);
        }

        Assert.True(after >= before + 2, $"no checkpoint of {before + 2} entries after 20 s");
        var newWidth = (int)Math.Min(TileLayout.FullWidth, after - (before / TileLayout.FullWidth * TileLayout.FullWidth));
        var old = await client.GetByteArrayAsync($"/log/tile/0/{index}.p/{width}", TestContext.Current.CancellationToken);
        var current = await client.GetByteArrayAsync($"/log/tile/0/{index}{(newWidth < TileLayout.FullWidth ? ".p/" + newWidth.ToString(CultureInfo.InvariantCulture) : string.Empty)}", TestContext.Current.CancellationToken);
        Assert.Equal(width * 32, old.Length);
        Assert.Equal(current[..old.Length], old);

        using var bundle = await client.GetAsync($"/log/tile/entries/{index}.p/{width}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);

        // A width the log has not reached yet is not a tile (checked when the tile is still partial: once the log has
        // filled it, every width of it has been reached).
        if (newWidth + 5 < TileLayout.FullWidth)
        {
            using var ahead = await client.GetAsync($"/log/tile/0/{index}.p/{newWidth + 5}", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, ahead.StatusCode);
        }
    }

    private static async Task<long> CheckpointSizeAsync(HttpClient client)
    {
        var note = await client.GetStringAsync("/log/checkpoint", TestContext.Current.CancellationToken);
        return long.Parse(note.Split('\n')[1], CultureInfo.InvariantCulture);
    }
}
