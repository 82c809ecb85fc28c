using System.Text.Json.Nodes;
using Liaison.Domain.Entries;
using Liaison.Domain.Keys;
using Liaison.Domain.Parties;
using Liaison.Domain.Tests.Entries;

namespace Liaison.Domain.Tests.Keys;

public sealed partial class KeyDecisionsTests
{
    private static readonly PartyCode Isr = new("ISR");

    private static readonly PartyCode Syr = new("SYR");

    private static readonly KeyId Id = new(TestPayloads.PublicKeyId);

    private static readonly Member IsrOfficer = TestPayloads.MemberWith("isr-officer", "ISR", Role.LiaisonOfficer);

    private static readonly Signer IsrAdmin = Signer.ForMember(TestPayloads.MemberWith("isr-admin", "ISR", Role.Administrator));

    private static EntryHeader EnrollEntry(string subject = "isr-officer", string? publicKey = null) =>
        TestPayloads.Header(EntryTypes.KeyEnroll, new JsonObject
        {
            ["subject"] = subject,
            ["publicKey"] = publicKey ?? Convert.ToBase64String(TestPayloads.PublicKey),
            ["keyId"] = TestPayloads.PublicKeyId,
        });

    private static EntryHeader RevokeEntry(string reason = "lost laptop") =>
        TestPayloads.Header(EntryTypes.KeyRevoke, new JsonObject { ["keyId"] = TestPayloads.PublicKeyId, ["reason"] = reason });

    private static KeyState Key(KeyStatus status, string owner = "isr-officer", KeyOwnerKind kind = KeyOwnerKind.User, string party = "ISR") =>
        new(Id, owner, kind, new PartyCode(party), status, status == KeyStatus.Pending ? null : 5, status == KeyStatus.Revoked ? 9 : null);
}
