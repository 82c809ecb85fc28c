using System.Text.Json;
using System.Text.RegularExpressions;
using Liaison.Domain.Common;
using Liaison.Domain.Disputes;
using Liaison.Domain.Hotline;
using Liaison.Domain.Incidents;
using Liaison.Domain.Notices;
using Liaison.Domain.Parties;
using Liaison.Domain.VerificationVisits;

namespace Liaison.Domain.Entries;

/// <summary>The entry types the foundation knows. Later features add their own to <see cref="All"/>.</summary>
public static partial class EntryTypes
{
    /// <summary>Publishes a party's root public key; self-signed at bootstrap.</summary>
    public const string PartyRoot = "party.root";

    /// <summary>Records the mechanism's establishment and the hash of its configuration; signed by the server key.</summary>
    public const string MechanismEstablish = "mechanism.establish";

    /// <summary>Enrols a user's signing key; signed by an administrator (or the root key) of the user's party.</summary>
    public const string KeyEnroll = "key.enroll";

    /// <summary>Revokes a key; signed by its holder or an administrator of its party.</summary>
    public const string KeyRevoke = "key.revoke";

    /// <summary>A formal statement by a party or the convener, in any language.</summary>
    public const string StatementIssue = "statement.issue";

    private static readonly Dictionary<string, EntryType> Registry = new(StringComparer.Ordinal)
    {
        [PartyRoot] = new(PartyRoot, new HashSet<Role>(), body => Check(PayloadFields.RequiredBase64(body, "publicKey", 32))),
        [MechanismEstablish] = new(MechanismEstablish, new HashSet<Role>(), body =>
            PayloadFields.RequiredString(body, "name", 500)
                .Then(_ => PayloadFields.RequiredString(body, "configSha256", 64))
                .Then(_ => PayloadFields.RequiredString(body, "logOrigin", 200))
                .Then(_ => PayloadFields.RequiredString(body, "logKey", 500))
                .Then(_ => PayloadFields.RequiredBase64(body, "serverKey", 32))
                .Map(_ => Unit.Value)),
        [KeyEnroll] = new(KeyEnroll, new HashSet<Role> { Role.Administrator }, ValidateKeyEnroll) { AddressedToAll = true },
        [KeyRevoke] = new(KeyRevoke, new HashSet<Role>(Enum.GetValues<Role>()), ValidateKeyRevoke) { AddressedToAll = true },
        [StatementIssue] = new(StatementIssue, new HashSet<Role> { Role.LiaisonOfficer, Role.DutyOfficer, Role.Commander, Role.Mediator, Role.Observer }, ValidateStatement),
        [NoticeEntryTypes.File] = NoticeEntryTypes.All[NoticeEntryTypes.File],
        [NoticeEntryTypes.Acknowledge] = NoticeEntryTypes.All[NoticeEntryTypes.Acknowledge],
        [NoticeEntryTypes.Object] = NoticeEntryTypes.All[NoticeEntryTypes.Object],
        [NoticeEntryTypes.Cancel] = NoticeEntryTypes.All[NoticeEntryTypes.Cancel],
        [HotlineEntryTypes.MessageSend] = HotlineEntryTypes.All[HotlineEntryTypes.MessageSend],
        [HotlineEntryTypes.MessageAck] = HotlineEntryTypes.All[HotlineEntryTypes.MessageAck],
        [HotlineEntryTypes.MessageDelivered] = HotlineEntryTypes.All[HotlineEntryTypes.MessageDelivered],
        [HotlineEntryTypes.MessageTranslate] = HotlineEntryTypes.All[HotlineEntryTypes.MessageTranslate],
        [HotlineEntryTypes.ChannelSuspend] = HotlineEntryTypes.All[HotlineEntryTypes.ChannelSuspend],
        [HotlineEntryTypes.ChannelResume] = HotlineEntryTypes.All[HotlineEntryTypes.ChannelResume],
        [HotlineEntryTypes.LinkTestAnswer] = HotlineEntryTypes.All[HotlineEntryTypes.LinkTestAnswer],
        [HotlineEntryTypes.HotlineEscalate] = HotlineEntryTypes.All[HotlineEntryTypes.HotlineEscalate],
        [HotlineEntryTypes.HotlineMiss] = HotlineEntryTypes.All[HotlineEntryTypes.HotlineMiss],
        [HotlineEntryTypes.LinkTestSend] = HotlineEntryTypes.All[HotlineEntryTypes.LinkTestSend],
        [DisputeEntryTypes.Open] = DisputeEntryTypes.All[DisputeEntryTypes.Open],
        [DisputeEntryTypes.Reply] = DisputeEntryTypes.All[DisputeEntryTypes.Reply],
        [DisputeEntryTypes.Escalate] = DisputeEntryTypes.All[DisputeEntryTypes.Escalate],
        [DisputeEntryTypes.Finding] = DisputeEntryTypes.All[DisputeEntryTypes.Finding],
        [VerificationEntryTypes.Request] = VerificationEntryTypes.All[VerificationEntryTypes.Request],
        [VerificationEntryTypes.Report] = VerificationEntryTypes.All[VerificationEntryTypes.Report],
        [VerificationEntryTypes.Overdue] = VerificationEntryTypes.All[VerificationEntryTypes.Overdue],
        [IncidentEntryTypes.Report] = IncidentEntryTypes.All[IncidentEntryTypes.Report],
        [IncidentEntryTypes.Acknowledge] = IncidentEntryTypes.All[IncidentEntryTypes.Acknowledge],
        [IncidentEntryTypes.Review] = IncidentEntryTypes.All[IncidentEntryTypes.Review],
        [IncidentEntryTypes.Resolve] = IncidentEntryTypes.All[IncidentEntryTypes.Resolve],
        [IncidentEntryTypes.Dispute] = IncidentEntryTypes.All[IncidentEntryTypes.Dispute],
        [IncidentEntryTypes.Refer] = IncidentEntryTypes.All[IncidentEntryTypes.Refer],
        [IncidentEntryTypes.Finding] = IncidentEntryTypes.All[IncidentEntryTypes.Finding],
        [IncidentEntryTypes.Link] = IncidentEntryTypes.All[IncidentEntryTypes.Link],
        [IncidentEntryTypes.Escalate] = IncidentEntryTypes.All[IncidentEntryTypes.Escalate],
    };

