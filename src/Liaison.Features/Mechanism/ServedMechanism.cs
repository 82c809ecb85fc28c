using Liaison.Domain.Mechanism;

namespace Liaison.Features.Mechanism;

/// <summary>The mechanism this server serves, as loaded and checked at start-up. Immutable for the process's life.</summary>
public sealed record ServedMechanism(MechanismConfig Config, string ConfigSha256);
