using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Domain.Common;
using Liaison.Domain.Incidents;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;
using Liaison.Domain.Tests.Mechanism;

namespace Liaison.Domain.Tests.Incidents;

/// <summary>A register over the demo configuration, fed entries at explicit times (no clock is read).</summary>
internal sealed class IncidentScenario
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 10, 8, 0, 0, TimeSpan.Zero);
    public static readonly PartyCode Isr = new("ISR");
    public static readonly PartyCode Syr = new("SYR");
    public static readonly PartyCode Usa = new("USA");
    public static readonly PartyCode Undof = new("UNDOF");
    public static readonly PartyCode[] Everyone = [Isr, Syr, Usa, Undof];

    private static readonly Lazy<MechanismConfig> DemoConfig = new(() => MechanismConfigLoader.Load(ConfigFixtures.DemoPath).Value);

    private long _seq = 100;

    public IncidentScenario() => Register = new IncidentRegister(Config, Gazetteer.Default);

    public static MechanismConfig Config => DemoConfig.Value;

    public IncidentRegister Register { get; }

    /// <summary>An incident.report body near As-Suwayda (or at <paramref name="lon"/>, <paramref name="lat"/>), changed by <paramref name="change"/>.</summary>
    public static JsonObject ReportBody(string category = "exchange-of-fire", DateTimeOffset? start = null, double lon = 36.5697, double lat = 32.7090, Action<JsonObject>? change = null)
    {
        var body = new JsonObject
        {
            ["category"] = category,
            ["time"] = new JsonObject { ["start"] = Rfc3339(start ?? T0) },
            ["location"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(lon, lat) },
            ["actors"] = new JsonArray("druze-militia", "unknown"),
            ["casualties"] = new JsonObject { ["civilians"] = new JsonObject { ["killed"] = new JsonObject { ["min"] = 1, ["max"] = 3 } } },
            ["narrative"] = new JsonObject { ["text"] = "Exchange of fire near the town.", ["lang"] = "en" },
            ["grading"] = "B2",
        };
        change?.Invoke(body);
        return body;
    }

    public static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>Applies an entry of <paramref name="type"/> by <paramref name="party"/> at <paramref name="at"/>, addressed to everyone unless told.</summary>
    public Result<IReadOnlyList<Incident>> Apply(string type, PartyCode party, DateTimeOffset at, JsonObject body, IReadOnlyList<PartyCode>? audience = null, bool checkAuthor = true)
    {
        using var document = JsonDocument.Parse(body.ToJsonString());
        var entry = new IncidentEntry(++_seq, type, party, party.Value.ToLowerInvariant() + "-officer", audience ?? Everyone, at, at, document.RootElement.Clone());
        return Register.Apply(entry, checkAuthor);
    }

    /// <summary>Reports an incident (it must be admitted) and returns its id.</summary>
    public long Report(PartyCode party, DateTimeOffset at, JsonObject? body = null)
    {
        var result = Apply(IncidentEntryTypes.Report, party, at, body ?? ReportBody(start: at));
        Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Error.Detail);
        return result.Value[0].Id;
    }

    /// <summary>A transition on <paramref name="incident"/>: <c>incident.ack</c>, <c>incident.dispute</c> … with the fields its type needs.</summary>
    public Result<IReadOnlyList<Incident>> Step(string type, PartyCode party, DateTimeOffset at, long incident)
    {
        var body = new JsonObject { ["incident"] = incident };
        switch (type)
        {
            case IncidentEntryTypes.Resolve:
                body["text"] = "Agreed: a misidentified patrol.";
                body["lang"] = "en";
                break;
            case IncidentEntryTypes.Dispute:
                body["reason"] = "No unit of ours was there.";
                body["lang"] = "en";
                break;
            case IncidentEntryTypes.Finding:
                body["outcome"] = "substantiated";
                body["reasons"] = "Crater analysis and the observer's report agree.";
                body["lang"] = "en";
                break;
            default:
                break;
        }

        return Apply(type, party, at, body);
    }

    /// <summary>A transition that must be admitted.</summary>
    public Incident Do(string type, PartyCode party, DateTimeOffset at, long incident)
    {
        var result = Step(type, party, at, incident);
        Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Error.Detail);
        return result.Value[0];
    }
}
