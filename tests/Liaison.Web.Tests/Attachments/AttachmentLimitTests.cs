using System.Net;
using System.Security.Cryptography;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Attachments;

/// <summary>The configured attachment limit (<c>limits.maxAttachmentBytes</c>), on an app that allows <see cref="SmallAttachmentLimitApp.Limit"/> bytes.</summary>
public sealed class AttachmentLimitTests(SmallAttachmentLimitApp app) : IClassFixture<SmallAttachmentLimitApp>
{
    [Fact]
    public async Task Upload_ExactlyTheLimit_Created()
    {
        var bytes = RandomNumberGenerator.GetBytes(SmallAttachmentLimitApp.Limit);

        using var response = await UploadAsync(bytes, new ByteArrayContent(bytes));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Upload_OneByteOverTheLimit_TooLargeAndNothingStored()
    {
        var bytes = RandomNumberGenerator.GetBytes(SmallAttachmentLimitApp.Limit + 1);

        using var response = await UploadAsync(bytes, new ByteArrayContent(bytes));

        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "attachment-too-large");
        Assert.Equal(SmallAttachmentLimitApp.Limit, problem.GetProperty("limit").GetInt64());
        AssertNotStored(bytes);
    }

    [Fact]
    public async Task Upload_OverTheLimitWithoutALength_TooLargeOnceReadAndNothingStored()
    {
        var bytes = RandomNumberGenerator.GetBytes(SmallAttachmentLimitApp.Limit * 3);

        // A stream of unknown length is sent chunked: the server must count the bytes itself.
        using var response = await UploadAsync(bytes, new StreamContent(new UnknownLengthStream(bytes)));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "attachment-too-large");
        AssertNotStored(bytes);
    }

    private async Task<HttpResponseMessage> UploadAsync(byte[] bytes, HttpContent content)
    {
        using var client = app.CreateClientFor("isr-officer");
        return await client.PutAsync($"/api/v1/attachments/{Sha(bytes)}", content, TestContext.Current.CancellationToken);
    }

    private void AssertNotStored(byte[] bytes)
    {
        Assert.False(File.Exists(app.Folder.AttachmentFile(Sha(bytes))));
        var temporary = Path.Combine(app.Folder.AttachmentsDirectory, "tmp");
        Assert.True(!Directory.Exists(temporary) || !Directory.EnumerateFiles(temporary).Any());
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A readable stream that does not tell its length.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
    }
}
