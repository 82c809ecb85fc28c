namespace Liaison.Domain.Mechanism;

/// <summary>A track of cooperation (e.g. <c>security</c>, "Security and de-escalation"); its code is a lower-case slug.</summary>
public sealed record TrackConfig(string Code, string Name);
