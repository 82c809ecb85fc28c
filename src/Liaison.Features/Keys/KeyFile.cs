using System.Text.Json;
using Liaison.Domain.Common;
using Liaison.Ledger.Crypto;

namespace Liaison.Features.Keys;

/// <summary>
/// A signing key on disk: JSON with the key id, the public key and the 32-byte seed (base64), readable by its owner
/// only (mode 0600 on Unix). The seed never leaves the machine that made it.
/// </summary>
public sealed record KeyFile(string KeyId, string PublicKey, string Seed, string Owner)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>A key file for a new key.</summary>
    public static KeyFile For(Ed25519PrivateKey key, string owner) =>
        new(Domain.Entries.KeyId.For(key.PublicKey.Bytes).Value, key.PublicKey.ToBase64(), Convert.ToBase64String(key.ExportSeed()), owner);

    /// <summary>Opens the private key.</summary>
    public Ed25519PrivateKey Open() => Ed25519PrivateKey.FromSeed(Convert.FromBase64String(Seed));

    /// <summary>Writes the file, creating its folder, with owner-only permissions; refuses to overwrite.</summary>
    public void Save(string path)
    {
        OwnerOnlyFiles.WriteAllText(path, JsonSerializer.Serialize(this, Json), overwrite: false);
    }

    /// <summary>Reads and checks a key file: the seed must give the recorded public key and key id.</summary>
    public static Result<KeyFile> Load(string path)
    {
        if (!File.Exists(path))
        {
            return new Error.NotFound("key-file-missing", $"There is no key file at {path}.");
        }

        KeyFile? file;
        try
        {
            file = JsonSerializer.Deserialize<KeyFile>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            return new Error.Validation("key-file-invalid", $"{path} is not a key file: {ex.Message}");
        }

        if (file is null || string.IsNullOrEmpty(file.Seed))
        {
            return new Error.Validation("key-file-invalid", $"{path} is not a key file.");
        }

        var seed = new byte[35];
        if (!Convert.TryFromBase64String(file.Seed, seed, out var written) || written != 32)
        {
            return new Error.Validation("key-file-invalid", $"{path} holds no 32-byte seed.");
        }

        using var key = Ed25519PrivateKey.FromSeed(seed.AsSpan(0, 32));
        if (key.PublicKey.ToBase64() != file.PublicKey || Domain.Entries.KeyId.For(key.PublicKey.Bytes).Value != file.KeyId)
        {
            return new Error.Validation("key-file-invalid", $"{path}: the seed does not match the recorded public key.");
        }

        return file;
    }
}

/// <summary>Writes secrets (keys, credentials, tokens) so that only the current user can read them.</summary>
public static class OwnerOnlyFiles
{
    public static void WriteAllText(string path, string contents, bool overwrite)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        else
        {
            Directory.CreateDirectory(directory);
        }

        var options = new FileStreamOptions
        {
            Mode = overwrite ? FileMode.Create : FileMode.CreateNew,
            Access = FileAccess.Write,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(contents);
        }

        if (!OperatingSystem.IsWindows())
        {
            // An overwritten file keeps its old mode; make sure it is owner-only.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
