namespace Liaison.Domain.Mechanism;

/// <summary>A code of a configured vocabulary (an incident category or actor) and its name for people.</summary>
public sealed record VocabularyTerm(string Code, string Name);

/// <summary>
/// The incident vocabularies and the duplicate rule: reports of the same category within <see cref="DuplicateWithinKm"/>
/// kilometres and <see cref="DuplicateWithinHours"/> hours of each other are suggested as one event. Codes are lower-case
/// slugs, unique in their list; both lists are non-empty. A section left out of the configuration keeps the defaults.
/// </summary>
public sealed record IncidentsConfig
{
    /// <summary>Every default.</summary>
    public static IncidentsConfig Default { get; } = new();

    /// <summary>
    /// The categories an incident is reported under (defaults: exchange of fire, crossing of a line, airspace violation,
    /// strike, smuggling interdiction of arms or of drugs, terrorist attack, attack on a protected community, detention,
    /// humanitarian, other).
    /// </summary>
    public IReadOnlyList<VocabularyTerm> Categories { get; init; } =
    [
        new("exchange-of-fire", "Exchange of fire"),
        new("line-crossing", "Crossing of a line"),
        new("airspace-violation", "Airspace violation"),
        new("strike", "Strike"),
        new("smuggling-arms", "Smuggling interdiction (arms)"),
        new("smuggling-drugs", "Smuggling interdiction (drugs)"),
        new("terrorist-attack", "Terrorist attack"),
        new("attack-on-protected-community", "Attack on a protected community"),
        new("detention", "Detention"),
        new("humanitarian", "Humanitarian"),
        new("other", "Other"),
    ];

    /// <summary>
    /// The actors an incident may name (defaults: Israeli forces, Syrian government forces, Kurdish-led forces, Druze
    /// militia, Bedouin tribal forces, Hezbollah, IRGC, Hamas, PIJ, ISIS, smugglers, unknown).
    /// </summary>
    public IReadOnlyList<VocabularyTerm> Actors { get; init; } =
    [
        new("israeli-forces", "Israeli forces"),
        new("syrian-government-forces", "Syrian government forces"),
        new("kurdish-led-forces", "Kurdish-led forces"),
        new("druze-militia", "Druze militia"),
        new("bedouin-tribal-forces", "Bedouin tribal forces"),
        new("hezbollah", "Hezbollah"),
        new("irgc", "IRGC"),
        new("hamas", "Hamas"),
        new("pij", "PIJ"),
        new("isis", "ISIS"),
        new("smugglers", "Smugglers"),
        new("unknown", "Unknown"),
    ];

    /// <summary>How far apart (in kilometres) two reports may be and still be suggested as one event (default 10).</summary>
    public double DuplicateWithinKm { get; init; } = 10;

    /// <summary>How far apart (in hours) two reports may start and still be suggested as one event (default 6).</summary>
    public double DuplicateWithinHours { get; init; } = 6;

    /// <summary>True when <paramref name="code"/> is a configured category.</summary>
    public bool IsCategory(string code) => Categories.Any(c => string.Equals(c.Code, code, StringComparison.Ordinal));

    /// <summary>True when <paramref name="code"/> is a configured actor.</summary>
    public bool IsActor(string code) => Actors.Any(a => string.Equals(a.Code, code, StringComparison.Ordinal));
}
