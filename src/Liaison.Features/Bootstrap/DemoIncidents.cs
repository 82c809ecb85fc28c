using System.Globalization;
using System.Text.Json.Nodes;
using Liaison.Domain.Common;
using Liaison.Domain.Incidents;
using Liaison.Domain.Mechanism;

namespace Liaison.Features.Bootstrap;

/// <summary>
/// The incidents part of the demo history, relative to now: fighting in Aleppo's Sheikh Maqsoud and Ashrafiyeh reported
/// by the observer (UNDOF) and acknowledged by Syria; an exchange of fire near As-Suwayda reported by both Syria and
/// Israel and linked by the convener as one event, Israel acknowledging Syria's report while Syria's acknowledgement of
/// Israel's is still owed (it escalates at its 24 h deadline while the demo runs, and is late after it); and a smuggling
/// interdiction (arms) in the south reported by Syria and acknowledged by Israel, which the verification part of the
/// demo may reference (the <c>smuggling-arms</c> report by SYR).
/// </summary>
internal static class DemoIncidents
{
    /// <summary>Appends one entry as a demo user and returns its sequence number.</summary>
    public delegate Task<Result<long>> Append(string author, string type, IEnumerable<string> audience, JsonObject fields);

    public static async Task<Result<Unit>> RecordAsync(MechanismConfig config, DateTimeOffset now, Append append)
    {
        var everyone = config.Parties.Select(p => p.Code.Value).ToList();
        var maqsoud = Gazetteer.Default.Find("Sheikh Maqsoud").Matches[0];
        var steps = new List<Func<Dictionary<string, long>, (string Key, string Author, string Type, JsonObject Fields)>>
        {
            _ => ("aleppo", "undof-observer", IncidentEntryTypes.Report, Report(
                "attack-on-protected-community", now.AddHours(-7), now.AddHours(-3), Point(maqsoud.Longitude, maqsoud.Latitude), "Sheikh Maqsoud",
                ["syrian-government-forces", "kurdish-led-forces"],
                new JsonObject
                {
                    ["civilians"] = Casualties(Range(2, 5), Range(10, 20)),
                },
                "Heavy fighting between government forces and Kurdish-led forces in Sheikh Maqsoud and Ashrafiyeh; mortar rounds fell on residential streets. Observed from a patrol position; casualty figures from the local hospital.",
                "en", "B2", ["SYR"])),
            seq => ("aleppo-ack", "syr-duty", IncidentEntryTypes.Acknowledge, new JsonObject { ["incident"] = seq["aleppo"] }),
            _ => ("suwayda-syr", "syr-officer", IncidentEntryTypes.Report, Report(
                "exchange-of-fire", now.AddHours(-5), null, Point(36.5810, 32.7160), "As-Suwayda",
                ["israeli-forces", "druze-militia"],
                new JsonObject { ["SYR"] = Casualties(null, Range(1, 2)) },
                "تبادل لإطلاق النار قرب السويداء بين وحداتنا ومجموعة مسلحة، أعقبه قصف من الجانب الآخر.",
                "ar", "C3", null)),
            _ => ("suwayda-isr", "isr-officer", IncidentEntryTypes.Report, Report(
                "exchange-of-fire", now.AddHours(-4).AddMinutes(-30), null, Point(36.5600, 32.7000), "As-Suwayda",
                ["syrian-government-forces", "druze-militia"],
                null,
                "חילופי אש סמוך לסווידא; כוח שלנו השיב אש לעבר מקור הירי.",
                "he", "B3", null)),
            seq => ("suwayda-link", "usa-mediator", IncidentEntryTypes.Link, new JsonObject
            {
                ["incidents"] = new JsonArray(seq["suwayda-syr"], seq["suwayda-isr"]),
                ["reason"] = "Both reports describe the same exchange of fire west of As-Suwayda, half an hour and 2.6 km apart.",
            }),
            seq => ("suwayda-syr-ack", "isr-duty", IncidentEntryTypes.Acknowledge, new JsonObject { ["incident"] = seq["suwayda-syr"] }),
            _ => ("smuggling", "syr-officer", IncidentEntryTypes.Report, Report(
                "smuggling-arms", now.AddHours(-10), now.AddHours(-9), Point(36.2300, 32.5200), "Daraa",
                ["smugglers"],
                null,
                "Interdiction of a vehicle carrying small arms and ammunition near the Jordanian border south-east of Daraa; two smugglers detained.",
                "en", "A2", null)),
            seq => ("smuggling-ack", "isr-officer", IncidentEntryTypes.Acknowledge, new JsonObject { ["incident"] = seq["smuggling"] }),
        };

        var seqs = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            var (key, author, type, fields) = step(seqs);
            var appended = await append(author, type, everyone, fields);
            if (!appended.IsSuccess)
            {
                return appended.Error;
            }

            seqs[key] = appended.Value;
        }

        return Unit.Value;
    }

    private static JsonObject Report(
        string category, DateTimeOffset start, DateTimeOffset? end, JsonObject location, string placeName, string[] actors, JsonObject? casualties,
        string narrative, string lang, string grading, string[]? concerns)
    {
        var time = new JsonObject { ["start"] = Rfc3339(start) };
        if (end is { } until)
        {
            time["end"] = Rfc3339(until);
        }

        var report = new JsonObject
        {
            ["category"] = category,
            ["time"] = time,
            ["location"] = location,
            ["placeName"] = placeName,
            ["actors"] = new JsonArray([.. actors.Select(a => (JsonNode)JsonValue.Create(a))]),
            ["narrative"] = new JsonObject { ["text"] = narrative, ["lang"] = lang },
            ["grading"] = grading,
        };
        if (casualties is not null)
        {
            report["casualties"] = casualties;
        }

        if (concerns is not null)
        {
            report["concerns"] = new JsonArray([.. concerns.Select(c => (JsonNode)JsonValue.Create(c))]);
        }

        return report;
    }

    private static JsonObject Point(double lon, double lat) => new() { ["type"] = "Point", ["coordinates"] = new JsonArray(lon, lat) };

    private static JsonObject Range(int min, int max) => new() { ["min"] = min, ["max"] = max };

    private static JsonObject Casualties(JsonObject? killed, JsonObject? wounded)
    {
        var side = new JsonObject();
        if (killed is not null)
        {
            side["killed"] = killed;
        }

        if (wounded is not null)
        {
            side["wounded"] = wounded;
        }

        return side;
    }

    private static string Rfc3339(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
