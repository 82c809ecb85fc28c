using System.Globalization;
using Liaison.Domain.Common;
using Liaison.Domain.Parties;

namespace Liaison.Domain.VerificationVisits;

/// <summary>The expected failures of verification decisions; each code is a stable problem type.</summary>
public static class VerificationErrors
{
    /// <summary>The zone is not configured.</summary>
    public static Error UnknownZone(string zone, IEnumerable<string> known) =>
        new Error.Validation("verification-zone-unknown", $"There is no zone '{zone}'; the zones are {string.Join(", ", known)}.");

    /// <summary>No request has that id (or the caller's party may not read it).</summary>
    public static Error RequestNotFound(long id) =>
        new Error.NotFound("verification-request-not-found", string.Create(CultureInfo.InvariantCulture, $"There is no request for verification {id}."));

    /// <summary>No report has that id (or the caller's party may not read it).</summary>
    public static Error ReportNotFound(long id) =>
        new Error.NotFound("verification-report-not-found", string.Create(CultureInfo.InvariantCulture, $"There is no verification report {id}."));

    /// <summary>A report answers a request about another zone.</summary>
    public static Error RequestZone(long request, string requested, string reported) =>
        new Error.Validation("verification-request-zone", string.Create(CultureInfo.InvariantCulture, $"Request {request} is about zone '{requested}', not '{reported}'."));

    /// <summary>A party named in a report is not a party to the mechanism.</summary>
    public static Error NotAParty(string field, PartyCode party) =>
        new Error.Validation("verification-party-unknown", $"{field} names {party}, which is not a party to the mechanism.");

    /// <summary>The visit has not ended yet.</summary>
    public static Error VisitInFuture(DateTimeOffset end) =>
        new Error.Validation("verification-visit-future", $"The visit ends at {end:O}, after now; report a visit once it has ended.");

    /// <summary>The entry is not addressed to those who must read it.</summary>
    public static Error Audience(string what, IEnumerable<PartyCode> missing) =>
        new Error.Validation("verification-audience", $"{what}; add {string.Join(", ", missing)} to the audience.");
}
