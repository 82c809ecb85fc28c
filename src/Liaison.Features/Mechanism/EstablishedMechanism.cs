using Liaison.Domain.Mechanism;

namespace Liaison.Features.Mechanism;

/// <summary>
/// The configuration of the mechanism this process works on, known as soon as it is established or loaded, so that
/// rules the sequencer applies (the hotline's) can decide entries made while the demo is still being seeded.
/// </summary>
public sealed class EstablishedMechanism
{
    private MechanismConfig? _config;

    /// <summary>The configuration.</summary>
    /// <exception cref="InvalidOperationException">No mechanism was established or loaded yet.</exception>
    public MechanismConfig Config => Volatile.Read(ref _config) ?? throw new InvalidOperationException("No mechanism is established or loaded yet.");

    public void Set(MechanismConfig config) => Volatile.Write(ref _config, config);
}
