namespace Liaison.Features.Bootstrap;

/// <summary>The layout of a server's data folder: the SQLite file, the mechanism's configuration copy, and key files.</summary>
public sealed record DataFolder(string Root)
{
    public string Database => Path.Combine(Root, "liaison.db");

    /// <summary>The copy of the configuration (and the files it references) the mechanism was established with.</summary>
    public string MechanismDirectory => Path.Combine(Root, "mechanism");

    public string KeysDirectory => Path.Combine(Root, "keys");

    public string ServerKeyFile => Path.Combine(KeysDirectory, "server.key");

    /// <summary>The log key (C2SP signed-note skey) that signs checkpoints.</summary>
    public string LogKeyFile => Path.Combine(KeysDirectory, "log.skey");

    public string RootKeyFile(string party) => Path.Combine(KeysDirectory, "roots", party.ToLowerInvariant() + ".key");

    public string UserKeyFile(string userName) => Path.Combine(KeysDirectory, "users", userName + ".key");

    /// <summary>The witnesses the log sends its checkpoints to (<c>WitnessDirectory</c>).</summary>
    public string WitnessesFile => Path.Combine(Root, "witnesses.json");

    /// <summary>The attachment store: each file under the SHA-256 of its bytes (<see cref="AttachmentFile"/>).</summary>
    public string AttachmentsDirectory => Path.Combine(Root, "attachments");

    /// <summary>Where the bytes hashing to <paramref name="sha256"/> are stored: <c>attachments/ab/cdef…</c> (the first two hex characters name the folder).</summary>
    /// <exception cref="ArgumentException"><paramref name="sha256"/> is not 64 lower-case hex characters.</exception>
    public string AttachmentFile(string sha256) =>
        Domain.Hotline.Attachment.IsSha256(sha256)
            ? Path.Combine(AttachmentsDirectory, sha256[..2], sha256[2..])
            : throw new ArgumentException("An attachment is named by 64 lower-case hex characters.", nameof(sha256));

    public string DemoCredentials => Path.Combine(Root, "demo", "credentials.json");

    public bool IsInitialised => File.Exists(Database) && Directory.Exists(MechanismDirectory);

    /// <summary>The configuration file inside <see cref="MechanismDirectory"/>, if the folder is initialised.</summary>
    public string? FindConfigFile() =>
        Directory.Exists(MechanismDirectory) ? Directory.GetFiles(MechanismDirectory, "*.json").OrderBy(f => f, StringComparer.Ordinal).FirstOrDefault() : null;
}
