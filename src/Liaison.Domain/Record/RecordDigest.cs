using System.Text.Json.Nodes;

namespace Liaison.Domain.Record;

/// <summary>
/// One projection's digest for one viewer: its <see cref="Name"/> (see <see cref="ProjectionNames"/>), how many objects
/// the viewer sees in it, and the lower-case hex SHA-256 of their canonical form.
/// </summary>
public sealed record ProjectionDigest(string Name, int Count, string Digest);

/// <summary>The projections a state digest covers, in the order they are reported.</summary>
public static class ProjectionNames
{
    /// <summary>Signing keys (every party sees all of them).</summary>
    public const string Keys = "keys";

    /// <summary>Hotline messages with each recipient's state.</summary>
    public const string Hotline = "hotline";

    /// <summary>Notices with status, conflicts, lateness and answers.</summary>
    public const string Notices = "notices";

    /// <summary>Incidents with status, steps, deadline, event and suggested duplicates.</summary>
    public const string Incidents = "incidents";

    /// <summary>Disputes with ladder, replies, escalations and finding.</summary>
    public const string Disputes = "disputes";

    /// <summary>Verification requests, reports and the zones' schedule.</summary>
    public const string Verification = "verification";

    /// <summary>Every projection, in report order.</summary>
    public static IReadOnlyList<string> All { get; } = [Keys, Hotline, Notices, Incidents, Disputes, Verification];
}

/// <summary>
/// The state a viewer sees at a record size: each projection's digest, and <see cref="Overall"/> over them all. Time-
/// dependent parts of a view (a notice's status, a deadline's seconds left) are evaluated at <see cref="AsOf"/>, the
/// server's time of the last entry below <see cref="Size"/>, so the digest is a function of that prefix of the record.
/// </summary>
public sealed record RecordDigest(string Mechanism, long Size, string Viewer, DateTimeOffset? AsOf, IReadOnlyList<ProjectionDigest> Projections)
{
    /// <summary>Lower-case hex SHA-256 of the canonical JSON of the mechanism, size, viewer, time and every projection's digest.</summary>
    public string Overall()
    {
        var projections = new JsonObject();
        foreach (var projection in Projections)
        {
            projections[projection.Name] = projection.Digest;
        }

        return CanonicalJson.Sha256(new JsonObject
        {
            ["mechanism"] = Mechanism,
            ["size"] = Size,
            ["viewer"] = Viewer,
            ["asOf"] = AsOf?.ToUnixTimeMilliseconds(),
            ["projections"] = projections,
        });
    }

    /// <summary>The projection named <paramref name="name"/>, if the digest covers it.</summary>
    public ProjectionDigest? Find(string name) => Projections.FirstOrDefault(p => p.Name == name);
}
