using Liaison.Domain.Geo;
using NetTopologySuite.Geometries;

namespace Liaison.Domain.Tests.Geo;

/// <summary>The grid index answers exactly what a scan of every envelope would, each item once, through inserts and removals.</summary>
public sealed class GridIndexTests
{
    [Fact]
    public void Query_AgreesWithAScanOfEveryItem_ThroughInsertsAndRemovals()
    {
        var random = new Random(11);
        var index = new GridIndex<int>(0.1);
        var items = new Dictionary<int, Envelope>();
        for (var i = 0; i < 3_000; i++)
        {
            // Mostly small, some spanning many cells, some large enough for the large-item list.
            var size = random.Next(10) switch { 0 => random.NextDouble() * 3, < 3 => random.NextDouble() * 0.5, _ => random.NextDouble() * 0.08 };
            var x = 35 + (random.NextDouble() * 6);
            var y = 32 + (random.NextDouble() * 5);
            var envelope = new Envelope(x, x + size, y, y + size);
            index.Insert(envelope, i);
            items[i] = envelope;
            if (i % 7 == 0)
            {
                var victim = items.Keys.ElementAt(random.Next(items.Count));
                Assert.True(index.Remove(items[victim], victim));
                items.Remove(victim);
            }
        }

        Assert.Equal(items.Count, index.Count);
        for (var q = 0; q < 500; q++)
        {
            var size = q % 50 == 0 ? 10 : random.NextDouble() * 0.4;
            var x = 35 + (random.NextDouble() * 6);
            var y = 32 + (random.NextDouble() * 5);
            var query = new Envelope(x, x + size, y, y + size);

            var found = index.Query(query);

            Assert.Equal(found.Count, found.Distinct().Count());
            Assert.Equal(items.Where(kv => kv.Value.Intersects(query)).Select(kv => kv.Key).Order(), found.Order());
        }
    }

    [Fact]
    public void Remove_AnItemNotThere_IsFalse() =>
        Assert.False(new GridIndex<int>().Remove(new Envelope(0, 1, 0, 1), 4));
}
