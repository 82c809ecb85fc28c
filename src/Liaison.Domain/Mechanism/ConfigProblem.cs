namespace Liaison.Domain.Mechanism;

/// <summary>
/// One thing wrong with a mechanism configuration: the file, the JSON path of the offending value
/// (<c>$</c> for the whole document, e.g. <c>$.parties[2].kind</c>) and what is wrong with it, in one line.
/// </summary>
public sealed record ConfigProblem(string File, string JsonPath, string Message)
{
    /// <summary><c>{File}: {JsonPath}: {Message}</c>, the form printed by the CLI and logged by the server.</summary>
    public override string ToString() => $"{File}: {JsonPath}: {Message}";
}
