using Liaison.Domain.Mechanism;
using Liaison.Ledger.Notes;

namespace Liaison.Features.Mechanism;

/// <summary>The mechanism this server serves, as loaded and checked at start-up, and the key that signs its log's checkpoints.</summary>
public sealed record ServedMechanism(MechanismConfig Config, string ConfigSha256, NoteSignerKey LogKey)
{
    /// <summary>The log's origin line, the first line of every checkpoint.</summary>
    public string Origin => LogKey.Name;

    /// <summary>The C2SP origin of a mechanism's log.</summary>
    public static string OriginFor(string mechanismId) => $"liaison.local/{mechanismId}";
}
