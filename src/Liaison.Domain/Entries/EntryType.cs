using System.Text.Json;
using Liaison.Domain.Common;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Entries;

/// <summary>
/// A kind of entry: its name, the roles whose holders may author it through the API (empty: none may,
/// it is made by the server or a root key only), the check of its own fields, and whether every party must read it.
/// </summary>
public sealed record EntryType(string Name, IReadOnlySet<Role> AuthorRoles, Func<JsonElement, Result<Unit>> ValidateBody)
{
    /// <summary>
    /// True when entries of this type must be addressed to every party of the mechanism: key enrolments and
    /// revocations are, so that every party can check the author of every signature it reads.
    /// </summary>
    public bool AddressedToAll { get; init; }

    /// <summary>True when the type can be submitted by a signed-in user holding one of <see cref="AuthorRoles"/>.</summary>
    public bool IsUserAuthored => AuthorRoles.Count > 0;
}
