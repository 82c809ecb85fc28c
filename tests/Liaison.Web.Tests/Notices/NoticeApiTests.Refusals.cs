using System.Net;
using System.Text.Json.Nodes;
using Liaison.Domain.Notices;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Notices;

/// <summary>
/// Refused notice entries: each refusal is an RFC 9457 problem with its status and type, and the record does not grow.
/// Lateness is never a refusal.
/// </summary>
public sealed partial class NoticeApiTests
{
    public static TheoryData<string, string> InvalidAreas => new()
    {
        { "self-intersecting", """{"type":"Polygon","coordinates":[[[35.90,33.10],[35.95,33.15],[35.95,33.10],[35.90,33.15],[35.90,33.10]]]}""" },
        { "unclosed ring", """{"type":"Polygon","coordinates":[[[35.90,33.10],[35.95,33.10],[35.95,33.15],[35.90,33.15]]]}""" },
        { "longitude out of range", """{"type":"Polygon","coordinates":[[[190.0,33.10],[191.0,33.10],[191.0,33.15],[190.0,33.10]]]}""" },
        { "latitude out of range", """{"type":"Polygon","coordinates":[[[35.90,93.10],[35.95,93.10],[35.95,93.15],[35.90,93.10]]]}""" },
        { "LineString", """{"type":"LineString","coordinates":[[35.90,33.10],[35.95,33.15]]}""" },
        { "Point without radius", """{"type":"Point","coordinates":[35.90,33.10]}""" },
        { "empty", """{"type":"Polygon","coordinates":[]}""" },
    };

