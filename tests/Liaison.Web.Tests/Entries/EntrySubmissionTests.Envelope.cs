using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Domain.Entries;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Entries;

/// <summary>The envelope and the size limit: what is refused before the signature is looked at.</summary>
public sealed partial class EntrySubmissionTests
{
    private const int MaxPayloadBytes = 1024 * 1024;

    [Theory]
    [InlineData("not json at all")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"payload\": 5, \"keyId\": \"k\", \"sig\": \"s\"}")]
    [InlineData("{\"payload\": \"e30=\", \"keyId\": \"\", \"sig\": \"AAAA\"}")]
    [InlineData("{\"payload\": \"e30=\", \"keyId\": \"00000000000000000000000000000000\"")]
    public async Task Submit_MalformedEnvelope_Returns400EntryMalformed(string body)
    {
        await AssertRefusedAsync("isr-officer", client => client.SubmitRawAsync(body), HttpStatusCode.BadRequest, "entry-malformed");
    }

    [Fact]
    public async Task Submit_BodyNotDeclaredAsJson_Returns415ProblemAndStoresNothing()
    {
        var entry = app.Sign("isr-officer", app.Statement("isr-officer", ["ISR"]));
        var body = JsonSerializer.Serialize(entry.ToRequest(), JsonSerializerOptions.Web);
        using var client = app.CreateClientFor("isr-officer");
        var sizeBefore = await client.RecordSizeAsync();

        using var response = await client.SubmitRawAsync(body, "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await client.AssertNothingStoredSinceAsync(sizeBefore);
    }

    [Fact]
    public async Task Submit_PayloadNotBase64_Returns400EntryMalformed()
    {
        var entry = app.Sign("isr-officer", app.Statement("isr-officer", ["ISR"]));
        var envelope = entry.ToRequest() with { Payload = "this is not base64!" };

        await AssertRefusedAsync("isr-officer", client => client.SubmitEnvelopeAsync(envelope), HttpStatusCode.BadRequest, "entry-malformed");
    }

    [Theory]
    [InlineData("not base64 at all")]
    [InlineData("AAAA")]
    public async Task Submit_SigNotBase64OfSixtyFourBytes_Returns400EntryMalformed(string sig)
    {
        var entry = app.Sign("isr-officer", app.Statement("isr-officer", ["ISR"]));
        var envelope = entry.ToRequest() with { Sig = sig };

        await AssertRefusedAsync("isr-officer", client => client.SubmitEnvelopeAsync(envelope), HttpStatusCode.BadRequest, "entry-malformed");
    }

    [Fact]
    public async Task Submit_PayloadAtTheSizeLimit_IsAccepted()
    {
        using var client = app.CreateClientFor("isr-commander");
        var entry = app.Sign("isr-commander", PaddedStatement("isr-commander", MaxPayloadBytes));

        using var response = await client.SubmitEntryAsync(entry);

        Assert.Equal(MaxPayloadBytes, entry.Payload.Length);
        await response.ReadJsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Submit_PayloadOneByteOverTheSizeLimit_Returns413PayloadTooLarge()
    {
        var entry = app.Sign("isr-commander", PaddedStatement("isr-commander", MaxPayloadBytes + 1));

        var problem = await AssertRefusedAsync("isr-commander", entry, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");

        Assert.Equal(MaxPayloadBytes + 1, entry.Payload.Length);
        Assert.Equal(MaxPayloadBytes, problem.GetProperty("limit").GetInt32());
        Assert.Equal(MaxPayloadBytes + 1, problem.GetProperty("size").GetInt32());
    }

    [Fact]
    public async Task Submit_RequestBodyFarOverTheSizeLimit_Returns413PayloadTooLarge()
    {
        var entry = app.Sign("isr-commander", PaddedStatement("isr-commander", 2 * MaxPayloadBytes));

        var problem = await AssertRefusedAsync("isr-commander", entry, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");

        Assert.Equal(MaxPayloadBytes, problem.GetProperty("limit").GetInt32());
    }

    /// <summary>A valid statement padded with an extra field to exactly <paramref name="size"/> bytes.</summary>
    private byte[] PaddedStatement(string author, int size)
    {
        JsonObject Fields(int padding)
        {
            var fields = LiaisonAppFixture.StatementFields(subject: "Padded statement " + Guid.NewGuid().ToString("N"));
            fields["padding"] = new string('x', padding);
            return fields;
        }

        var clientTime = app.Time.GetUtcNow();
        var unpadded = app.Payload(EntryTypes.StatementIssue, author, ["ISR"], Fields(0), clientTime).Length;
        var payload = app.Payload(EntryTypes.StatementIssue, author, ["ISR"], Fields(size - unpadded), clientTime);
        return payload.Length == size ? payload : throw new InvalidOperationException($"Padding gave {payload.Length} bytes, not {size}.");
    }
}
