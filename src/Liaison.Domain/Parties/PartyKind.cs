namespace Liaison.Domain.Parties;

/// <summary>What a party is in the mechanism.</summary>
public enum PartyKind
{
    /// <summary>A party to the mechanism (ISR, SYR): notifies, reports, complies.</summary>
    Party,

    /// <summary>The convener (USA): mediates, attests, records findings, sees every channel.</summary>
    Convener,

    /// <summary>An observer (UNDOF): reads what is released to it, verifies and reports incidents.</summary>
    Observer,
}
