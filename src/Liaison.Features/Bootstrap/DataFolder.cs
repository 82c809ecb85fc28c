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

    public string DemoCredentials => Path.Combine(Root, "demo", "credentials.json");

    public bool IsInitialised => File.Exists(Database) && Directory.Exists(MechanismDirectory);

    /// <summary>The configuration file inside <see cref="MechanismDirectory"/>, if the folder is initialised.</summary>
    public string? FindConfigFile() =>
        Directory.Exists(MechanismDirectory) ? Directory.GetFiles(MechanismDirectory, "*.json").OrderBy(f => f, StringComparer.Ordinal).FirstOrDefault() : null;
}
