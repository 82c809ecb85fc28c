using System.Text.Json;
using System.Text.Json.Serialization;

namespace Liaison.Domain.Parties;

/// <summary>Writes a <see cref="PartyCode"/> as its text (<c>"ISR"</c>) and reads it back, refusing a malformed code.</summary>
public sealed class PartyCodeJsonConverter : JsonConverter<PartyCode>
{
    /// <inheritdoc />
    public override PartyCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        PartyCode.TryParse(reader.GetString(), out var code) ? code : throw new JsonException("A party code is 2 to 10 upper-case letters A-Z.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, PartyCode value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }

    /// <inheritdoc />
    public override PartyCode ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Read(ref reader, typeToConvert, options);

    /// <inheritdoc />
    public override void WriteAsPropertyName(Utf8JsonWriter writer, PartyCode value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value.Value);
    }
}
