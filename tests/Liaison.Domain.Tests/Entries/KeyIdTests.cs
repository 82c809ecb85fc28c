using Liaison.Domain.Entries;

namespace Liaison.Domain.Tests.Entries;

public sealed class KeyIdTests
{
    [Theory]
    [InlineData(0, "66687aadf862bd776c8fc18b8e9f8e20")]
    [InlineData(1, "630dcd2966c4336691125448bbb25b4f")]
    public void For_PublicKey_IsHexOfTheFirst16BytesOfItsSha256(int pattern, string expected)
    {
        var publicKey = pattern == 0 ? new byte[32] : TestPayloads.PublicKey;

        var keyId = KeyId.For(publicKey);

        Assert.Equal(expected, keyId.Value);
        Assert.Equal(expected, keyId.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void For_NotA32ByteKey_Throws(int length)
    {
        var publicKey = new byte[length];

        Assert.Throws<ArgumentException>(() => KeyId.For(publicKey));
    }

    [Theory]
    [InlineData("66687aadf862bd776c8fc18b8e9f8e20", true)]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    [InlineData("66687AADF862BD776C8FC18B8E9F8E20", false)]
    [InlineData("66687aadf862bd776c8fc18b8e9f8e2", false)]
    [InlineData("66687aadf862bd776c8fc18b8e9f8e200", false)]
    [InlineData("66687aadf862bd776c8fc18b8e9f8e2g", false)]
    [InlineData("66687aadf862bd776c8fc18b8e9f8e2 ", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValid_Text_IsTrueOnlyFor32LowerCaseHexCharacters(string? text, bool valid)
    {
        var isValid = KeyId.IsValid(text);
        var parsed = KeyId.TryParse(text, out var keyId);

        Assert.Equal(valid, isValid);
        Assert.Equal(valid, parsed);
        Assert.Equal(valid ? text : null, keyId.Value);
    }

    [Theory]
    [InlineData("66687AADF862BD776C8FC18B8E9F8E20")]
    [InlineData("abc")]
    public void Constructor_MalformedText_Throws(string text)
    {
        var exception = Assert.Throws<ArgumentException>(() => new KeyId(text));

        Assert.Equal("value", exception.ParamName);
    }

    [Fact]
    public void Default_HasNoValueAndIsNotValid()
    {
        var keyId = default(KeyId);

        Assert.Null(keyId.Value);
        Assert.Equal(string.Empty, keyId.ToString());
        Assert.False(KeyId.IsValid(keyId.Value));
    }

    [Fact]
    public void Equality_SameText_IsEqual()
    {
        var text = TestPayloads.PublicKeyId;

        Assert.Equal(new KeyId(text), KeyId.For(TestPayloads.PublicKey));
        Assert.NotEqual(new KeyId(text), KeyId.For(new byte[32]));
    }
}
