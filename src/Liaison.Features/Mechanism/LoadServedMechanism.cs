using System.Security.Cryptography;
using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Mechanism;
using Liaison.Features.Bootstrap;
using Liaison.Features.Data;
using Liaison.Features.Keys;
using Liaison.Features.Notices;
using Liaison.Ledger.Notes;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Mechanism;

/// <summary>
/// Loads the mechanism an initialised data folder serves: applies pending migrations, reads the stored copy of the
/// configuration and refuses it if its SHA-256, or a zone file's, differs from the one recorded when the mechanism was
/// established.
/// </summary>
public static class LoadServedMechanism
{
    public static async Task<Result<ServedMechanism>> HandleAsync(LiaisonDbContext db, DataFolder folder, CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);
        var record = await db.Mechanisms.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var configFile = folder.FindConfigFile();
        if (record is null || configFile is null)
        {
            return new Error.NotFound("not-initialised", $"{folder.Root} holds no mechanism; run 'liaison admin init' or 'liaison serve --demo'.");
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(configFile, cancellationToken)));
        if (sha256 != record.ConfigSha256)
        {
            return new Error.Conflict("config-changed", $"{configFile} is not the configuration the mechanism was established with (SHA-256 {sha256}, recorded {record.ConfigSha256}).");
        }

        if (!File.Exists(folder.LogKeyFile))
        {
            return new Error.NotFound("log-key-missing", $"{folder.LogKeyFile} is missing: the log cannot sign checkpoints.");
        }

        var logKey = NoteSignerKey.Parse((await File.ReadAllTextAsync(folder.LogKeyFile, cancellationToken)).Trim());
        if (!logKey.IsSuccess)
        {
            return new Error.Validation("log-key-invalid", $"{folder.LogKeyFile}: {logKey.Error.Detail}");
        }

        var serverKey = KeyFile.Load(folder.ServerKeyFile);
        if (!serverKey.IsSuccess)
        {
            return serverKey.Error;
        }

        var config = MechanismConfigLoader.Load(configFile);
        if (!config.IsSuccess)
        {
            return config.Error;
        }

        // The zones decide notices' conflicts: their files must be those the establish entry recorded.
        var establish = await db.Entries.AsNoTracking().Where(e => e.Type == EntryTypes.MechanismEstablish).OrderBy(e => e.Seq).Select(e => e.Payload).FirstOrDefaultAsync(cancellationToken);
        if (establish is not null && EntryPayload.Parse(establish) is { IsSuccess: true } header)
        {
            var zones = ZoneFiles.CheckRecorded(config.Value, header.Value.Body);
            if (!zones.IsSuccess)
            {
                return zones.Error;
            }
        }

        return new ServedMechanism(config.Value, sha256, logKey.Value, serverKey.Value.Open());
    }
}
