using Liaison.Domain.Notices;
using NetTopologySuite.Geometries;

namespace Liaison.Domain.Tests.Notices;

/// <summary>The board's grid answers exactly what a scan of every envelope would, each notice once, through inserts and removals.</summary>
public sealed class NoticeGridTests
{
    [Fact]
    public void Query_AgreesWithAScanOfEveryNotice_ThroughInsertsAndRemovals()
    {
        var random = new Random(11);
        var grid = new NoticeGrid(0.1);
        var items = new Dictionary<long, Envelope>();
        for (var i = 0L; i < 3_000; i++)
        {
            // Mostly small, some spanning many cells, some large enough for the large-item list; some west and south of 0°.
            var size = random.Next(10) switch { 0 => random.NextDouble() * 3, < 3 => random.NextDouble() * 0.5, _ => random.NextDouble() * 0.08 };
            var x = (i % 5 == 0 ? -3 : 35) + (random.NextDouble() * 6);
            var y = (i % 5 == 0 ? -3 : 32) + (random.NextDouble() * 5);
            var envelope = new Envelope(x, x + size, y, y + size);
            grid.Insert(envelope, new NoticeSlot(i, i, i + 1, (int)(i % 2), 0, 0, default));
            items[i] = envelope;
            if (i % 7 == 0)
            {
                var victim = items.Keys.ElementAt(random.Next(items.Count));
                Assert.True(grid.Remove(items[victim], victim));
                items.Remove(victim);
            }
        }

        Assert.Equal(items.Count, grid.Count);
        var found = new List<NoticeSlot>();
        for (var q = 0; q < 500; q++)
        {
            var size = q % 50 == 0 ? 10 : random.NextDouble() * 0.4;
            var x = (q % 5 == 0 ? -3 : 35) + (random.NextDouble() * 6);
            var y = (q % 5 == 0 ? -3 : 32) + (random.NextDouble() * 5);
            var query = new Envelope(x, x + size, y, y + size);

            found.Clear();
            grid.Query(query, found);

            Assert.Equal(found.Count, found.DistinctBy(s => s.Id).Count());
            Assert.Equal(items.Where(kv => kv.Value.Intersects(query)).Select(kv => kv.Key).Order(), found.Select(s => s.Id).Order());
            Assert.All(found, s => Assert.Equal(s.Id + 1, s.EndTicks));
        }
    }

    [Fact]
    public void Remove_ANoticeNotThere_IsFalse()
    {
        var grid = new NoticeGrid();
        grid.Insert(new Envelope(0, 1, 0, 1), new NoticeSlot(3, 0, 1, 0, 0, 0, default));

        Assert.False(grid.Remove(new Envelope(0, 1, 0, 1), 4));
        Assert.True(grid.Remove(new Envelope(0, 1, 0, 1), 3));
        Assert.False(grid.Remove(new Envelope(0, 1, 0, 1), 3));
        Assert.Equal(0, grid.Count);
    }
}
