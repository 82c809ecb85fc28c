using System.Text.Json;
using Liaison.Domain.Attachments;

namespace Liaison.Domain.Tests.Disputes;

/// <summary>Evidence arrays name attachments as message attachments do, so their bytes are checked and readable by the audience.</summary>
public sealed class EvidenceReferencesTests
{
    [Fact]
    public void EvidenceItemsAreNamedAfterAttachments_WithTheirPaths()
    {
        var a = new string('a', 64);
        var b = new string('b', 64);
        var body = JsonDocument.Parse($$$"""{"attachments":[{"sha256":"{{{a}}}","name":"a.jpg","mediaType":"image/jpeg","size":3}],"evidence":[{"sha256":"x"},{"sha256":"{{{b}}}","name":"b.pdf","mediaType":"application/pdf","size":9}]}""").RootElement;

        var named = AttachmentReferences.Named(body);

        Assert.Equal([("attachments[0]", a), ("evidence[1]", b)], named.Select(n => (n.Field, n.Attachment.Sha256)));
    }
}
