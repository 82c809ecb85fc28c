using Liaison.Domain.Incidents;

namespace Liaison.Domain.Tests.Incidents;

public sealed class GazetteerTests
{
    [Theory]
    [InlineData("Sheikh Maqsoud")]
    [InlineData("ash-sheikh maqsoud")]
    [InlineData("ASH-SHEIKH MAQSOUD")]
    [InlineData("الشيخ مقصود")]
    public void Find_SheikhMaqsoud_InEnglishOrArabic_IsTheAleppoNeighbourhood(string name)
    {
        var found = Gazetteer.Default.Find(name);

        Assert.True(found.Found);
        var place = found.Matches[0];
        Assert.Equal(("Ash-Sheikh Maqsoud", "neighbourhood", "Aleppo", "ocha-neighbourhoods"), (place.Name, place.Kind, place.Within, place.Source));
        Assert.InRange(place.Longitude, 37.1, 37.2);
        Assert.InRange(place.Latitude, 36.2, 36.25);
    }

    [Fact]
    public void Find_AccentsAndArticles_DoNotCount()
    {
        Assert.Contains(Gazetteer.Default.Find("Dara").Matches, p => p.Name == "Dar‘ā");
        Assert.Contains(Gazetteer.Default.Find("Suwayda").Matches, p => p.Name == "As-Suwayda" && p.Kind == "populated-place");
        Assert.Contains(Gazetteer.Default.Find("السويداء").Matches, p => p.Kind == "governorate");
    }

    [Fact]
    public void Find_SeveralPlaces_MostSpecificFirst()
    {
        var found = Gazetteer.Default.Find("As-Suwayda");

        Assert.Equal("populated-place", found.Matches[0].Kind);
        Assert.Equal("governorate", found.Matches[^1].Kind);
    }

    [Fact]
    public void Find_Nothing_OffersTheNearestBySpelling()
    {
        var found = Gazetteer.Default.Find("Sheikh Maqsod");

        Assert.False(found.Found);
        Assert.Equal("Ash-Sheikh Maqsoud", found.Nearest[0].Name);
        Assert.InRange(found.Nearest.Count, 1, 5);
    }

    [Fact]
    public void Find_Blank_MatchesNothingAndOffersNothing()
    {
        var found = Gazetteer.Default.Find("  ");

        Assert.Empty(found.Matches);
        Assert.Empty(found.Nearest);
    }

    [Theory]
    [InlineData("Al Quşayr", "qusayr")]
    [InlineData("Ash-Sheikh  Maqsoud", "sheikh maqsoud")]
    [InlineData("إدلب", "ادلب")]
    [InlineData("الأشرفية", "اشرفيه")]
    [InlineData("Al", "al")]
    public void Normalise_FoldsCaseAccentsArticlesAndArabicVariants(string name, string expected) =>
        Assert.Equal(expected, Gazetteer.Normalise(name));

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    public void EditDistance_IsLevenshtein(string a, string b, int expected) => Assert.Equal(expected, Gazetteer.EditDistance(a, b));

    [Fact]
    public void Parse_RefusesAnItemWithoutPoint()
    {
        var parsed = Gazetteer.Parse("""[{"name":"X","kind":"k","source":"s"}]""");

        Assert.False(parsed.IsSuccess);
        Assert.Equal("gazetteer-invalid", parsed.Error.Code);
    }

    [Fact]
    public void Default_HoldsEverySource()
    {
        var sources = Gazetteer.Default.Find("Aleppo").Matches.Select(p => p.Source).ToHashSet();

        Assert.Equal(1694, Gazetteer.Default.Count);
        Assert.Superset(new HashSet<string> { "geonames-cities", "opensyria-governorates" }, sources);
    }
}
