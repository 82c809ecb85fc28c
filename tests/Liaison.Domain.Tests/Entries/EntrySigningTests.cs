using System.Text;
using Liaison.Domain.Entries;

namespace Liaison.Domain.Tests.Entries;

public sealed class EntrySigningTests
{
    [Fact]
    public void SignedMessage_Payload_IsTheContextLineThenTheExactBytes()
    {
        byte[] payload = [0x7B, 0x7D, 0xFF];

        var message = EntrySigning.SignedMessage(payload);

        Assert.Equal([.. "liaison/entry/v1\n"u8.ToArray(), 0x7B, 0x7D, 0xFF], message);
    }

    [Fact]
    public void KeyRequestMessage_UserAndKey_IsContextUserNameNewlineThenTheKey()
    {
        var message = EntrySigning.KeyRequestMessage("isr-officer", TestPayloads.PublicKey);

        Assert.Equal([.. Encoding.UTF8.GetBytes("liaison/key-request/v1\nisr-officer\n"), .. TestPayloads.PublicKey], message);
    }
}
