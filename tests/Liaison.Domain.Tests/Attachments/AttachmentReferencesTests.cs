using System.Text.Json;
using Liaison.Domain.Attachments;
using Liaison.Domain.Hotline;
using Liaison.Domain.Mechanism;

namespace Liaison.Domain.Tests.Attachments;

public sealed class AttachmentReferencesTests
{
    private static readonly string HashA = new('a', 64);
    private static readonly string HashB = new('b', 64);

    [Fact]
    public void Named_WellFormedItems_InOrderWithTheirPaths()
    {
        var body = Body($$"""{"type":"message.send","attachments":[{{Item(HashA, 10)}},{{Item(HashB, 20)}}]}""");

        var named = AttachmentReferences.Named(body);

        Assert.Equal(["attachments[0]", "attachments[1]"], named.Select(n => n.Field));
        Assert.Equal([HashA, HashB], named.Select(n => n.Attachment.Sha256));
        Assert.Equal([10L, 20L], named.Select(n => n.Attachment.Size));
    }

    [Fact]
    public void Named_EvidenceArray_IsNamedAfterAttachments()
    {
        var body = Body($$"""{"type":"incident.report","evidence":[{{Item(HashB, 20)}}],"attachments":[{{Item(HashA, 10)}}]}""");

        var named = AttachmentReferences.Named(body);

        Assert.Equal(["attachments[0]", "evidence[0]"], named.Select(n => n.Field));
        Assert.Equal([HashA, HashB], named.Select(n => n.Attachment.Sha256));
    }

    [Theory]
    [InlineData("""{"type":"statement.issue"}""")]
    [InlineData("""{"attachments":null}""")]
    [InlineData("""{"attachments":"photo.jpg"}""")]
    [InlineData("""{"attachments":{}}""")]
    [InlineData("""{"attachments":[]}""")]
    [InlineData("""{"attachments":["photo.jpg", 3]}""")]
    public void Named_NoArrayOfAttachments_NamesNothing(string json)
    {
        var named = AttachmentReferences.Named(Body(json));

        Assert.Empty(named);
    }

    [Theory]
    [InlineData("sha256", "\"AAAA\"")]
    [InlineData("sha256", "null")]
    [InlineData("name", "\"../x\"")]
    [InlineData("mediaType", "\"Image/PNG\"")]
    [InlineData("size", "0")]
    [InlineData("size", "\"10\"")]
    [InlineData("size", "26214401")]
    public void Named_MalformedItem_SkippedButKeepsTheOthersPaths(string field, string value)
    {
        var bad = JsonDocument.Parse(Item(HashA, 10)).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
        bad[field] = value;
        var badJson = "{" + string.Join(',', bad.Select(p => $"\"{p.Key}\":{p.Value}")) + "}";

        var named = AttachmentReferences.Named(Body($$"""{"attachments":[{{badJson}},{{Item(HashB, 20)}}]}"""));

        var only = Assert.Single(named);
        Assert.Equal("attachments[1]", only.Field);
        Assert.Equal(HashB, only.Attachment.Sha256);
    }

    [Fact]
    public void Check_AllStoredWithTheirSizes_Admitted()
    {
        var named = Named((HashA, 10), (HashB, 20));

        var result = AttachmentReferences.Check(named, Stored((HashA, 10), (HashB, 20)), 100);

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void Check_NothingNamed_AdmittedWithoutLookingAtTheStore()
    {
        var result = AttachmentReferences.Check([], _ => throw new InvalidOperationException("The store is not asked."), 100);

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void Check_SecondNotStored_AttachmentNotStoredNamingIt()
    {
        var named = Named((HashA, 10), (HashB, 20));

        var result = AttachmentReferences.Check(named, Stored((HashA, 10)), 100);

        Assert.Equal("attachment-not-stored", result.Error.Code);
        Assert.Equal("attachments[1]", result.Error.Extensions["field"]);
        Assert.Equal(HashB, result.Error.Extensions["sha256"]);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(11)]
    public void Check_StoredSizeDiffers_AttachmentSizeMismatch(long stored)
    {
        var result = AttachmentReferences.Check(Named((HashA, 10)), Stored((HashA, stored)), 100);

        Assert.Equal("attachment-size-mismatch", result.Error.Code);
        Assert.Equal(10L, result.Error.Extensions["described"]);
        Assert.Equal(stored, result.Error.Extensions["stored"]);
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void Check_DescribedSizeAgainstTheLimit_RefusedOnlyOver(long size, bool admitted)
    {
        var result = AttachmentReferences.Check(Named((HashA, size)), Stored((HashA, size)), 100);

        Assert.Equal(admitted, result.IsSuccess);
        Assert.True(admitted || result.Error is Common.Error.TooLarge { Code: "attachment-too-large" });
    }

    [Theory]
    [InlineData(1024, 1024)]
    [InlineData(25 * 1024 * 1024, 25 * 1024 * 1024)]
    [InlineData(100 * 1024 * 1024, 25 * 1024 * 1024)]
    public void MaxBytes_ConfiguredLimit_NeverAboveWhatAMessageMayDescribe(int configured, long expected)
    {
        var limits = LimitsConfig.Default with { MaxAttachmentBytes = configured };

        Assert.Equal(expected, AttachmentReferences.MaxBytes(limits));
    }

    private static string Item(string sha, long size) => $$"""{"sha256":"{{sha}}","name":"photo.jpg","mediaType":"image/jpeg","size":{{size}}}""";

    private static JsonElement Body(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static List<(string Field, Attachment Attachment)> Named(params (string Sha, long Size)[] items) =>
        [.. items.Select((item, i) => ($"attachments[{i}]", new Attachment(item.Sha, "photo.jpg", "image/jpeg", item.Size)))];

    private static Func<string, long?> Stored(params (string Sha, long Size)[] files) =>
        sha => files.Where(f => f.Sha == sha).Select(f => (long?)f.Size).FirstOrDefault();
}
