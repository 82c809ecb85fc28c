using NetTopologySuite.Geometries;

namespace Liaison.Domain.Geo;

/// <summary>
/// A dynamic spatial index of envelopes on a fixed longitude/latitude grid: an item is listed in every cell its envelope
/// covers (items covering more than <see cref="MaxCellsPerItem"/> cells go to one list of large items, always searched),
/// and a query reads the cells its envelope covers. Insert and remove cost a few cells, so notices come and go without
/// any rebuild. Chosen over NetTopologySuite's Quadtree, the library's only dynamic index, which for 100,000 notices a
/// few kilometres wide returned about 4,000 candidates per query (items straddling a coarse quadrant line sit at that
/// coarse node) against about 40 here. Not thread-safe. Items are compared by value.
/// </summary>
public sealed class GridIndex<T>
    where T : notnull
{
    /// <summary>The most cells an item is listed in before it counts as large.</summary>
    public const int MaxCellsPerItem = 64;

    private readonly double _cell;
    private readonly Dictionary<(int X, int Y), List<(Envelope Envelope, T Item)>> _cells = [];
    private readonly List<(Envelope Envelope, T Item)> _large = [];

    /// <summary>Creates an index with square cells of <paramref name="cellDegrees"/> degrees (default 0.1°, about 11 km).</summary>
    public GridIndex(double cellDegrees = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cellDegrees);
        _cell = cellDegrees;
    }

    /// <summary>How many items the index holds.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="item"/> with its envelope.</summary>
    public void Insert(Envelope envelope, T item)
    {
        var (x0, y0, x1, y1) = Cells(envelope);
        if (((long)(x1 - x0 + 1) * (y1 - y0 + 1)) > MaxCellsPerItem)
        {
            _large.Add((envelope, item));
        }
        else
        {
            for (var x = x0; x <= x1; x++)
            {
                for (var y = y0; y <= y1; y++)
                {
                    if (!_cells.TryGetValue((x, y), out var list))
                    {
                        _cells[(x, y)] = list = [];
                    }

                    list.Add((envelope, item));
                }
            }
        }

        Count++;
    }

    /// <summary>Removes <paramref name="item"/>, inserted with the same envelope; false when it is not there.</summary>
    public bool Remove(Envelope envelope, T item)
    {
        var comparer = EqualityComparer<T>.Default;
        var (x0, y0, x1, y1) = Cells(envelope);
        var removed = false;
        if (((long)(x1 - x0 + 1) * (y1 - y0 + 1)) > MaxCellsPerItem)
        {
            removed = _large.RemoveAll(e => comparer.Equals(e.Item, item)) > 0;
        }
        else
        {
            for (var x = x0; x <= x1; x++)
            {
                for (var y = y0; y <= y1; y++)
                {
                    if (_cells.TryGetValue((x, y), out var list) && list.RemoveAll(e => comparer.Equals(e.Item, item)) > 0)
                    {
                        removed = true;
                        if (list.Count == 0)
                        {
                            _cells.Remove((x, y));
                        }
                    }
                }
            }
        }

        if (removed)
        {
            Count--;
        }

        return removed;
    }

    /// <summary>Every item whose envelope intersects <paramref name="envelope"/>, each once, in no particular order.</summary>
    public List<T> Query(Envelope envelope)
    {
        var found = new List<T>();
        var (x0, y0, x1, y1) = Cells(envelope);
        if (((long)(x1 - x0 + 1) * (y1 - y0 + 1)) > _cells.Count)
        {
            // A query wider than the occupied cells reads the occupied cells instead.
            foreach (var ((x, y), list) in _cells)
            {
                if (x >= x0 && x <= x1 && y >= y0 && y <= y1)
                {
                    Collect(list, envelope, found, x, y, x0, y0);
                }
            }
        }
        else
        {
            for (var x = x0; x <= x1; x++)
            {
                for (var y = y0; y <= y1; y++)
                {
                    if (_cells.TryGetValue((x, y), out var list))
                    {
                        Collect(list, envelope, found, x, y, x0, y0);
                    }
                }
            }
        }

        foreach (var (itemEnvelope, item) in _large)
        {
            if (itemEnvelope.Intersects(envelope))
            {
                found.Add(item);
            }
        }

        return found;
    }

    // An item listed in several cells is reported only from the first of them the query reads: the cell of its own
    // lower-left corner, or of the query's where the item starts outside it. No set of items seen is needed.
    private void Collect(List<(Envelope Envelope, T Item)> list, Envelope envelope, List<T> found, int x, int y, int x0, int y0)
    {
        foreach (var (itemEnvelope, item) in list)
        {
            if (itemEnvelope.Intersects(envelope)
                && Math.Max(Cell(itemEnvelope.MinX), x0) == x
                && Math.Max(Cell(itemEnvelope.MinY), y0) == y)
            {
                found.Add(item);
            }
        }
    }

    private (int X0, int Y0, int X1, int Y1) Cells(Envelope envelope) =>
        (Cell(envelope.MinX), Cell(envelope.MinY), Cell(envelope.MaxX), Cell(envelope.MaxY));

    private int Cell(double degrees) => (int)Math.Floor(degrees / _cell);
}
