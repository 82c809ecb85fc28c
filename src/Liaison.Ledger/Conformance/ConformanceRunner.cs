using System.Text.Json;

namespace Liaison.Ledger.Conformance;

/// <summary>
/// Runs the transparency-log test vectors (JSON files with <c>kind</c>, <c>sources</c> and <c>cases</c>, each case with
/// an <c>id</c>) against this library: every case of every <c>*.json</c> file under a directory, dispatched on the
/// file's kind. A file that cannot be read or whose kind is unknown is reported in its result, never thrown on.
/// </summary>
public static class ConformanceRunner
{
    private static readonly Dictionary<string, Func<JsonElement, JsonElement, CaseOutcome>> Checks = new(StringComparer.Ordinal)
    {
        ["merkle/hash_primitives"] = (_, c) => MerkleVectors.HashPrimitive(c),
        ["merkle/reference_tree"] = MerkleVectors.ReferenceTree,
        ["merkle/root"] = (_, c) => MerkleVectors.Root(c),
        ["merkle/inclusion_proof"] = (_, c) => MerkleVectors.InclusionProof(c),
        ["merkle/consistency_proof"] = (_, c) => MerkleVectors.ConsistencyProof(c),
        ["merkle/inclusion_verify"] = (_, c) => MerkleVectors.InclusionProbe(c),
        ["merkle/consistency_verify"] = (_, c) => MerkleVectors.ConsistencyProbe(c),
        ["merkle/tiles"] = (_, c) => MerkleVectors.Tiles(c),
        ["note/keys"] = (_, c) => NoteVectors.Key(c),
        ["note/signed_notes"] = (_, c) => NoteVectors.SignedNote(c),
        ["checkpoint/body"] = (_, c) => NoteVectors.CheckpointBody(c),
        ["checkpoint/cosignature"] = (_, c) => NoteVectors.Cosignature(c),
        ["checkpoint/signed"] = (_, c) => NoteVectors.SignedCheckpoint(c),
        ["checkpoint/witness"] = WitnessVectors.Step,
        ["ed25519/sign_verify"] = (_, c) => Ed25519Vectors.SignVerify(c),
        ["ed25519/verify"] = (_, c) => Ed25519Vectors.Verify(c),
        ["ed25519/verify_edge"] = (_, c) => Ed25519Vectors.VerifyEdge(c),
    };

    /// <summary>The vector kinds this runner knows.</summary>
    public static IReadOnlyCollection<string> SupportedKinds => Checks.Keys;

    /// <summary>
    /// Runs every <c>*.json</c> file under <paramref name="directory"/> (recursively), in ordinal path order. A missing
    /// directory gives a report with <see cref="ConformanceReport.Error"/> set.
    /// </summary>
    public static ConformanceReport Run(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            return new ConformanceReport(root, [], $"no directory at {root}");
        }

        var files = Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .Select(path => (Full: path, Relative: Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/')))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .Select(f => RunFile(f.Full, f.Relative))
            .ToList();
        return new ConformanceReport(root, files);
    }

    /// <summary>Runs one vector file; <paramref name="displayPath"/> is the path the result shows (the file path by default).</summary>
    public static ConformanceFileResult RunFile(string path, string? displayPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        displayPath ??= path;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return new ConformanceFileResult(displayPath, string.Empty, 0, 0, [], $"unreadable: {e.Message}");
        }

        using (document)
        {
            var file = document.RootElement;
            if (file.ValueKind != JsonValueKind.Object || file.OptionalStr("kind") is not { } kind)
            {
                return new ConformanceFileResult(displayPath, string.Empty, 0, 0, [], "not a vector file: no kind field");
            }

            if (!Checks.TryGetValue(kind, out var check))
            {
                return new ConformanceFileResult(displayPath, kind, 0, 0, [], $"unknown kind {kind}");
            }

            if (!file.TryGetProperty("cases", out var cases) || cases.ValueKind != JsonValueKind.Array)
            {
                return new ConformanceFileResult(displayPath, kind, 0, 0, [], "not a vector file: no cases array");
            }

            var passed = 0;
            var failures = new List<ConformanceFailure>();
            var index = 0;
            foreach (var testCase in cases.EnumerateArray())
            {
                var id = testCase.ValueKind == JsonValueKind.Object ? testCase.OptionalStr("id") : null;
                id ??= $"#{index}";
                index++;
                var outcome = RunCase(check, file, testCase);
                if (outcome.Passed)
                {
                    passed++;
                }
                else
                {
                    failures.Add(new ConformanceFailure(id, outcome.Failure!));
                }
            }

            return new ConformanceFileResult(displayPath, kind, passed, failures.Count, failures);
        }
    }

    private static CaseOutcome RunCase(Func<JsonElement, JsonElement, CaseOutcome> check, JsonElement file, JsonElement testCase)
    {
        try
        {
            return check(file, testCase);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            // A case missing a field, or holding a value of the wrong shape, is a broken vector: report it, run the rest.
            return CaseOutcome.Fail($"could not run the case ({e.GetType().Name}): {e.Message}");
        }
    }
}
