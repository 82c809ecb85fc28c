using System.Text;

namespace Liaison.Domain.Entries;

/// <summary>
/// What an entry's signature covers: the context line <c>liaison/entry/v1</c> and a newline, then the exact
/// payload bytes. There is no canonicalisation: the signed bytes are the bytes stored and served.
/// </summary>
public static class EntrySigning
{
    /// <summary>The context string, newline included.</summary>
    public static ReadOnlySpan<byte> Context => "liaison/entry/v1\n"u8;

    /// <summary>The bytes to sign or verify for <paramref name="payload"/>.</summary>
    public static byte[] SignedMessage(ReadOnlySpan<byte> payload)
    {
        var message = new byte[Context.Length + payload.Length];
        Context.CopyTo(message);
        payload.CopyTo(message.AsSpan(Context.Length));
        return message;
    }

    /// <summary>The bytes a user signs to prove they hold the key they ask to have enrolled.</summary>
    public static byte[] KeyRequestMessage(string userName, ReadOnlySpan<byte> publicKey)
    {
        var text = Encoding.UTF8.GetBytes($"liaison/key-request/v1\n{userName}\n");
        var message = new byte[text.Length + publicKey.Length];
        text.CopyTo(message, 0);
        publicKey.CopyTo(message.AsSpan(text.Length));
        return message;
    }
}
