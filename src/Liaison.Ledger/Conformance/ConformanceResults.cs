namespace Liaison.Ledger.Conformance;

/// <summary>One vector case that did not give the expected result.</summary>
/// <param name="CaseId">The case's <c>id</c>.</param>
/// <param name="Reason">What differed, for people.</param>
public sealed record ConformanceFailure(string CaseId, string Reason);

/// <summary>
/// The outcome of one vector file. <see cref="Error"/> is set, and no case was run, when the file could not be read
/// or its <c>kind</c> is not one this library knows; such files are reported, never thrown on.
/// </summary>
/// <param name="Path">The file's path relative to the directory given to the runner, with '/' separators.</param>
/// <param name="Kind">The file's <c>kind</c> field, empty when the file has none.</param>
/// <param name="Passed">Cases that gave the expected result.</param>
/// <param name="Failed">Cases that did not.</param>
/// <param name="Failures">Each failed case with its reason.</param>
/// <param name="Error">Why the file was not run, or null.</param>
public sealed record ConformanceFileResult(string Path, string Kind, int Passed, int Failed, IReadOnlyList<ConformanceFailure> Failures, string? Error = null)
{
    /// <summary>The number of cases run.</summary>
    public int Total => Passed + Failed;
}

/// <summary>The outcome of every vector file under a directory, files in path order.</summary>
/// <param name="Directory">The directory that was searched, as a full path.</param>
/// <param name="Files">One result per <c>*.json</c> file found.</param>
/// <param name="Error">Why nothing was run (the directory does not exist), or null.</param>
public sealed record ConformanceReport(string Directory, IReadOnlyList<ConformanceFileResult> Files, string? Error = null)
{
    /// <summary>Cases that gave the expected result, over all files.</summary>
    public int Passed => Files.Sum(f => f.Passed);

    /// <summary>Cases that did not, over all files.</summary>
    public int Failed => Files.Sum(f => f.Failed);

    /// <summary>Cases run, over all files.</summary>
    public int Total => Passed + Failed;

    /// <summary>Files that were not run (unreadable, or of an unknown kind).</summary>
    public IReadOnlyList<ConformanceFileResult> Skipped => [.. Files.Where(f => f.Error is not null)];

    /// <summary>True when at least one case ran, none failed, no file was skipped and the directory was read.</summary>
    public bool Succeeded => Error is null && Total > 0 && Failed == 0 && Skipped.Count == 0;
}
