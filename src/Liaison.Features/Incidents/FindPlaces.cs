using Liaison.Domain.Common;
using Liaison.Domain.Incidents;

namespace Liaison.Features.Incidents;

/// <summary>A place as the API shows it: its names, kind, parent, source and point <c>[lon, lat]</c>.</summary>
public sealed record PlaceView(string Name, string? Ar, IReadOnlyList<string> Aliases, string Kind, string? Within, string Source, double[] Point)
{
    /// <summary>The view of a place.</summary>
    public static PlaceView From(Place place) => new(place.Name, place.Arabic, place.Aliases, place.Kind, place.Within, place.Source, [place.Longitude, place.Latitude]);
}

/// <summary>What a name matched in the gazetteer: the places it names (most specific first) or, when none, the nearest names.</summary>
public sealed record PlaceLookupView(string Query, IReadOnlyList<PlaceView> Matches, IReadOnlyList<PlaceView> Nearest);

/// <summary>Looks a place name up in the bundled gazetteer, in English or Arabic.</summary>
public sealed class FindPlaces
{
    public Result<PlaceLookupView> Handle(string? query)
    {
        if (string.IsNullOrWhiteSpace(query) || query.Length > 200)
        {
            return new Error.Validation("query-invalid", "q is a place name of 1 to 200 characters, in English or Arabic.");
        }

        var found = Gazetteer.Default.Find(query);
        return new PlaceLookupView(query, [.. found.Matches.Select(PlaceView.From)], [.. found.Nearest.Select(PlaceView.From)]);
    }
}
