using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Hotline;

/// <summary>
/// The hotline's entry types and who may author them through the API. Senders: liaison officers, duty officers and
/// commanders of a party, and the convener's mediator (on any channel, since the convener is on every channel).
/// Acknowledgers: liaison officers, duty officers and commanders; the mediator and observers never acknowledge, because
/// only the parties a message is addressed to owe an acknowledgement. Observers only read: they author no hotline entry.
/// Escalations, misses and link tests are made by the server (no author roles) and signed by its key.
/// </summary>
public static class HotlineEntryTypes
{
    /// <summary>A message on a channel (also a reply, with <c>inReplyTo</c>).</summary>
    public const string MessageSend = "message.send";

    /// <summary>A person of a recipient party acknowledges a message or a link test.</summary>
    public const string MessageAck = "message.ack";

    /// <summary>A client of a recipient party confirms a message reached it; recorded apart from acknowledgement.</summary>
    public const string MessageDelivered = "message.delivered";

    /// <summary>A translation of a message into another language.</summary>
    public const string MessageTranslate = "message.translate";

    /// <summary>A party suspends its participation in a channel, with a reason; the line stays open.</summary>
    public const string ChannelSuspend = "channel.suspend";

    /// <summary>A party resumes its participation in a channel, with a reason.</summary>
    public const string ChannelResume = "channel.resume";

    /// <summary>A client's automatic answer to a link test.</summary>
    public const string LinkTestAnswer = "linktest.answer";

    /// <summary>The server escalates a message whose deadline passed; made by the server only.</summary>
    public const string HotlineEscalate = "hotline.escalate";

    /// <summary>The server records a message missed at twice its deadline; made by the server only.</summary>
    public const string HotlineMiss = "hotline.miss";

    /// <summary>The server tests a channel; made by the server only.</summary>
    public const string LinkTestSend = "linktest.send";

    /// <summary>Who may send messages and replies: liaison officers, duty officers, commanders and the convener's mediator.</summary>
    public static IReadOnlySet<Role> SenderRoles { get; } = new HashSet<Role> { Role.LiaisonOfficer, Role.DutyOfficer, Role.Commander, Role.Mediator };

    /// <summary>Who may acknowledge: liaison officers, duty officers and commanders (of a recipient party, checked by <see cref="HotlineDecisions"/>).</summary>
    public static IReadOnlySet<Role> AcknowledgerRoles { get; } = new HashSet<Role> { Role.LiaisonOfficer, Role.DutyOfficer, Role.Commander };

    /// <summary>Whose clients confirm delivery and answer link tests: the party roles that read the line.</summary>
    public static IReadOnlySet<Role> ClientRoles { get; } = new HashSet<Role> { Role.LiaisonOfficer, Role.DutyOfficer, Role.Commander, Role.Analyst };

    /// <summary>Who may translate: anyone who may send, and analysts.</summary>
    public static IReadOnlySet<Role> TranslatorRoles { get; } = new HashSet<Role> { Role.LiaisonOfficer, Role.DutyOfficer, Role.Commander, Role.Analyst, Role.Mediator };

    /// <summary>Who may suspend or resume a party's participation: its commanders, who speak for it.</summary>
    public static IReadOnlySet<Role> PoliticalRoles { get; } = new HashSet<Role> { Role.Commander };

    /// <summary>Every hotline type by name; <see cref="EntryTypes"/> registers each of them.</summary>
    public static IReadOnlyDictionary<string, EntryType> All { get; } = new Dictionary<string, EntryType>(StringComparer.Ordinal)
    {
        [MessageSend] = Make(MessageSend, SenderRoles),
        [MessageAck] = Make(MessageAck, AcknowledgerRoles),
        [MessageDelivered] = Make(MessageDelivered, ClientRoles),
        [MessageTranslate] = Make(MessageTranslate, TranslatorRoles),
        [ChannelSuspend] = Make(ChannelSuspend, PoliticalRoles),
        [ChannelResume] = Make(ChannelResume, PoliticalRoles),
        [LinkTestAnswer] = Make(LinkTestAnswer, ClientRoles),
        [HotlineEscalate] = Make(HotlineEscalate, new HashSet<Role>()),
        [HotlineMiss] = Make(HotlineMiss, new HashSet<Role>()),
        [LinkTestSend] = Make(LinkTestSend, new HashSet<Role>()),
    };

    /// <summary>True when <paramref name="type"/> is one of the hotline's entry types.</summary>
    public static bool IsHotline(string type) => All.ContainsKey(type);

    private static EntryType Make(string name, IReadOnlySet<Role> roles) =>
        new(name, roles, body => HotlineEvents.Parse(name, body).Map(_ => Unit.Value));
}
