using System.Text;
using System.Text.Json;
using Liaison.Domain.Common;

namespace Liaison.Domain.Mechanism;

/// <summary>
/// Loads and validates a mechanism configuration (one JSON file; comments allowed, trailing commas not). On failure
/// the result is an <see cref="Error.Validation"/> with code <c>config-invalid</c>, whose detail is the first
/// problem and whose <c>problems</c> extension is the <see cref="IReadOnlyList{T}"/> of every
/// <see cref="ConfigProblem"/> found, in reading order (an object's unknown properties before its values). Unknown
/// properties are problems, so typos cannot pass.
/// Thread-safe.
/// </summary>
public static class MechanismConfigLoader
{
    /// <summary>The error code of an invalid configuration.</summary>
    public const string ErrorCode = "config-invalid";

    /// <summary>The key of the <see cref="ConfigProblem"/> list in <see cref="Error.Extensions"/>.</summary>
    public const string ProblemsKey = "problems";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        MaxDepth = 64,
    };

    /// <summary>
    /// Reads and validates the file at <paramref name="path"/>; zone sources are resolved against its directory.
    /// A missing or unreadable file is a problem like any other. Problems name the file as <paramref name="path"/> is written.
    /// </summary>
    public static Result<MechanismConfig> Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string json;
        string directory;
        try
        {
            directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Path.GetPathRoot(Path.GetFullPath(path))!;
            json = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return Failure([new ConfigProblem(path, "$", "file not found")]);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Failure([new ConfigProblem(path, "$", $"cannot read the file: {exception.Message}")]);
        }

        return Parse(json, path, directory);
    }

    /// <summary>
    /// Validates configuration text. <paramref name="fileName"/> names the source in problems; zone sources are
    /// resolved against <paramref name="baseDirectory"/> and must exist there, or are not checked when it is null
    /// (their <see cref="ZoneReference.SourcePath"/> is then null).
    /// </summary>
    public static Result<MechanismConfig> Parse(string json, string fileName, string? baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.TrimStart('\uFEFF'), DocumentOptions);
        }
        catch (JsonException exception)
        {
            return Failure([new ConfigProblem(fileName, "$", SyntaxMessage(exception))]);
        }

        using (document)
        {
            var parser = new MechanismConfigParser(fileName, baseDirectory);
            var config = parser.Parse(document.RootElement);
            return config is not null && parser.Problems.Count == 0 ? config : Failure(parser.Problems);
        }
    }

    /// <summary>The problems carried by an error from this loader; empty for any other error.</summary>
    public static IReadOnlyList<ConfigProblem> ProblemsOf(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Extensions.TryGetValue(ProblemsKey, out var problems) && problems is IReadOnlyList<ConfigProblem> list ? list : [];
    }

    private static Error.Validation Failure(IReadOnlyList<ConfigProblem> problems)
    {
        var more = problems.Count > 1 ? $" (and {problems.Count - 1} more {(problems.Count == 2 ? "problem" : "problems")})" : string.Empty;
        IReadOnlyList<ConfigProblem> copy = [.. problems];
        return new Error.Validation(ErrorCode, $"{problems[0]}{more}")
        {
            Extensions = new Dictionary<string, object?> { [ProblemsKey] = copy },
        };
    }

    private static string SyntaxMessage(JsonException exception)
    {
        // The parser appends "LineNumber: 0 | BytePositionInLine: 5." (both zero-based); say it once, one-based.
        var message = exception.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        message = message.ReplaceLineEndings(" ").Trim();
        return exception.LineNumber is { } line && exception.BytePositionInLine is { } position
            ? $"invalid JSON at line {line + 1}, position {position + 1}: {message}"
            : $"invalid JSON: {message}";
    }
}
