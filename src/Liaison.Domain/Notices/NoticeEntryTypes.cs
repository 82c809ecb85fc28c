using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Notices;

/// <summary>
/// The deconfliction entry types and who may author them. Filers and answerers: a party's liaison officers, duty
/// officers and commanders, and the convener's mediator (humanitarian convoys, for instance). Which party may answer
/// or cancel which notice is decided against the state by <c>NoticeBoard</c>.
/// </summary>
public static class NoticeEntryTypes
{
    /// <summary>A notice of activity, or an amendment of one (<c>replaces</c>).</summary>
    public const string File = "notice.file";

    /// <summary>Another party acknowledges a notice.</summary>
    public const string Acknowledge = "notice.ack";

    /// <summary>Another party objects to a notice, with a reason.</summary>
    public const string Object = "notice.object";

    /// <summary>The filing party cancels its notice.</summary>
    public const string Cancel = "notice.cancel";

    /// <summary>Who may file, answer and cancel notices.</summary>
    public static IReadOnlySet<Role> AuthorRoles { get; } = new HashSet<Role> { Role.LiaisonOfficer, Role.DutyOfficer, Role.Commander, Role.Mediator };

    /// <summary>Every notice type by name; <see cref="EntryTypes"/> registers each of them.</summary>
    public static IReadOnlyDictionary<string, EntryType> All { get; } = new Dictionary<string, EntryType>(StringComparer.Ordinal)
    {
        [File] = Make(File),
        [Acknowledge] = Make(Acknowledge),
        [Object] = Make(Object),
        [Cancel] = Make(Cancel),
    };

    /// <summary>True when <paramref name="type"/> is a notice entry type.</summary>
    public static bool IsNotice(string type) => All.ContainsKey(type);

    private static EntryType Make(string name) => new(name, AuthorRoles, body => NoticeEvents.Parse(name, body).Map(_ => Unit.Value));
}
