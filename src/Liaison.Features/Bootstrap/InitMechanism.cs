using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Keys;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;
using Liaison.Features.Data;
using Liaison.Features.Entries;
using Liaison.Features.Identity;
using Liaison.Features.Keys;
using Liaison.Features.Mechanism;
using Liaison.Ledger.Crypto;
using Liaison.Ledger.Notes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Bootstrap;

/// <summary>A first administrator created by <c>admin init</c>: their password is shown once and stored nowhere in clear.</summary>
public sealed record InitialAdministrator(string UserName, string Party, string Password, string KeyFile);

/// <summary>What <c>admin init</c> made.</summary>
public sealed record InitResult(string MechanismId, string ConfigSha256, IReadOnlyList<InitialAdministrator> Administrators, IReadOnlyList<string> RootKeyFiles);

/// <summary>
/// Establishes a mechanism in an empty data folder: copies and hashes the configuration, creates the schema, makes
/// the server key and each party's root key, records <c>mechanism.establish</c> and each <c>party.root</c> in the joint
/// record, and creates each party's first administrator with a key enrolled by that party's root key.
/// </summary>
public sealed class InitMechanism(LiaisonDbContext db, EntrySequencer sequencer, UserManager<LiaisonUser> users, EstablishedMechanism established, TimeProvider time)
{
    public const string ServerAuthor = "server";