    /// <summary>Every known type by name.</summary>
    public static IReadOnlyDictionary<string, EntryType> All => Registry;

    /// <summary>Finds a type by name.</summary>
    public static bool TryGet(string name, out EntryType type) => Registry.TryGetValue(name, out type!);

    private static Result<Unit> ValidateKeyEnroll(JsonElement body)
    {
        var subject = PayloadFields.RequiredString(body, "subject", 64);
        if (!subject.IsSuccess)
        {
            return subject.Error;
        }

        var publicKey = PayloadFields.RequiredBase64(body, "publicKey", 32);
        if (!publicKey.IsSuccess)
        {
            return publicKey.Error;
        }

        var keyId = PayloadFields.RequiredString(body, "keyId", KeyId.TextLength);
        if (!keyId.IsSuccess)
        {
            return keyId.Error;
        }

        return KeyId.For(publicKey.Value).Value == keyId.Value
            ? Unit.Value
            : EntryErrors.InvalidField("keyId", "does not match publicKey (it is the hex of the first 16 bytes of SHA-256 of the key)");
    }

    private static Result<Unit> ValidateKeyRevoke(JsonElement body)
    {
        var keyId = PayloadFields.RequiredString(body, "keyId", KeyId.TextLength);
        if (!keyId.IsSuccess)
        {
            return keyId.Error;
        }

        if (!KeyId.IsValid(keyId.Value))
        {
            return EntryErrors.InvalidField("keyId", "must be 32 lower-case hex characters");
        }

        return Check(PayloadFields.RequiredString(body, "reason", 2_000));
    }

    private static Result<Unit> ValidateStatement(JsonElement body)
    {
        var subject = PayloadFields.RequiredString(body, "subject", 300);
        if (!subject.IsSuccess)
        {
            return subject.Error;
        }

        var text = PayloadFields.RequiredString(body, "body", 100_000);
        if (!text.IsSuccess)
        {
            return text.Error;
        }

        var lang = PayloadFields.RequiredString(body, "lang", 35);
        if (!lang.IsSuccess)
        {
            return lang.Error;
        }

        return LanguageTag().IsMatch(lang.Value) ? Unit.Value : EntryErrors.InvalidField("lang", "must be a BCP 47 language tag such as 'ar', 'he' or 'en'");
    }

    private static Result<Unit> Check<T>(Result<T> result) => result.IsSuccess ? Unit.Value : result.Error;

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();
}
