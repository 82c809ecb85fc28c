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
public sealed class DemoSeed(InitMechanism init, AccessTokens tokens, UserManager<LiaisonUser> users, TimeProvider time)
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
        return history.IsSuccess ? credentials : history.Error;
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
