using System.Globalization;
using System.Text;

namespace Liaison.Ledger.Notes;

/// <summary>The message an Ed25519 cosignature/v1 signs (C2SP tlog-cosignature).</summary>
internal static class CosignatureMessage
{
    public static byte[] Build(long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timestamp);
        var header = Encoding.ASCII.GetBytes($"cosignature/v1\ntime {timestamp.ToString(CultureInfo.InvariantCulture)}\n");
        var message = new byte[header.Length + body.Length];
        header.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(header.Length));
        return message;
    }
}
