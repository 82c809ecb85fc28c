using System.Globalization;
using Liaison.Domain.Common;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Disputes;

/// <summary>The expected failures of dispute decisions; each code is a stable problem type.</summary>
public static class DisputeErrors
{
    /// <summary>No dispute has that id (or the caller's party is not in its audience).</summary>
    public static Error NotFound(long id) => new Error.NotFound("dispute-not-found", string.Create(CultureInfo.InvariantCulture, $"There is no dispute {id}."));

    /// <summary>Only a party to the mechanism opens a dispute.</summary>
    public static Error NotAParty(PartyCode party) =>
        new Error.Forbidden("dispute-not-a-party", $"{party} is not a party to the mechanism; only a party opens a dispute.");

    /// <summary>The respondent is not another party.</summary>
    public static Error Respondent(PartyCode respondent, string why) =>
        new Error.Validation("dispute-respondent", $"The respondent {respondent} {why}; a dispute is opened against another party.");

    /// <summary>The commitment named as breached is not configured.</summary>
    public static Error UnknownCommitment(string code, IEnumerable<string> known) =>
        new Error.Validation("dispute-commitment-unknown", $"There is no commitment '{code}'; the configured ones are {string.Join(", ", known)}. Use a free 'ref' for anything else.");

    /// <summary>The commitment named as breached is another party's.</summary>
    public static Error CommitmentOfAnother(string code, PartyCode owner, PartyCode respondent) =>
        new Error.Validation("dispute-commitment-party", $"Commitment '{code}' is {owner}'s, not the respondent {respondent}'s; only its own commitments can be breached by the respondent.");

    /// <summary>A named incident is not an incident report in the record that the claimant may read.</summary>
    public static Error UnknownIncident(long seq) =>
        new Error.Validation("dispute-incident-unknown", string.Create(CultureInfo.InvariantCulture, $"Entry {seq} is not an incident report your party may read; name reported incidents by their id."))
        {
            Extensions = new Dictionary<string, object?> { ["incident"] = seq },
        };

    /// <summary>The dispute is not addressed to the respondent and the convener.</summary>
    public static Error Audience(IEnumerable<PartyCode> missing) =>
        new Error.Validation("dispute-audience", $"A dispute is addressed to the respondent and the convener; add {string.Join(", ", missing)} to the audience.");

    /// <summary>A reply, escalation or finding is not addressed to everyone the dispute is addressed to.</summary>
    public static Error StepAudience(long id, IEnumerable<PartyCode> missing) =>
        new Error.Validation("dispute-audience", string.Create(CultureInfo.InvariantCulture, $"An entry on dispute {id} is addressed to at least the dispute's audience; add {string.Join(", ", missing)} to the audience."))
        {
            Extensions = new Dictionary<string, object?> { ["dispute"] = id },
        };

    /// <summary>Only the respondent replies.</summary>
    public static Error NotTheRespondent(long id, PartyCode respondent) =>
        new Error.Forbidden("dispute-not-respondent", string.Create(CultureInfo.InvariantCulture, $"Only the respondent, {respondent}, replies to dispute {id}."));

    /// <summary>Only a side of the dispute escalates it.</summary>
    public static Error NotASide(long id) =>
        new Error.Forbidden("dispute-not-a-side", string.Create(CultureInfo.InvariantCulture, $"Only the claimant or the respondent escalates dispute {id}."));

    /// <summary>Only the convener's mediator records a finding.</summary>
    public static Error FindingByConvenerOnly(PartyCode party) =>
        new Error.Forbidden("dispute-finding-convener-only", $"Only the convener's mediator records a finding; {party} may not.");

    /// <summary>The dispute was decided: nothing more happens to it.</summary>
    public static Error Decided(long id, long findingSeq) =>
        new Error.InvalidTransition("dispute-decided", string.Create(CultureInfo.InvariantCulture, $"Dispute {id} was decided by finding {findingSeq}; nothing more can be recorded on it."))
        {
            Extensions = new Dictionary<string, object?> { ["seq"] = findingSeq },
        };

    /// <summary>An escalation skips a rung, goes back, or goes beyond the convener.</summary>
    public static Error OutOfOrder(long id, DisputeLevel level, DisputeLevel to) =>
        new Error.InvalidTransition("dispute-out-of-order", level.Next() is { } next
            ? string.Create(CultureInfo.InvariantCulture, $"Dispute {id} is at the {level.Code()} level; it can be escalated to {next.Code()} only, not {to.Code()}.")
            : string.Create(CultureInfo.InvariantCulture, $"Dispute {id} is at the convener level, the last rung; the convener records a finding."))
        {
            Extensions = new Dictionary<string, object?> { ["level"] = level.Code() },
        };
}
