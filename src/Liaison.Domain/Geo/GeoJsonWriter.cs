using System.Text.Json;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;

namespace Liaison.Domain.Geo;

/// <summary>Writes NetTopologySuite geometries as GeoJSON geometry objects (RFC 7946, longitude first, 2-D).</summary>
public static class GeoJsonWriter
{
    /// <summary>Writes <paramref name="geometry"/> as a GeoJSON geometry object.</summary>
    public static void Write(Utf8JsonWriter writer, Geometry geometry)
    {
        writer.WriteStartObject();
        writer.WriteString("type", geometry.GeometryType);
        if (geometry is GeometryCollection collection and not (MultiPoint or MultiLineString or MultiPolygon))
        {
            writer.WriteStartArray("geometries");
            for (var i = 0; i < collection.NumGeometries; i++)
            {
                Write(writer, collection.GetGeometryN(i));
            }

            writer.WriteEndArray();
        }
        else
        {
            writer.WritePropertyName("coordinates");
            Coordinates(writer, geometry);
        }

        writer.WriteEndObject();
    }

    /// <summary>The geometry as a JSON node (for embedding in API documents).</summary>
    public static JsonNode ToNode(Geometry geometry) => JsonNode.Parse(ToJson(geometry))!;

    /// <summary>The geometry as GeoJSON text.</summary>
    public static string ToJson(Geometry geometry)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, geometry);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Coordinates(Utf8JsonWriter writer, Geometry geometry)
    {
        switch (geometry)
        {
            case Point point:
                if (point.IsEmpty)
                {
                    writer.WriteStartArray();
                    writer.WriteEndArray();
                }
                else
                {
                    Position(writer, point.Coordinate);
                }

                break;
            case LineString line:
                Positions(writer, line.Coordinates);
                break;
            case Polygon polygon:
                writer.WriteStartArray();
                if (!polygon.IsEmpty)
                {
                    Positions(writer, polygon.Shell.Coordinates);
                    foreach (var hole in polygon.Holes)
                    {
                        Positions(writer, hole.Coordinates);
                    }
                }

                writer.WriteEndArray();
                break;
            case GeometryCollection many:
                writer.WriteStartArray();
                for (var i = 0; i < many.NumGeometries; i++)
                {
                    Coordinates(writer, many.GetGeometryN(i));
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"Cannot write a {geometry.GeometryType}.", nameof(geometry));
        }
    }

    private static void Positions(Utf8JsonWriter writer, Coordinate[] coordinates)
    {
        writer.WriteStartArray();
        foreach (var coordinate in coordinates)
        {
            Position(writer, coordinate);
        }

        writer.WriteEndArray();
    }

    private static void Position(Utf8JsonWriter writer, Coordinate coordinate)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(coordinate.X);
        writer.WriteNumberValue(coordinate.Y);
        writer.WriteEndArray();
    }
}
