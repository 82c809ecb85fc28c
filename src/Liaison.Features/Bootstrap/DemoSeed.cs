using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Keys;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;
using Liaison.Features.Identity;
using Liaison.Features.Keys;
using Microsoft.AspNetCore.Identity;

namespace Liaison.Features.Bootstrap;

/// <summary>One demo user's credentials: their password for the browser, a token and key file for the CLI.</summary>
public sealed record DemoUser(string UserName, string Party, IReadOnlyList<string> Roles, string Password, string Token, string KeyFile);

/// <summary>Everything <c>serve --demo</c> made for people to sign in with; written once to <c>demo/credentials.json</c>.</summary>
public sealed record DemoCredentials(string Mechanism, IReadOnlyList<DemoUser> Users)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Result<DemoCredentials> Load(string path)
    {
        try
        {
            var credentials = JsonSerializer.Deserialize<DemoCredentials>(File.ReadAllText(path), Json);
            return credentials is null ? new Error.Validation("credentials-invalid", $"{path} is empty.") : credentials;
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            return new Error.Validation("credentials-invalid", $"{path} cannot be read: {ex.Message}");
        }
    }
}

/// <summary>
/// Seeds the demo mechanism: <see cref="InitMechanism"/>, then one user per party and role, each with a key enrolled
/// by their party's administrator and a personal access token, then the opening statements of the scripted history.
/// </summary>
public sealed class DemoSeed(InitMechanism init, AccessTokens tokens, UserManager<LiaisonUser> users, TimeProvider time, Data.LiaisonDbContext db)
{
    public async Task<Result<DemoCredentials>> HandleAsync(MechanismConfig config, string configPath, DataFolder folder, CancellationToken cancellationToken)
    {
        var initialised = await init.HandleAsync(config, configPath, folder, cancellationToken);
        if (!initialised.IsSuccess)
        {
            return initialised.Error;
        }

        var demoUsers = new List<DemoUser>();
        foreach (var administrator in initialised.Value.Administrators)
        {
            var party = config.FindParty(new PartyCode(administrator.Party))!;
            var adminUser = (await users.FindByNameAsync(administrator.UserName))!;
            var adminKeyFile = KeyFile.Load(administrator.KeyFile);
            if (!adminKeyFile.IsSuccess)
            {
                return adminKeyFile.Error;
            }

            using var adminKey = adminKeyFile.Value.Open();
            var adminSigner = Signer.ForMember(adminUser.ToMember());
            var made = await AddUserAsync(administrator.UserName, party, [Role.Administrator], administrator.Password, administrator.KeyFile, adminUser.Id, cancellationToken);
            if (!made.IsSuccess)
            {
                return made.Error;
            }

            demoUsers.Add(made.Value);
            foreach (var role in config.RolesFor(party.Kind).Where(r => r != Role.Administrator))
            {
                var userName = $"{party.Code.Value.ToLowerInvariant()}-{role.ShortName()}";
                var created = await init.CreateUserAsync(party, userName, [role], $"{party.Name} {role.Code().Replace('-', ' ')}");
                if (!created.IsSuccess)
                {
                    return created.Error;
                }

                var keyFile = folder.UserKeyFile(userName);
                var enrolled = await init.EnrollNewKeyAsync(config, userName, adminKey, adminSigner, keyFile, cancellationToken);
                if (!enrolled.IsSuccess)
                {
                    return enrolled.Error;
                }

                var user = (await users.FindByNameAsync(userName))!;
                var demoUser = await AddUserAsync(userName, party, [role], created.Value.Password, keyFile, user.Id, cancellationToken);
                if (!demoUser.IsSuccess)
                {
                    return demoUser.Error;
                }

                demoUsers.Add(demoUser.Value);
            }
        }

        var credentials = new DemoCredentials(config.Id, demoUsers);
        OwnerOnlyFiles.WriteAllText(folder.DemoCredentials, JsonSerializer.Serialize(credentials, DemoCredentials.Json), overwrite: false);
        var history = await RecordOpeningStatementsAsync(config, credentials, cancellationToken);
        if (!history.IsSuccess)
        {
            return history.Error;
        }

        var hotline = await RecordHotlineHistoryAsync(config, credentials, cancellationToken);
        if (!hotline.IsSuccess)
        {
            return hotline.Error;
        }

        var notices = await RecordNoticeHistoryAsync(config, credentials, cancellationToken);
        var incidents = notices.IsSuccess ? await DemoIncidents.RecordAsync(config, time.GetUtcNow(), (author, type, audience, fields) => AppendAsUserAsync(config, credentials, author, type, audience, fields, cancellationToken)) : notices;
        incidents = incidents.IsSuccess ? await DemoDisputes.RecordAsync(init, users, time, db, config, credentials, cancellationToken) : incidents;
        return incidents.IsSuccess ? credentials : incidents.Error;
    }

