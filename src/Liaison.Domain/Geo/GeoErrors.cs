using Liaison.Domain.Common;

namespace Liaison.Domain.Geo;

/// <summary>The errors of reading GeoJSON and checking geometries; each names where in the document it is (a JSON path).</summary>
public static class GeoErrors
{
    /// <summary>The document is not GeoJSON as RFC 7946 defines it (a wrong member, type or nesting).</summary>
    public static Error Structure(string path, string why) =>
        new Error.Validation("geojson-invalid", $"{path}: {why}.") { Extensions = new Dictionary<string, object?> { ["path"] = path } };

    /// <summary>The geometry is well-formed GeoJSON but not a usable shape (unclosed, self-intersecting, empty, out of range).</summary>
    public static Error Geometry(string path, string why) =>
        new Error.Validation("geometry-invalid", $"{path}: {why}.") { Extensions = new Dictionary<string, object?> { ["path"] = path } };
}
