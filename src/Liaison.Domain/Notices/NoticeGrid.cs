using System.Runtime.InteropServices;
using NetTopologySuite.Geometries;

namespace Liaison.Domain.Notices;

/// <summary>
/// What the board's index holds of a standing notice: everything the conflict check reads before any exact geometry,
/// so that a candidate is filtered without looking the notice up. Windows are UTC ticks, <c>[Start, End)</c>; the
/// party is the board's number for it; the altitudes are the notice's vertical band, bounds included.
/// </summary>
public readonly record struct NoticeSlot(long Id, long StartTicks, long EndTicks, int Party, int MinMetres, int MaxMetres, AreaBounds Bounds);

/// <summary>
/// The board's spatial index of standing notices: a fixed longitude/latitude grid, each notice listed in every cell its
/// envelope covers (those covering more than <see cref="MaxCellsPerItem"/> cells go to one list of large items, always
/// searched), a query reading the cells its envelope covers. The same scheme as <see cref="Geo.GridIndex{T}"/>, with
/// each cell's entries stored inline (envelope, cell and <see cref="NoticeSlot"/> in one struct) so that a query reads
/// memory in sequence instead of following a reference per entry. Insert and remove touch a few cells: notices come and
/// go without any rebuild. Not thread-safe.
/// </summary>
public sealed class NoticeGrid
{
    /// <summary>The most cells a notice is listed in before it counts as large.</summary>
    public const int MaxCellsPerItem = 64;

    private readonly double _cell;
    private readonly Dictionary<long, List<Entry>> _cells = [];
    private readonly List<Entry> _large = [];

    /// <summary>Creates an index with square cells of <paramref name="cellDegrees"/> degrees (default 0.1°, about 11 km).</summary>
    public NoticeGrid(double cellDegrees = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cellDegrees);
        _cell = cellDegrees;
    }

    /// <summary>How many notices the index holds.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a notice with its envelope.</summary>
    public void Insert(Envelope envelope, NoticeSlot slot)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var (x0, y0, x1, y1) = Cells(envelope);
        var entry = new Entry(envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY, x0, y0, slot);
        if (IsLarge(x0, y0, x1, y1))
        {
            _large.Add(entry);
        }
        else
        {
            for (var x = x0; x <= x1; x++)
            {
                for (var y = y0; y <= y1; y++)
                {
                    if (!_cells.TryGetValue(Key(x, y), out var list))
                    {
                        _cells[Key(x, y)] = list = [];
                    }

                    list.Add(entry);
                }
            }
        }

        Count++;
    }

    /// <summary>Removes the notice <paramref name="id"/>, inserted with the same envelope; false when it is not there.</summary>
    public bool Remove(Envelope envelope, long id)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var (x0, y0, x1, y1) = Cells(envelope);
        var removed = false;
        if (IsLarge(x0, y0, x1, y1))
        {
            removed = RemoveFrom(_large, id);
        }
        else
        {
            for (var x = x0; x <= x1; x++)
            {
                for (var y = y0; y <= y1; y++)
                {
                    if (_cells.TryGetValue(Key(x, y), out var list) && RemoveFrom(list, id))
                    {
                        removed = true;
                        if (list.Count == 0)
                        {
                            _cells.Remove(Key(x, y));
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

    /// <summary>Adds to <paramref name="found"/> every notice whose envelope intersects <paramref name="envelope"/>, each once, in no particular order.</summary>
    public void Query(Envelope envelope, List<NoticeSlot> found)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(found);
        var query = new Box(envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY);
        var (x0, y0, x1, y1) = Cells(envelope);
        if (((long)(x1 - x0 + 1) * (y1 - y0 + 1)) > _cells.Count)
        {
            // A query wider than the occupied cells reads the occupied cells instead.
            foreach (var (key, list) in _cells)
            {
                var (x, y) = ((int)(key >> 32), unchecked((int)key));
                if (x >= x0 && x <= x1 && y >= y0 && y <= y1)
                {
                    Collect(list, query, found, x, y, x0, y0);
                }
            }
        }
        else
        {
            for (var x = x0; x <= x1; x++)
            {
                for (var y = y0; y <= y1; y++)
                {
                    if (_cells.TryGetValue(Key(x, y), out var list))
                    {
                        Collect(list, query, found, x, y, x0, y0);
                    }
                }
            }
        }

        foreach (ref readonly var entry in CollectionsMarshal.AsSpan(_large))
        {
            if (entry.Intersects(query))
            {
                found.Add(entry.Slot);
            }
        }
    }

    // A notice listed in several cells is reported only from the first of them the query reads: the cell of its own
    // lower-left corner, or of the query's where the notice starts outside it. No set of notices seen is needed.
    private static void Collect(List<Entry> list, Box query, List<NoticeSlot> found, int x, int y, int x0, int y0)
    {
        foreach (ref readonly var entry in CollectionsMarshal.AsSpan(list))
        {
            if (entry.Intersects(query) && Math.Max(entry.CellX, x0) == x && Math.Max(entry.CellY, y0) == y)
            {
                found.Add(entry.Slot);
            }
        }
    }

    // Order within a cell does not matter: the last entry takes the removed one's place.
    private static bool RemoveFrom(List<Entry> list, long id)
    {
        var entries = CollectionsMarshal.AsSpan(list);
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Slot.Id == id)
            {
                entries[i] = entries[^1];
                list.RemoveAt(list.Count - 1);
                return true;
            }
        }

        return false;
    }

    private static bool IsLarge(int x0, int y0, int x1, int y1) => ((long)(x1 - x0 + 1) * (y1 - y0 + 1)) > MaxCellsPerItem;

    private static long Key(int x, int y) => ((long)x << 32) | unchecked((uint)y);

    private (int X0, int Y0, int X1, int Y1) Cells(Envelope envelope) =>
        (Cell(envelope.MinX), Cell(envelope.MinY), Cell(envelope.MaxX), Cell(envelope.MaxY));

    private int Cell(double degrees) => (int)Math.Floor(degrees / _cell);

    private readonly record struct Box(double MinX, double MinY, double MaxX, double MaxY);

    private readonly record struct Entry(double MinX, double MinY, double MaxX, double MaxY, int CellX, int CellY, NoticeSlot Slot)
    {
        public bool Intersects(in Box box) => MinX <= box.MaxX && box.MinX <= MaxX && MinY <= box.MaxY && box.MinY <= MaxY;
    }
}
