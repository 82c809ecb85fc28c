using Liaison.Domain.Common;
using Liaison.Ledger.Notes;
using Liaison.Ledger.Witness;

namespace Liaison.Cli.Witness;

/// <summary>Parses the logs a witness follows from <c>ORIGIN=VKEY</c> specifications.</summary>
public static class WitnessLogs
{
    /// <summary>
    /// Parses each <c>ORIGIN=VKEY</c>; specifications of one origin merge into one log with several keys. The split is at
    /// the first '=' after which a vkey parses, so an origin may itself hold '='. Only Ed25519 (type 0x01) log keys are
    /// accepted: the witness must be able to verify the log's signature.
    /// </summary>
    public static Result<IReadOnlyList<WitnessedLog>> Parse(IEnumerable<string> specifications)
    {
        ArgumentNullException.ThrowIfNull(specifications);
        var keys = new Dictionary<string, List<NoteVerifierKey>>(StringComparer.Ordinal);
        foreach (var specification in specifications)
        {
            var parsed = ParseOne(specification);
            if (!parsed.IsSuccess)
            {
                return parsed.Error;
            }

            var (origin, key) = parsed.Value;
            if (!keys.TryGetValue(origin, out var list))
            {
                keys[origin] = list = [];
            }

            if (!list.Contains(key))
            {
                list.Add(key);
            }
        }

        if (keys.Count == 0)
        {
            return new Error.Validation("witness-no-logs", "A witness follows at least one log: --log ORIGIN=VKEY.");
        }

        return keys.Select(pair => new WitnessedLog(pair.Key, pair.Value)).ToList();
    }

    private static Result<(string Origin, NoteVerifierKey Key)> ParseOne(string specification)
    {
        string? problem = null;
        for (var split = specification.IndexOf('=', StringComparison.Ordinal); split >= 0; split = specification.IndexOf('=', split + 1))
        {
            var origin = specification[..split];
            var key = NoteVerifierKey.Parse(specification[(split + 1)..]);
            if (!key.IsSuccess)
            {
                problem ??= key.Error.Detail;
                continue;
            }

            if (origin.Length == 0 || origin.Any(char.IsControl))
            {
                return Invalid(specification, "the origin is empty or holds control characters");
            }

            if (key.Value.Type != NoteKeyType.Ed25519)
            {
                return Invalid(specification, $"the key is of type {key.Value.Type}; a log's key must be Ed25519 (type 0x01)");
            }

            return (origin, key.Value);
        }

        return Invalid(specification, problem ?? "it is not ORIGIN=VKEY");
    }

    private static Error Invalid(string specification, string why) =>
        new Error.Validation("witness-log-invalid", $"--log '{specification}' is not valid: {why}.");
}
