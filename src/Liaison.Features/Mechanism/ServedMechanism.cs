using Liaison.Domain.Mechanism;
using Liaison.Ledger.Crypto;
using Liaison.Ledger.Notes;

namespace Liaison.Features.Mechanism;

/// <summary>
/// The mechanism this server serves, as loaded and checked at start-up: its configuration, the key that signs its log's
/// checkpoints, and the server key that signs the entries the server makes itself (escalations, misses, link tests).
/// </summary>
public sealed record ServedMechanism(MechanismConfig Config, string ConfigSha256, NoteSignerKey LogKey, Ed25519PrivateKey? ServerKey = null)
{
    /// <summary>The author name of entries the server makes.</summary>
    public const string ServerAuthor = "server";

    /// <summary>The log's origin line, the first line of every checkpoint.</summary>
    public string Origin => LogKey.Name;

    /// <summary>The C2SP origin of a mechanism's log.</summary>
    public static string OriginFor(string mechanismId) => $"liaison.local/{mechanismId}";
}