    /// <summary>
    /// The hotline part of the scripted history: an exchange after the January 6 understanding, a FLASH about fire near
    /// Suwayda acknowledged in time, a request for explanation and its reply, Hebrew and Arabic messages with English
    /// translations, and a FLASH left unanswered, which escalates at its deadline and is missed at twice it while the
    /// demo runs.
    /// </summary>
    private async Task<Result<Unit>> RecordHotlineHistoryAsync(MechanismConfig config, DemoCredentials credentials, CancellationToken cancellationToken)
    {
        var steps = new List<Func<Dictionary<string, long>, (string Key, string Author, string Type, string Channel, JsonObject Fields)>>
        {
            _ => ("opening", "usa-mediator", "message.send", "isr-syr-diplomatic", Message("ROUTINE", "free-text", "The hotline is open", "Following the understanding of January 6, this channel is open for communication between the parties, to prevent misunderstandings and escalation.", "en")),
            seq => ("opening-reply", "syr-officer", "message.send", "isr-syr-diplomatic", Reply(seq["opening"], "ROUTINE", "استلام", "نؤكد استلام الرسالة وفتح قناة الاتصال.", "ar")),
            seq => ("opening-reply-ack", "isr-duty", "message.ack", "isr-syr-diplomatic", new JsonObject { ["messageSeq"] = seq["opening-reply"] }),
            seq => ("opening-reply-en", "syr-analyst", "message.translate", "isr-syr-diplomatic", new JsonObject { ["messageSeq"] = seq["opening-reply"], ["lang"] = "en", ["subject"] = "Receipt", ["body"] = "We confirm receipt of the message and the opening of the channel." }),
            _ => ("suwayda", "isr-officer", "message.send", "isr-syr-security", Message("FLASH", "free-text", "אש ליד סווידא", "דווח על חילופי אש סמוך לסווידא. נא לאשר קבלה ולמנוע הסלמה.", "he")),
            seq => ("suwayda-en", "isr-analyst", "message.translate", "isr-syr-security", new JsonObject { ["messageSeq"] = seq["suwayda"], ["lang"] = "en", ["subject"] = "Fire near Suwayda", ["body"] = "An exchange of fire near Suwayda is reported. Please acknowledge and prevent escalation." }),
            seq => ("suwayda-ack", "syr-duty", "message.ack", "isr-syr-security", new JsonObject { ["messageSeq"] = seq["suwayda"] }),
            _ => ("explain", "syr-officer", "message.send", "isr-syr-security", RequestForExplanation("IMMEDIATE", "Air activity over Quneitra", "Air activity was observed over Quneitra governorate this morning without prior notice.", "Which activity was this, and why was it not notified?")),
            seq => ("explain-reply", "isr-officer", "message.send", "isr-syr-security", Reply(seq["explain"], "IMMEDIATE", "Re: Air activity over Quneitra", "A reconnaissance flight in self-defence; a notice is being filed.", "en")),
            seq => ("explain-reply-ack", "syr-duty", "message.ack", "isr-syr-security", new JsonObject { ["messageSeq"] = seq["explain-reply"] }),
            _ => ("unanswered", "syr-officer", "message.send", "isr-syr-security", Message("FLASH", "free-text", "تبادل لإطلاق النار شمال القنيطرة", "إطلاق نار شمال القنيطرة. نطلب التأكيد فوراً.", "ar")),
        };

        var seqs = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            var (key, author, type, channelCode, fields) = step(seqs);
            var channel = config.FindChannel(channelCode)!;
            if (type == "message.send")
            {
                fields["channel"] = channelCode;
            }

            var audience = channel.Parties.Concat(channel.Observers).Select(p => p.Value).Distinct(StringComparer.Ordinal);
            var appended = await AppendAsUserAsync(config, credentials, author, type, audience, fields, cancellationToken);
            if (!appended.IsSuccess)
            {
                return appended.Error;
            }

            seqs[key] = appended.Value;
        }