    [Theory]
    [MemberData(nameof(InvalidAreas))]
    public async Task File_InvalidArea_GeometryInvalidNothingRecorded(string why, string area)
    {
        var now = app.Time.GetUtcNow();
        var body = Filing("naval", JsonNode.Parse(area)!, now.AddDays(2), now.AddDays(3));

        var problem = await AssertRefusedAsync("syr-officer", NoticeEntryTypes.File, body, HttpStatusCode.BadRequest, "geometry-invalid");

        Assert.StartsWith("$.area", problem.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), why);
    }

    [Fact]
    public async Task File_WindowEndsBeforeItStarts_PayloadInvalid()
    {
        var now = app.Time.GetUtcNow();

        var problem = await AssertRefusedAsync("syr-officer", NoticeEntryTypes.File, Filing("naval", Aleppo, now.AddDays(3), now.AddDays(2)), HttpStatusCode.BadRequest, "payload-invalid");

        Assert.Contains("window", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_EmptyWindow_PayloadInvalid()
    {
        var now = app.Time.GetUtcNow();

        await AssertRefusedAsync("syr-officer", NoticeEntryTypes.File, Filing("naval", Aleppo, now.AddDays(3), now.AddDays(3)), HttpStatusCode.BadRequest, "payload-invalid");
    }

    [Fact]
    public async Task File_WindowLongerThanTheMaximum_PayloadInvalid()
    {
        var now = app.Time.GetUtcNow();

        var problem = await AssertRefusedAsync("syr-officer", NoticeEntryTypes.File, Filing("naval", Aleppo, now.AddDays(1), now.AddDays(31).AddSeconds(1)), HttpStatusCode.BadRequest, "payload-invalid");

        Assert.Contains("30 days", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_WindowOfExactlyTheMaximum_Accepted()
    {
        var now = app.Time.GetUtcNow();

        var id = await FileAsync("syr-officer", Filing("naval", Aleppo, now.AddDays(1), now.AddDays(31)));

        Assert.Equal(now.AddDays(31), (await NoticeAsync("syr-officer", id)).GetProperty("window").GetProperty("end").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("air-sortie")]
    [InlineData("uav")]
    public async Task File_AirborneWithoutAltitude_PayloadInvalidNamingAltitude(string kind)
    {
        var now = app.Time.GetUtcNow();

        var problem = await AssertRefusedAsync("isr-officer", NoticeEntryTypes.File, Filing(kind, GolanWest, now.AddDays(2), now.AddDays(3), Assets(("aircraft", 1))), HttpStatusCode.BadRequest, "payload-invalid");

        Assert.Contains("altitude", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_AltitudeUpsideDown_PayloadInvalid()
    {
        var now = app.Time.GetUtcNow();

        await AssertRefusedAsync("isr-officer", NoticeEntryTypes.File, Filing("air-sortie", GolanWest, now.AddDays(2), now.AddDays(3), altitude: Altitude(9000, 100)), HttpStatusCode.BadRequest, "payload-invalid");
    }

    [Fact]
    public async Task File_GroundMovementWithoutAssets_PayloadInvalidNamingAssets()
    {
        var now = app.Time.GetUtcNow();

        var problem = await AssertRefusedAsync("syr-officer", NoticeEntryTypes.File, Filing("ground-movement", EastOfQuneitra, now.AddDays(2), now.AddDays(3)), HttpStatusCode.BadRequest, "payload-invalid");

        Assert.Contains("assets", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("USA")]
    [InlineData("ISR")]
    public async Task File_AudienceMissingAParty_NoticeAudienceNamingIt(string missing)
    {
        var now = app.Time.GetUtcNow();
        var audience = WithoutObserver.Where(p => p != missing).ToList();

        var problem = await AssertRefusedAsync("syr-officer", NoticeEntryTypes.File, Filing("naval", Aleppo, now.AddDays(2), now.AddDays(3)), HttpStatusCode.BadRequest, "notice-audience", audience);

        Assert.Contains(missing, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ack_OwnNotice_Forbidden()
    {
        var now = app.Time.GetUtcNow();
        var id = await FileAsync("isr-officer", Filing("naval", Aleppo, now.AddDays(2), now.AddDays(3)));

        await AssertRefusedAsync("isr-duty", NoticeEntryTypes.Acknowledge, AnswerBody(id, null), HttpStatusCode.Forbidden, "notice-own");
    }

    [Fact]
    public async Task Object_OwnNotice_Forbidden()
    {
        var now = app.Time.GetUtcNow();
        var id = await FileAsync("isr-officer", Filing("naval", Aleppo, now.AddDays(2), now.AddDays(3)));

        await AssertRefusedAsync("isr-officer", NoticeEntryTypes.Object, AnswerBody(id, "We object to ourselves."), HttpStatusCode.Forbidden, "notice-own");
    }

    [Fact]
    public async Task Ack_Twice_ConflictNamingTheFirstAnswer()
    {
        var now = app.Time.GetUtcNow();
        var id = await FileAsync("isr-officer", Filing("naval", Aleppo, now.AddDays(2), now.AddDays(3)));
        var first = await AnswerAsync("syr-officer", NoticeEntryTypes.Acknowledge, id);

        var problem = await AssertRefusedAsync("syr-duty", NoticeEntryTypes.Acknowledge, AnswerBody(id, null), HttpStatusCode.Conflict, "notice-already-answered");

        Assert.Equal(first, problem.GetProperty("seq").GetInt64());
        Assert.Single((await NoticeAsync("isr-officer", id)).GetProperty("responses").EnumerateArray());
    }

    [Fact]
    public async Task Object_AfterAck_ObjectedAnswersInOrder()
    {
        var now = app.Time.GetUtcNow();
        var id = await FileAsync("isr-officer", Filing("naval", Aleppo, now.AddDays(2), now.AddDays(3)));
        await AnswerAsync("syr-officer", NoticeEntryTypes.Acknowledge, id);

        await AnswerAsync("syr-duty", NoticeEntryTypes.Object, id, "New information: the area holds a fishing fleet.");

        var view = await NoticeAsync("isr-officer", id);
        Assert.Equal("objected", view.GetProperty("status").GetString());
        Assert.Equal(["ack", "object"], view.GetProperty("responses").EnumerateArray().Select(r => r.GetProperty("kind").GetString()));
    }

    [Theory]
    [InlineData(NoticeEntryTypes.Acknowledge)]
    [InlineData(NoticeEntryTypes.Object)]
    [InlineData(NoticeEntryTypes.Cancel)]
    public async Task Answer_UnknownNotice_NotFound(string type)
    {
        var problem = await AssertRefusedAsync("syr-officer", type, AnswerBody(987_654_321, type == NoticeEntryTypes.Acknowledge ? null : "Why not."), HttpStatusCode.NotFound, "notice-not-found");

        Assert.Contains("987654321", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ack_EntryThatIsNotANotice_NotFound()
    {
        using var client = app.CreateClientFor("isr-officer");
        using var statement = await client.SubmitEntryAsync(app.Sign("isr-officer", app.Statement("isr-officer", Everyone)));
        var seq = (await statement.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("seq").GetInt64();

        await AssertRefusedAsync("syr-officer", NoticeEntryTypes.Acknowledge, AnswerBody(seq, null), HttpStatusCode.NotFound, "notice-not-found");
    }

    [Fact]
    public async Task Cancel_AnotherPartysNotice_Forbidden()
    {
        var now = app.Time.GetUtcNow();
        var id = await FileAsync("isr-officer", Filing("naval", Aleppo, now.AddDays(2), now.AddDays(3)));

        await AssertRefusedAsync("syr-officer", NoticeEntryTypes.Cancel, AnswerBody(id, "Not yours to do."), HttpStatusCode.Forbidden, "notice-not-filer");

        Assert.Equal("filed", (await NoticeAsync("isr-officer", id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Amend_AnotherPartysNotice_Forbidden()
    {
        var now = app.Time.GetUtcNow();
        var id = await FileAsync("isr-officer", Filing("naval", Aleppo, now.AddDays(2), now.AddDays(3)));

        await AssertRefusedAsync("syr-officer", NoticeEntryTypes.File, Filing("naval", Aleppo, now.AddDays(2), now.AddDays(3), replaces: id), HttpStatusCode.Forbidden, "notice-not-filer");
    }

    [Theory]
    [InlineData(NoticeEntryTypes.Acknowledge)]
    [InlineData(NoticeEntryTypes.Object)]
    public async Task Answer_CancelledNotice_Closed(string type)
    {
        var now = app.Time.GetUtcNow();
        var id = await FileAsync("isr-officer", Filing("naval", Aleppo, now.AddDays(2), now.AddDays(3)));
        await AnswerAsync("isr-officer", NoticeEntryTypes.Cancel, id, "Called off.");

        await AssertRefusedAsync("syr-officer", type, AnswerBody(id, type == NoticeEntryTypes.Acknowledge ? null : "Too late."), HttpStatusCode.Conflict, "notice-closed");
    }

    [Fact]
    public async Task Cancel_Twice_Closed()
    {
        var now = app.Time.GetUtcNow();
        var id = await FileAsync("isr-officer", Filing("naval", Aleppo, now.AddDays(2), now.AddDays(3)));
        await AnswerAsync("isr-officer", NoticeEntryTypes.Cancel, id, "Called off.");

        await AssertRefusedAsync("isr-duty", NoticeEntryTypes.Cancel, AnswerBody(id, "Called off again."), HttpStatusCode.Conflict, "notice-closed");
    }

    [Fact]
    public async Task Answer_SupersededNotice_Closed()
    {
        var now = app.Time.GetUtcNow();
        var first = await FileAsync("isr-officer", Filing("naval", Aleppo, now.AddDays(2), now.AddDays(3)));
        await FileAsync("isr-officer", Filing("naval", Aleppo, now.AddDays(2), now.AddDays(4), replaces: first));

        await AssertRefusedAsync("syr-officer", NoticeEntryTypes.Acknowledge, AnswerBody(first, null), HttpStatusCode.Conflict, "notice-closed");
        await AssertRefusedAsync("isr-officer", NoticeEntryTypes.File, Filing("naval", Aleppo, now.AddDays(2), now.AddDays(5), replaces: first), HttpStatusCode.Conflict, "notice-closed");
    }

    [Fact]
    public async Task File_ByObserver_Forbidden()
    {
        var now = app.Time.GetUtcNow();
        var size = await app.RecordSizeAsync();

        using var response = await SubmitAsync("undof-observer", NoticeEntryTypes.File, Filing("naval", Aleppo, now.AddDays(2), now.AddDays(3)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await app.AssertNothingStoredSinceAsync(size);
    }

    /// <summary>Submits an entry that must be refused with this status and problem code; asserts the record did not grow.</summary>
    private async Task<System.Text.Json.JsonElement> AssertRefusedAsync(string author, string type, JsonObject body, HttpStatusCode status, string code, IEnumerable<string>? audience = null)
    {
        var size = await app.RecordSizeAsync();

        using var response = await SubmitAsync(author, type, body, audience);

        var problem = await response.AssertProblemAsync(status, code);
        await app.AssertNothingStoredSinceAsync(size);
        return problem;
    }
}
