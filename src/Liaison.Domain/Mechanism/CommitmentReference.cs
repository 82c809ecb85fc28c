using Liaison.Domain.Parties;

namespace Liaison.Domain.Mechanism;

/// <summary>
/// A confidence-building commitment undertaken by <see cref="Party"/>: a lower-case slug code, a title,
/// the indicators its compliance is measured by (at least one) and the length of a reporting period (positive).
/// </summary>
public sealed record CommitmentReference(string Code, PartyCode Party, string Title, IReadOnlyList<string> Indicators, TimeSpan ReportingPeriod);