        return Unit.Value;
    }

    /// <summary>
    /// The deconfliction part of the scripted history, relative to now: Israeli engineering works east of the Area of
    /// Separation (in the 10 km band), to which Syria objects; a Syrian ground movement that overlaps them; an Israeli air
    /// sortie near the Area of Separation filed 12 minutes ahead, 48 minutes late, which Syria acknowledges; and an
    /// Israeli self-defence strike in As-Suwayda filed 40 minutes after the fact, touching the protected community.
    /// </summary>
    private async Task<Result<Unit>> RecordNoticeHistoryAsync(MechanismConfig config, DemoCredentials credentials, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var everyone = config.Parties.Select(p => p.Code.Value).ToList();
        var steps = new List<Func<Dictionary<string, long>, (string Key, string Author, string Type, JsonObject Fields)>>
        {
            _ => ("works", "isr-officer", "notice.file", Notice("engineering-works", Box(35.925, 33.09, 35.975, 33.15), now.AddHours(1), now.AddDays(3), "Field fortifications and a patrol road east of the line.")),
            seq => ("works-objection", "syr-officer", "notice.object", new JsonObject { ["notice"] = seq["works"], ["reason"] = "Works east of the Area of Separation, inside the area of limitation, contradict the 1974 agreement." }),
            _ => ("movement", "syr-officer", "notice.file", Notice("ground-movement", Box(35.95, 33.12, 35.99, 33.16), now.AddHours(26), now.AddHours(30), "Rotation of a battalion near Quneitra.", new JsonObject { ["troops"] = 300, ["tanks"] = 10 })),
            _ => ("sortie", "isr-officer", "notice.file", Notice("air-sortie", Box(35.70, 33.00, 35.80, 33.10), now.AddMinutes(12), now.AddHours(2), "Reconnaissance sortie west of the line.", new JsonObject { ["aircraft"] = 2 }, new JsonObject { ["minMetres"] = 3000, ["maxMetres"] = 9000 })),
            seq => ("sortie-ack", "syr-duty", "notice.ack", new JsonObject { ["notice"] = seq["sortie"] }),
            _ => ("strike", "isr-officer", "notice.file", SelfDefence(Notice("strike", Box(36.52, 32.70, 36.56, 32.74), now.AddMinutes(-40), now.AddMinutes(-35), "Strike on a launcher that fired on Druze villages."))),
        };

        var seqs = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            var (key, author, type, fields) = step(seqs);
            var appended = await AppendAsUserAsync(config, credentials, author, type, everyone, fields, cancellationToken);
            if (!appended.IsSuccess)
            {
                return appended.Error;
            }

            seqs[key] = appended.Value;
        }

        return Unit.Value;
    }

    private static JsonObject Notice(string kind, JsonObject area, DateTimeOffset start, DateTimeOffset end, string text, JsonObject? assets = null, JsonObject? altitude = null)
    {
        var notice = new JsonObject
        {
            ["kind"] = kind,
            ["area"] = area,
            ["window"] = new JsonObject { ["start"] = Rfc3339(start), ["end"] = Rfc3339(end) },
            ["text"] = text,
            ["lang"] = "en",
        };
        if (assets is not null)
        {
            notice["assets"] = assets;
        }

        if (altitude is not null)
        {
            notice["altitude"] = altitude;
        }

        return notice;
    }

    private static JsonObject SelfDefence(JsonObject notice)
    {
        notice["selfDefence"] = true;
        return notice;
    }

    private static JsonObject Box(double west, double south, double east, double north) => new()
    {
        ["type"] = "Polygon",
        ["coordinates"] = new JsonArray(new JsonArray(
            new JsonArray(west, south), new JsonArray(east, south), new JsonArray(east, north), new JsonArray(west, north), new JsonArray(west, south))),
    };

    private static string Rfc3339(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject Message(string precedence, string template, string subject, string body, string lang) =>
        new() { ["precedence"] = precedence, ["template"] = template, ["subject"] = subject, ["body"] = body, ["lang"] = lang };

    private static JsonObject Reply(long inReplyTo, string precedence, string subject, string body, string lang)
    {
        var reply = Message(precedence, "reply", subject, body, lang);
        reply["inReplyTo"] = inReplyTo;
        return reply;
    }

    private static JsonObject RequestForExplanation(string precedence, string subject, string body, string question)
    {
        var request = Message(precedence, "request-for-explanation", subject, body, "en");
        request["reference"] = subject;
        request["question"] = question;
        return request;
    }

    private async Task<Result<long>> AppendAsUserAsync(MechanismConfig config, DemoCredentials credentials, string author, string type, IEnumerable<string> audience, JsonObject fields, CancellationToken cancellationToken)
    {
        var demoUser = credentials.Users.First(u => u.UserName == author);
        var keyFile = KeyFile.Load(demoUser.KeyFile);
        if (!keyFile.IsSuccess)
        {
            return keyFile.Error;
        }

        using var key = keyFile.Value.Open();
        var user = (await users.FindByNameAsync(author))!;
        var payload = Entries.EntryBuilder.Payload(type, config.Id, author, audience, time.GetUtcNow(), fields);
        var appended = await init.AppendAsync(Entries.EntryBuilder.Sign(payload, key), Signer.ForMember(user.ToMember()), cancellationToken);
        return appended.Map(a => a.Seq);
    }

    private async Task<Result<DemoUser>> AddUserAsync(string userName, PartyConfig party, IReadOnlyList<Role> roles, string password, string keyFile, string userId, CancellationToken cancellationToken)
    {
        var token = await tokens.CreateAsync(new CreateTokenRequest("demo", null, 365), userId, cancellationToken);
        return token.Map(t => new DemoUser(userName, party.Code.Value, roles.Select(r => r.Code()).ToList(), password, t.Token!, keyFile));
    }

    /// <summary>The first entries of the scripted history, drawn from the January 2026 statements; each is signed by its author's demo key.</summary>
    private async Task<Result<Unit>> RecordOpeningStatementsAsync(MechanismConfig config, DemoCredentials credentials, CancellationToken cancellationToken)
    {
        var everyone = config.Parties.Select(p => p.Code.Value).ToList();
        (string Author, string Subject, string Body, string Lang)[] statements =
        [
            ("usa-mediator", "Establishment of the joint mechanism",
                "Israel and Syria have reached an understanding on the establishment of a joint mechanism to enable communication, coordination and cooperation in the fields of security, intelligence and commercial opportunities. The mechanism is a platform for resolving disputes, to prevent misunderstandings and escalation.", "en"),
            ("isr-commander", "הצהרה על מדיניות הביטחון",
                "צה\"ל ימשיך להחזיק בפסגת החרמון ובאזור החיץ כדי להגן על יישובי רמת הגולן והגליל. ישראל מחויבת לביטחונם של הדרוזים בסוריה.", "he"),
            ("syr-commander", "بيان بشأن الآلية المشتركة",
                "ترحب الجمهورية العربية السورية بإنشاء آلية الاتصال المشتركة وتؤكد التزامها بمنع سوء الفهم والتصعيد في الجنوب.", "ar"),
        ];
        foreach (var (author, subject, body, lang) in statements)
        {
            var demoUser = credentials.Users.FirstOrDefault(u => u.UserName == author);
            if (demoUser is null)
            {
                continue;
            }

            var keyFile = KeyFile.Load(demoUser.KeyFile);
            if (!keyFile.IsSuccess)
            {
                return keyFile.Error;
            }

            using var key = keyFile.Value.Open();
            var user = (await users.FindByNameAsync(author))!;
            var payload = Entries.EntryBuilder.Payload(EntryTypes.StatementIssue, config.Id, author, everyone, time.GetUtcNow(), new JsonObject { ["subject"] = subject, ["body"] = body, ["lang"] = lang });
            var appended = await init.AppendAsync(Entries.EntryBuilder.Sign(payload, key), Signer.ForMember(user.ToMember()), cancellationToken);
            if (!appended.IsSuccess)
            {
                return appended.Error;
            }
        }

        return Unit.Value;
    }
}
