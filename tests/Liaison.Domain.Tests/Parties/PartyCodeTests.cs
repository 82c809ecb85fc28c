using Liaison.Domain.Parties;

namespace Liaison.Domain.Tests.Parties;

public sealed class PartyCodeTests
{
    [Theory]
    [InlineData("AB", true)]
    [InlineData("ISR", true)]
    [InlineData("UNDOF", true)]
    [InlineData("ABCDEFGHIJ", true)]
    [InlineData("A", false)]
    [InlineData("ABCDEFGHIJK", false)]
    [InlineData("isr", false)]
    [InlineData("Isr", false)]
    [InlineData("iSR", false)]
    [InlineData("IS1", false)]
    [InlineData("IS R", false)]
    [InlineData(" ISR", false)]
    [InlineData("IS-R", false)]
    [InlineData("ÄGY", false)]
    [InlineData("ＩＳＲ", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValid_Text_IsTrueOnlyFor2To10UpperCaseAsciiLetters(string? text, bool valid)
    {
        var isValid = PartyCode.IsValid(text);
        var parsed = PartyCode.TryParse(text, out var code);

        Assert.Equal(valid, isValid);
        Assert.Equal(valid, parsed);
        Assert.Equal(valid ? text : null, code.Value);
    }

    [Theory]
    [InlineData("isr")]
    [InlineData("A")]
    [InlineData("ABCDEFGHIJK")]
    [InlineData("")]
    public void Constructor_MalformedCode_ThrowsNamingTheParameter(string text)
    {
        var exception = Assert.Throws<ArgumentException>(() => new PartyCode(text));

        Assert.Equal("value", exception.ParamName);
    }

    [Fact]
    public void Constructor_Null_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PartyCode(null!));
    }

    [Fact]
    public void Equality_SameText_IsEqualAndHashesAlike()
    {
        var a = new PartyCode("ISR");
        var b = new PartyCode("ISR");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new PartyCode("SYR"));
        Assert.Equal("ISR", a.ToString());
    }

    [Fact]
    public void Default_HasNoValueAndIsNotAnyCode()
    {
        var code = default(PartyCode);

        Assert.Null(code.Value);
        Assert.Equal(string.Empty, code.ToString());
        Assert.False(PartyCode.IsValid(code.Value));
        Assert.NotEqual(new PartyCode("ISR"), code);
    }
}
