using System.Text.Json;
using Liaison.Features.Keys;

namespace Liaison.Cli.Client;

/// <summary>A named way to reach a server as one user: the server's URL, a personal access token, and the user's key file.</summary>
public sealed record Profile(string Server, string User, string Token, string? KeyFile);

/// <summary>The profiles file, <c>profiles.json</c> in the user's Liaison config folder, readable by the user only.</summary>
public sealed record ProfileStore(Dictionary<string, Profile> Profiles, string? Default)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The config folder: <c>LIAISON_CONFIG_DIR</c>, else the platform's per-user config folder (<c>~/.config/liaison</c> on Linux).</summary>
    public static string DefaultDirectory() =>
        Environment.GetEnvironmentVariable("LIAISON_CONFIG_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "liaison");

    public static string FileIn(string directory) => Path.Combine(directory, "profiles.json");

    public static ProfileStore Load(string directory)
    {
        var path = FileIn(directory);
        if (!File.Exists(path))
        {
            return new ProfileStore(new Dictionary<string, Profile>(StringComparer.Ordinal), null);
        }

        var store = JsonSerializer.Deserialize<ProfileStore>(File.ReadAllText(path), Json);
        return store is null ? new ProfileStore(new Dictionary<string, Profile>(StringComparer.Ordinal), null) : store with { Profiles = new Dictionary<string, Profile>(store.Profiles, StringComparer.Ordinal) };
    }

    public void Save(string directory) => OwnerOnlyFiles.WriteAllText(FileIn(directory), JsonSerializer.Serialize(this, Json), overwrite: true);
}
