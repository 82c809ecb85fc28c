using System.Text;
using Liaison.Domain.Entries;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Tests.Entries;

public sealed class EntryLeafTests
{
    private static readonly byte[] PayloadHash = Enumerable.Repeat((byte)0x11, 32).ToArray();

    private static EntryLeaf Small(DateTimeOffset serverTime) => new(
        "a.b",
        "al",
        [new PartyCode("AA"), new PartyCode("BBB")],
        serverTime,
        "ab",
        [0xEE, 0xFF],
        PayloadHash);

    [Fact]
    public void Encode_SmallLeaf_IsTheDocumentedLayoutByteForByte()
    {
        var leaf = Small(DateTimeOffset.FromUnixTimeMilliseconds(1234));

        var bytes = leaf.Encode();

        // Computed by hand from the layout in EntryLeaf's documentation.
        var expected = Convert.FromHexString(
            "6c696169736f6e2f6c6561662f76310a" // "liaison/leaf/v1\n"
            + "0003" + "612e62"                 // u16 3, "a.b"
            + "0002" + "616c"                   // u16 2, "al"
            + "02" + "02" + "4141" + "03" + "424242" // 2 parties: "AA", "BBB"
            + "00000000000004d2"                // i64 1234 ms
            + "02" + "6162"                     // u8 2, "ab"
            + "02" + "eeff"                     // u8 2, signature
            + string.Concat(Enumerable.Repeat("11", 32)));
        Assert.Equal(Convert.ToHexStringLower(expected), Convert.ToHexStringLower(bytes));
    }

    [Theory]
    [InlineData("1970-01-01T00:00:00Z", "0000000000000000")]
    [InlineData("1970-01-01T00:00:00.001Z", "0000000000000001")]
    [InlineData("1969-12-31T23:59:59.999Z", "ffffffffffffffff")]
    [InlineData("2026-01-06T09:00:00Z", "0000019b9288d680")]
    [InlineData("2026-01-06T11:00:00+02:00", "0000019b9288d680")]
    [InlineData("2026-01-06T09:00:00.0009999Z", "0000019b9288d680")]
    public void Encode_ServerTime_IsBigEndianUnixMillisecondsOfTheInstant(string serverTime, string expectedHex)
    {
        var leaf = Small(DateTimeOffset.Parse(serverTime, System.Globalization.CultureInfo.InvariantCulture));

        var bytes = leaf.Encode();

        // The time follows the 16-byte context, "a.b" (2 + 3), "al" (2 + 2) and the audience (1 + 3 + 4).
        Assert.Equal(expectedHex, Convert.ToHexStringLower(bytes.AsSpan(16 + 5 + 4 + 8, 8)));
    }

    [Fact]
    public void Encode_NonAsciiTypeAndAuthor_PrefixesCountUtf8Bytes()
    {
        var leaf = new EntryLeaf("a.b", "é", [new PartyCode("AA")], DateTimeOffset.UnixEpoch, "k", [], PayloadHash);

        var bytes = leaf.Encode();

        Assert.Equal("0002c3a9", Convert.ToHexStringLower(bytes.AsSpan(16 + 5, 4)));
    }

    [Fact]
    public void Encode_RealisticEntry_EndsWithKeyIdSignatureAndPayloadHash()
    {
        var signature = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();
        var leaf = new EntryLeaf("statement.issue", "isr-officer", [new PartyCode("ISR"), new PartyCode("SYR")], DateTimeOffset.UnixEpoch, TestPayloads.PublicKeyId, signature, PayloadHash);

        var bytes = leaf.Encode();

        var tail = new List<byte> { 32 };
        tail.AddRange(Encoding.ASCII.GetBytes(TestPayloads.PublicKeyId));
        tail.Add(64);
        tail.AddRange(signature);
        tail.AddRange(PayloadHash);
        Assert.Equal(tail, bytes[^tail.Count..]);
        Assert.Equal(16 + 2 + 15 + 2 + 11 + 1 + 4 + 4 + 8 + tail.Count, bytes.Length);
    }

    [Fact]
    public void Encode_AudienceOrder_ChangesTheBytes()
    {
        var first = Small(DateTimeOffset.UnixEpoch);
        var swapped = first with { Audience = [new PartyCode("BBB"), new PartyCode("AA")] };

        Assert.NotEqual(first.Encode(), swapped.Encode());
    }

    [Fact]
    public void Encode_SameFields_IsDeterministic()
    {
        var leaf = Small(DateTimeOffset.FromUnixTimeMilliseconds(99));

        Assert.Equal(leaf.Encode(), Small(DateTimeOffset.FromUnixTimeMilliseconds(99)).Encode());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void Encode_PayloadHashNot32Bytes_Throws(int length)
    {
        var leaf = Small(DateTimeOffset.UnixEpoch) with { PayloadSha256 = new byte[length] };

        Assert.Throws<ArgumentException>(leaf.Encode);
    }

    [Theory]
    [InlineData("type", 65_535, true)]
    [InlineData("type", 65_536, false)]
    [InlineData("author", 65_535, true)]
    [InlineData("author", 65_536, false)]
    [InlineData("keyId", 255, true)]
    [InlineData("keyId", 256, false)]
    [InlineData("signature", 255, true)]
    [InlineData("signature", 256, false)]
    [InlineData("audience", 255, true)]
    [InlineData("audience", 256, false)]
    public void Encode_FieldAtOrBeyondItsLengthPrefix_EncodesOrThrows(string field, int length, bool encodes)
    {
        var leaf = Small(DateTimeOffset.UnixEpoch);
        leaf = field switch
        {
            "type" => leaf with { Type = new string('t', length) },
            "author" => leaf with { Author = new string('a', length) },
            "keyId" => leaf with { KeyId = new string('k', length) },
            "signature" => leaf with { Signature = new byte[length] },
            "audience" => leaf with { Audience = [.. Enumerable.Repeat(new PartyCode("AA"), length)] },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        var encode = () => leaf.Encode();

        if (encodes)
        {
            Assert.NotEmpty(encode());
        }
        else
        {
            Assert.Throws<ArgumentException>(encode);
        }
    }
}
