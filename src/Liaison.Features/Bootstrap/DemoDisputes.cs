using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Domain.Common;
using Liaison.Domain.Disputes;
using Liaison.Domain.Keys;
using Liaison.Domain.Mechanism;
using Liaison.Domain.VerificationVisits;
using Liaison.Features.Data;
using Liaison.Features.Identity;
using Liaison.Features.Keys;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Bootstrap;

/// <summary>
/// The disputes and verification part of the demo history, relative to now: Syria disputes Israel's self-defence
/// strike in As-Suwayda (Arabic claim, Hebrew reply, escalated twice, an unsubstantiated finding by the convener); Israel
/// opens a dispute over shelling near As-Suwayda that awaits Syria's reply (its deadline runs while the demo runs);
/// Syria requests a visit to the Area of Separation, which UNDOF makes and reports (Israeli forces observed there: a
/// violation computed from the zone's rules); the convener verifies Syria's interdiction of smuggled arms in the south;
/// and Israel's request for a visit to the 10 km band is left open. Each entry is signed by its author's demo key.
/// </summary>
internal static class DemoDisputes
{
    /// <summary>
    /// Records the steps after the incidents part of the demo: Syria's dispute cites Syria's report of the exchange of fire
    /// near As-Suwayda, and the convener's visit confirms Syria's report of the arms interdiction, when those reports
    /// are in the record (<paramref name="db"/> is read to find them).
    /// </summary>
    public static async Task<Result<Unit>> RecordAsync(InitMechanism init, UserManager<LiaisonUser> users, TimeProvider time, LiaisonDbContext db, MechanismConfig config,
        DemoCredentials credentials, CancellationToken cancellationToken)
    {
        var strikeIncident = await LatestReportAsync(db, "syr-officer", "exchange-of-fire", cancellationToken);
        var interdictionIncident = await LatestReportAsync(db, "syr-officer", "smuggling-arms", cancellationToken);
        var now = time.GetUtcNow();
        var everyone = config.Parties.Select(p => p.Code.Value).ToList();
        var steps = new List<Func<Dictionary<string, long>, (string Key, string Author, string Type, JsonObject Fields)>>
        {
            _ => ("strike", "syr-officer", DisputeEntryTypes.Open, new JsonObject
            {
                ["respondent"] = "ISR",
                ["breach"] = new JsonObject { ["commitment"] = "isr-strikes-self-defence-only" },
                ["incidents"] = strikeIncident is { } incident ? new JsonArray(incident) : new JsonArray(),
                ["claim"] = new JsonObject
                {
                    ["text"] = "الضربة الإسرائيلية في محافظة السويداء لم تكن دفاعاً عن النفس: لم يُطلق أي صاروخ من الموقع المستهدف، ولم يُبلَّغ عنها إلا بعد وقوعها بأربعين دقيقة.",
                    ["lang"] = "ar",
                },
            }),
            seq => ("strike-reply", "isr-officer", DisputeEntryTypes.Reply, new JsonObject
            {
                ["dispute"] = seq["strike"],
                ["text"] = "המשגר שהותקף ירה לעבר כפרים דרוזים דקות לפני התקיפה. ההודעה על הגנה עצמית הוגשה בתוך שעה, כפי שנקבע.",
                ["lang"] = "he",
            }),
            seq => ("strike-senior", "syr-commander", DisputeEntryTypes.Escalate, new JsonObject
            {
                ["dispute"] = seq["strike"], ["to"] = "senior", ["reason"] = "The reply names no launch time and no evidence of fire from the site.",
            }),
            seq => ("strike-senior-reply", "isr-commander", DisputeEntryTypes.Reply, new JsonObject
            {
                ["dispute"] = seq["strike"], ["text"] = "Radar tracks of the launches have been shared with the convener; the strike was notified within the self-defence grace period.", ["lang"] = "en",
            }),
            seq => ("strike-convener", "syr-commander", DisputeEntryTypes.Escalate, new JsonObject
            {
                ["dispute"] = seq["strike"], ["to"] = "convener", ["reason"] = "The tracks were not shared with Syria.",
            }),
            seq => ("strike-finding", "usa-mediator", DisputeEntryTypes.Finding, new JsonObject
            {
                ["dispute"] = seq["strike"],
                ["outcome"] = "unsubstantiated",
                ["reasons"] = "The strike was notified as self-defence 40 minutes after it, within the one-hour grace period, and the radar tracks the convener examined show launches from the site shortly before. Syria's account does not establish that the strike was not in self-defence.",
                ["remedy"] = "Israel shares the launch tracks of any self-defence strike with Syria through the convener within 24 hours; Syria reports launches from its territory on the security channel as they happen.",
                ["major"] = false,
                ["lang"] = "en",
            }),
            _ => ("shelling", "isr-officer", DisputeEntryTypes.Open, new JsonObject
            {
                ["respondent"] = "SYR",
                ["breach"] = new JsonObject { ["commitment"] = "syr-protect-druze" },
                ["claim"] = new JsonObject { ["text"] = "Mortar fire on Druze villages west of As-Suwayda from positions held by government forces.", ["lang"] = "en" },
            }),
            _ => ("aos-request", "syr-officer", VerificationEntryTypes.Request, new JsonObject
            {
                ["zone"] = "aos", ["reason"] = "Israeli positions and armour are reported inside the Area of Separation near Quneitra.", ["lang"] = "en",
            }),
            seq => ("aos-report", "undof-observer", VerificationEntryTypes.Report, new JsonObject
            {
                ["zone"] = "aos",
                ["request"] = seq["aos-request"],
                ["visit"] = Visit(now.AddHours(-5), now.AddHours(-1)),
                ["observed"] = new JsonObject { ["ISR"] = new JsonObject { ["troops"] = 150, ["tanks"] = 4 }, ["SYR"] = new JsonObject() },
                ["violations"] = new JsonArray(),
                ["text"] = "Patrol from the Quneitra crossing southward along the Alpha line: three Israeli positions occupied inside the Area of Separation, no Syrian military forces seen.",
                ["lang"] = "en",
            }),
            _ => ("interdiction-report", "usa-mediator", VerificationEntryTypes.Report, new JsonObject
            {
                ["zone"] = "suwayda",
                ["visit"] = Visit(now.AddHours(-8), now.AddHours(-6)),
                ["observed"] = new JsonObject { ["SYR"] = new JsonObject { ["troops"] = 30 } },
                ["violations"] = new JsonArray(),
                ["text"] = "The convener's team inspected the vehicle and the small arms and ammunition Syrian forces seized near the Jordanian border, held at their post in the south, and met the two detained smugglers. This confirms the interdiction Syria reported"
                    + (interdictionIncident is { } reported ? $" (incident {reported})." : "."),
                ["lang"] = "en",
            }),
            _ => ("band-request", "isr-officer", VerificationEntryTypes.Request, new JsonObject
            {
                ["zone"] = "aol-10km", ["reason"] = "Tanks beyond the agreed number are reported in the first 10 km east of the line.", ["lang"] = "en",
            }),
        };

        var seqs = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            var (key, author, type, fields) = step(seqs);
            var demoUser = credentials.Users.First(u => u.UserName == author);
            var keyFile = KeyFile.Load(demoUser.KeyFile);
            if (!keyFile.IsSuccess)
            {
                return keyFile.Error;
            }

            using var signingKey = keyFile.Value.Open();
            var user = (await users.FindByNameAsync(author))!;
            var payload = Entries.EntryBuilder.Payload(type, config.Id, author, everyone, time.GetUtcNow(), fields);
            var appended = await init.AppendAsync(Entries.EntryBuilder.Sign(payload, signingKey), Signer.ForMember(user.ToMember()), cancellationToken);
            if (!appended.IsSuccess)
            {
                return appended.Error;
            }

            seqs[key] = appended.Value.Seq;
        }

        return Unit.Value;
    }

    /// <summary>The latest incident report of <paramref name="category"/> by <paramref name="author"/>, or null.</summary>
    private static async Task<long?> LatestReportAsync(LiaisonDbContext db, string author, string category, CancellationToken cancellationToken)
    {
        var reports = await db.Entries.AsNoTracking().Where(e => e.Type == "incident.report" && e.Author == author).OrderByDescending(e => e.Seq).ToListAsync(cancellationToken);
        foreach (var report in reports)
        {
            using var payload = JsonDocument.Parse(report.Payload);
            if (payload.RootElement.TryGetProperty("category", out var found) && found.ValueKind == JsonValueKind.String && found.GetString() == category)
            {
                return report.Seq;
            }
        }

        return null;
    }

    private static JsonObject Visit(DateTimeOffset start, DateTimeOffset end) => new()
    {
        ["start"] = start.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["end"] = end.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
    };
}