    public async Task<Result<InitResult>> HandleAsync(MechanismConfig config, string configPath, DataFolder folder, CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (await db.Mechanisms.AnyAsync(cancellationToken) || await db.Entries.AnyAsync(cancellationToken))
        {
            return new Error.Conflict("already-initialised", $"{folder.Root} already holds a mechanism; use a new --data folder.");
        }

        var configSha256 = CopyConfiguration(config, configPath, folder);
        established.Set(config);
        var audience = config.Parties.Select(p => p.Code.Value).ToList();
        var now = time.GetUtcNow();

        using var serverKey = Ed25519PrivateKey.Generate();
        KeyFile.For(serverKey, ServerAuthor).Save(folder.ServerKeyFile);
        db.Mechanisms.Add(new MechanismRecord { Id = config.Id, Name = config.Name, ConfigFile = Path.GetFileName(configPath), ConfigSha256 = configSha256, EstablishedAt = now });
        await db.SaveChangesAsync(cancellationToken);

        using var logKey = NoteSignerKey.Generate(ServedMechanism.OriginFor(config.Id));
        OwnerOnlyFiles.WriteAllText(folder.LogKeyFile, logKey.ExportSkey() + "\n", overwrite: false);
        var establish = EntryBuilder.Payload(EntryTypes.MechanismEstablish, config.Id, ServerAuthor, audience, now, new JsonObject
        {
            ["name"] = config.Name,
            ["configSha256"] = configSha256,
            [Notices.ZoneFiles.RecordedField] = new JsonObject([.. Notices.ZoneFiles.Digests(config).Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value))]),
            ["logOrigin"] = logKey.Name,
            ["logKey"] = logKey.VerifierKey.ToString(),
            ["serverKey"] = serverKey.PublicKey.ToBase64(),
        });
        var appended = await AppendAsync(EntryBuilder.Sign(establish, serverKey), new Signer(ServerAuthor, KeyOwnerKind.Server, config.Convener.Code, new HashSet<Role>()), cancellationToken);
        if (!appended.IsSuccess)
        {
            return appended.Error;
        }

        var administrators = new List<InitialAdministrator>();
        var rootFiles = new List<string>();
        foreach (var party in config.Parties)
        {
            using var rootKey = Ed25519PrivateKey.Generate();
            var rootFile = folder.RootKeyFile(party.Code.Value);
            KeyFile.For(rootKey, party.Code.Value).Save(rootFile);
            rootFiles.Add(rootFile);
            var rootPayload = EntryBuilder.Payload(EntryTypes.PartyRoot, config.Id, party.Code.Value, audience, now, new JsonObject { ["publicKey"] = rootKey.PublicKey.ToBase64() });
            var rooted = await AppendAsync(EntryBuilder.Sign(rootPayload, rootKey), Signer.ForRoot(party.Code), cancellationToken);
            if (!rooted.IsSuccess)
            {
                return rooted.Error;
            }

            var admin = await CreateUserAsync(party, $"{party.Code.Value.ToLowerInvariant()}-{Role.Administrator.ShortName()}", [Role.Administrator], $"{party.Name} administrator");
            if (!admin.IsSuccess)
            {
                return admin.Error;
            }

            var keyFile = folder.UserKeyFile(admin.Value.UserName);
            var enrolled = await EnrollNewKeyAsync(config, admin.Value.UserName, rootKey, Signer.ForRoot(party.Code), keyFile, cancellationToken);
            if (!enrolled.IsSuccess)
            {
                return enrolled.Error;
            }

            administrators.Add(new InitialAdministrator(admin.Value.UserName, party.Code.Value, admin.Value.Password, keyFile));
        }

        return new InitResult(config.Id, configSha256, administrators, rootFiles);
    }

    /// <summary>Creates a user of <paramref name="party"/> with a random password, returned once.</summary>
    public async Task<Result<(string UserName, string Password)>> CreateUserAsync(PartyConfig party, string userName, IReadOnlyList<Role> roles, string displayName)
    {
        var password = NewPassword();
        var user = new LiaisonUser
        {
            UserName = userName,
            PartyCode = party.Code.Value,
            RoleCodes = string.Join(',', roles.Select(r => r.Code())),
            DisplayName = displayName,
            CreatedAt = time.GetUtcNow(),
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new Error.Validation("user-invalid", string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        return (userName, password);
    }

    /// <summary>Makes a key for <paramref name="userName"/>, saves it to <paramref name="keyFile"/>, and records its enrolment signed by <paramref name="enroller"/>.</summary>
    public async Task<Result<SequencedEntry>> EnrollNewKeyAsync(MechanismConfig config, string userName, Ed25519PrivateKey enrollerKey, Signer enroller, string keyFile, CancellationToken cancellationToken)
    {
        using var key = Ed25519PrivateKey.Generate();
        KeyFile.For(key, userName).Save(keyFile);
        var audience = config.Parties.Select(p => p.Code.Value);
        var payload = EntryBuilder.Payload(EntryTypes.KeyEnroll, config.Id, enroller.Name, audience, time.GetUtcNow(), new JsonObject
        {
            ["subject"] = userName,
            ["publicKey"] = key.PublicKey.ToBase64(),
            ["keyId"] = KeyId.For(key.PublicKey.Bytes).Value,
        });
        return await AppendAsync(EntryBuilder.Sign(payload, enrollerKey), enroller, cancellationToken);
    }

    /// <summary>Appends an entry signed by a bootstrap, root or server key, which no HTTP request can present.</summary>
    public async Task<Result<SequencedEntry>> AppendAsync(SignedEntry signed, Signer signer, CancellationToken cancellationToken)
    {
        var header = EntryPayload.Parse(signed.Payload);
        if (!header.IsSuccess)
        {
            return header.Error;
        }

        var pending = new PendingEntry(header.Value, signed.Payload, SHA256.HashData(signed.Payload), signed.KeyId, signed.Signature, signer);
        return await sequencer.AppendAsync(pending, cancellationToken);
    }

    private static string CopyConfiguration(MechanismConfig config, string configPath, DataFolder folder)
    {
        Directory.CreateDirectory(folder.MechanismDirectory);
        var sourceDirectory = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
        var bytes = File.ReadAllBytes(configPath);
        File.WriteAllBytes(Path.Combine(folder.MechanismDirectory, Path.GetFileName(configPath)), bytes);
        foreach (var zone in config.Zones)
        {
            var from = Path.GetFullPath(Path.Combine(sourceDirectory, zone.Source));
            var to = Path.GetFullPath(Path.Combine(folder.MechanismDirectory, zone.Source));
            if (!to.StartsWith(folder.MechanismDirectory, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Zone source '{zone.Source}' points outside the configuration's folder.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to, overwrite: true);
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static string NewPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y');
}
