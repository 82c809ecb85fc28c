using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Liaison.Domain.Common;

namespace Liaison.Cli.Witness;

/// <summary>
/// The witness's durable state in its data folder: for each log, the latest checkpoint it cosigned
/// (<c>state/&lt;SHA-256 of the origin&gt;.json</c>, replaced atomically and flushed to disk by <see cref="Save"/>), and
/// <c>forks.log</c>, the evidence of forks, one JSON line each. While open it holds <c>witness.lock</c>, so two witnesses
/// never share a folder: a second one would check against a stale size and could cosign a fork.
/// Reads are thread-safe; callers serialise <see cref="Save"/> per origin (<see cref="WitnessService"/> holds a lock per origin).
/// </summary>
public sealed class WitnessState : IDisposable
{
    public const string StateFolder = "state";
    public const string LockFile = "witness.lock";
    public const string ForksFile = "forks.log";

    private static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private static readonly JsonSerializerOptions LineJson = new(JsonSerializerDefaults.Web);

    private readonly FileStream _lock;
    private readonly ConcurrentDictionary<string, WitnessStateEntry> _entries;
    private readonly Lock _forksGate = new();

    private WitnessState(string directory, FileStream lockFile, IEnumerable<WitnessStateEntry> entries)
    {
        Directory = directory;
        _lock = lockFile;
        _entries = new ConcurrentDictionary<string, WitnessStateEntry>(entries.Select(e => KeyValuePair.Create(e.Origin, e)), StringComparer.Ordinal);
    }

    /// <summary>The data folder, as a full path.</summary>
    public string Directory { get; }

    /// <summary>Where fork evidence goes.</summary>
    public string ForksLogPath => Path.Combine(Directory, ForksFile);

    /// <summary>Every log's latest cosigned checkpoint, by origin.</summary>
    public IReadOnlyList<WitnessStateEntry> Entries => [.. _entries.Values.OrderBy(e => e.Origin, StringComparer.Ordinal)];

    /// <summary>
    /// Opens the state in <paramref name="directory"/> (created if missing). Fails when another witness holds the folder, or
    /// when a state file is unreadable or inconsistent: the witness must never fall back to "never cosigned", which would
    /// let a log roll back.
    /// </summary>
    public static Result<WitnessState> Open(string directory)
    {
        var full = Path.GetFullPath(directory);
        DurableFiles.CreateOwnerOnlyDirectory(full);
        FileStream lockFile;
        try
        {
            // FileShare.None is an exclusive flock(2) on Unix: it holds across processes and within this one.
            lockFile = new FileStream(Path.Combine(full, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return new Error.Conflict("witness-busy", $"Another witness is using {full} (it holds {LockFile}).");
        }

        var loaded = Load(full);
        if (!loaded.IsSuccess)
        {
            lockFile.Dispose();
            return loaded.Error;
        }

        return new WitnessState(full, lockFile, loaded.Value);
    }

    /// <summary>The latest checkpoint cosigned for <paramref name="origin"/>, or null if none was.</summary>
    public WitnessStateEntry? Find(string origin) => _entries.TryGetValue(origin, out var entry) ? entry : null;

    /// <summary>
    /// Records a cosigned checkpoint; when this returns the state is on disk. Throws <see cref="IOException"/> (or
    /// <see cref="UnauthorizedAccessException"/>) if it could not be written, and then the previous state stands.
    /// </summary>
    public void Save(WitnessStateEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Problem() is { } problem)
        {
            throw new ArgumentException($"The state entry is not whole: {problem}.", nameof(entry));
        }

        var folder = Path.Combine(Directory, StateFolder);
        DurableFiles.CreateOwnerOnlyDirectory(folder);
        DurableFiles.ReplaceAtomically(Path.Combine(folder, FileNameFor(entry.Origin)), JsonSerializer.Serialize(entry, StateJson) + "\n");
        _entries[entry.Origin] = entry;
    }

    /// <summary>Appends fork evidence to <see cref="ForksLogPath"/> and flushes it to disk.</summary>
    public void AppendFork(ForkEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var line = JsonSerializer.Serialize(evidence, LineJson) + "\n";
        lock (_forksGate)
        {
            DurableFiles.Append(ForksLogPath, line);
        }
    }

    /// <summary>Releases the folder.</summary>
    public void Dispose() => _lock.Dispose();

    /// <summary>The state file name of an origin: the lowercase hex SHA-256 of its UTF-8 bytes (origins may hold '/').</summary>
    public static string FileNameFor(string origin) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(origin))) + ".json";

    private static Result<List<WitnessStateEntry>> Load(string directory)
    {
        var folder = Path.Combine(directory, StateFolder);
        var entries = new List<WitnessStateEntry>();
        if (!System.IO.Directory.Exists(folder))
        {
            return entries;
        }

        foreach (var path in System.IO.Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            if (path.EndsWith(".tmp", StringComparison.Ordinal))
            {
                // A write that crashed before its rename: the previous file is the state.
                File.Delete(path);
                continue;
            }

            if (!path.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            WitnessStateEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize<WitnessStateEntry>(File.ReadAllText(path), StateJson);
            }
            catch (JsonException ex)
            {
                return Invalid(path, ex.Message);
            }

            var problem = entry is null ? "it is empty" : entry.Problem();
            if (entry is null || problem is not null)
            {
                return Invalid(path, problem!);
            }

            if (Path.GetFileName(path) != FileNameFor(entry.Origin))
            {
                return Invalid(path, $"its name is not that of the origin {entry.Origin}");
            }

            entries.Add(entry);
        }

        return entries;
    }

    private static Error Invalid(string path, string why) =>
        new Error.Validation("witness-state-invalid", $"The witness state file {path} is not valid ({why}); restore it from a backup, the witness will not start without it.");
}
