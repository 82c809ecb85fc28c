using System.Text;
using System.Text.Json.Nodes;
using Liaison.Domain.Entries;
using Liaison.Features.Entries;
using Liaison.Features.Keys;
using Liaison.Features.Tests.Infrastructure;
using Liaison.Ledger.Crypto;
using Microsoft.EntityFrameworkCore;
using static Liaison.Features.Tests.Entries.SubmitEntryScenarios;

namespace Liaison.Features.Tests.Entries;

public sealed partial class SubmitEntryTests
{
    /// <summary>Each refusal: the problem it must be, and who submits what. Every one must leave the record and the keys unchanged.</summary>
    private static readonly Dictionary<string, (string Code, Func<Scenario, (TestUser User, SubmitEntryRequest Request)> Build)> Refusals = new(StringComparer.Ordinal)
    {
        // The envelope.
        ["payload missing"] = ("entry-malformed", s => (s.Officer, Valid(s) with { Payload = null })),
        ["keyId empty"] = ("entry-malformed", s => (s.Officer, Valid(s) with { KeyId = "" })),
        ["sig missing"] = ("entry-malformed", s => (s.Officer, Valid(s) with { Sig = null })),
        ["payload not base64"] = ("entry-malformed", s => (s.Officer, Valid(s) with { Payload = "eyJ0eXBlIjo*" })),
        ["sig not base64"] = ("entry-malformed", s => (s.Officer, Valid(s) with { Sig = "not base64!" })),
        ["sig of 63 bytes"] = ("entry-malformed", s => (s.Officer, Valid(s) with { Sig = Convert.ToBase64String(Convert.FromBase64String(Valid(s).Sig!)[..63]) })),
        ["sig of 65 bytes"] = ("entry-malformed", s => (s.Officer, Valid(s) with { Sig = Convert.ToBase64String([.. Convert.FromBase64String(Valid(s).Sig!), 0]) })),

        // The size limit (1 MiB in the demo configuration).
        ["payload one byte over the limit"] = ("payload-too-large", s => (s.Officer, TestMechanism.Request(s.Officer, PaddedStatement(s.Mechanism, s.Officer, Limit + 1)))),
        ["payload three bytes over the limit"] = ("payload-too-large", s => (s.Officer, TestMechanism.Request(s.Officer, PaddedStatement(s.Mechanism, s.Officer, Limit + 3)))),
        ["payload twice the limit"] = ("payload-too-large", s => (s.Officer, TestMechanism.Request(s.Officer, PaddedStatement(s.Mechanism, s.Officer, 2 * Limit)))),

        // The key.
        ["keyId not hex"] = ("unknown-key", s => (s.Officer, Valid(s) with { KeyId = new string('z', 32) })),
        ["keyId in upper case"] = ("unknown-key", s => (s.Officer, Valid(s) with { KeyId = s.Officer.KeyId.ToUpperInvariant() })),
        ["key never seen"] = ("unknown-key", s => (s.Officer, SignedByNewKey(Statement(s, s.Officer)))),
        ["key requested, not enrolled"] = ("key-not-enrolled", s => (s.Duty, TestMechanism.Request(s.Duty, Statement(s, s.Duty)))),
        ["another user's key"] = ("author-mismatch", s => (s.Officer, TestMechanism.Request(s.SyrOfficer, Statement(s, s.Officer)))),
        ["the party's root key"] = ("author-mismatch", s => (s.Officer, SignedByRootKey(s, Statement(s, s.Officer)))),

        // The signature.
        ["signed by another key"] = ("bad-signature", s => (s.Officer, TestMechanism.Request(s.SyrOfficer, Statement(s, s.Officer)) with { KeyId = s.Officer.KeyId })),
        ["payload changed after signing"] = ("bad-signature", s => (s.Officer, Valid(s) with { Payload = Convert.ToBase64String(Statement(s, s.Officer, "changed")) })),
        ["signature without the context line"] = ("bad-signature", s => (s.Officer, Valid(s) with { Sig = Convert.ToBase64String(s.Officer.Key.Sign(Statement(s, s.Officer))) })),

        // The payload's JSON and header.
        ["not JSON"] = ("payload-malformed-json", s => (s.Officer, TestMechanism.Request(s.Officer, "statement: hello"u8.ToArray()))),
        ["a JSON array"] = ("payload-malformed-json", s => (s.Officer, TestMechanism.Request(s.Officer, "[]"u8.ToArray()))),
        ["a name given twice"] = ("payload-malformed-json", s => (s.Officer, TestMechanism.Request(s.Officer, Raw(Statement(s, s.Officer), json => json[..^1] + ",\"author\":\"syr-officer\"}")))),
        ["data after the object"] = ("payload-malformed-json", s => (s.Officer, TestMechanism.Request(s.Officer, Raw(Statement(s, s.Officer), json => json + "{}")))),
        ["invalid UTF-8 in the body"] = ("payload-malformed-json", s => (s.Officer, TestMechanism.Request(s.Officer, InvalidUtf8(Statement(s, s.Officer, "s?bject"))))),
        ["audience missing"] = ("payload-invalid", s => (s.Officer, TestMechanism.Request(s.Officer, Changed(Statement(s, s.Officer), p => p.Remove("audience"))))),
        ["audience in lower case"] = ("payload-invalid", s => (s.Officer, TestMechanism.Request(s.Officer, Changed(Statement(s, s.Officer), p => p["audience"] = new JsonArray("isr"))))),
        ["clientTime without an offset"] = ("payload-invalid", s => (s.Officer, TestMechanism.Request(s.Officer, Changed(Statement(s, s.Officer), p => p["clientTime"] = "2026-01-06T09:00:00")))),

        // The mechanism's rules.
        ["another mechanism"] = ("wrong-mechanism", s => (s.Officer, TestMechanism.Request(s.Officer, Changed(Statement(s, s.Officer), p => p["mechanism"] = "isr-lbn")))),
        ["author someone else"] = ("author-mismatch", s => (s.Officer, TestMechanism.Request(s.Officer, Changed(Statement(s, s.Officer), p => p["author"] = "syr-officer")))),
        ["unknown type"] = ("unknown-payload-type", s => (s.Officer, TestMechanism.Request(s.Officer, Changed(Statement(s, s.Officer), p => p["type"] = "memo.unknown")))),
        ["a type only the mechanism makes"] = ("role-forbidden", s => (s.Admin, TestMechanism.Request(s.Admin, EntryBuilder.Payload(EntryTypes.PartyRoot, "isr-syr", s.Admin.UserName, ["ISR"], Now(s), new JsonObject { ["publicKey"] = s.Admin.Key.PublicKey.ToBase64() })))),
        ["statement by an analyst"] = ("role-forbidden", s => (s.Analyst, TestMechanism.Request(s.Analyst, Statement(s, s.Analyst)))),
        ["enrolment by an officer"] = ("role-forbidden", s => (s.Officer, TestMechanism.Request(s.Officer, Enrolment(s, s.Officer, "isr-duty", s.Duty.Key.PublicKey)))),
        ["audience without the author's party"] = ("audience-forbidden", s => (s.Officer, TestMechanism.Request(s.Officer, s.Mechanism.StatementPayload(s.Officer, "x", audience: ["SYR", "USA"])))),
        ["audience with an unknown party"] = ("audience-forbidden", s => (s.Officer, TestMechanism.Request(s.Officer, s.Mechanism.StatementPayload(s.Officer, "x", audience: ["ISR", "LBN"])))),
        ["client time 5 min 1 ms behind"] = ("clock-skew", s => (s.Officer, TestMechanism.Request(s.Officer, s.Mechanism.StatementPayload(s.Officer, "x", clientTime: Now(s).AddMinutes(-5).AddMilliseconds(-1))))),
        ["client time an hour ahead"] = ("clock-skew", s => (s.Officer, TestMechanism.Request(s.Officer, s.Mechanism.StatementPayload(s.Officer, "x", clientTime: Now(s).AddHours(1))))),
        ["statement without lang"] = ("payload-invalid", s => (s.Officer, TestMechanism.Request(s.Officer, Changed(Statement(s, s.Officer), p => p.Remove("lang"))))),
        ["enrolment not addressed to every party"] = ("audience-forbidden", s => (s.Admin, TestMechanism.Request(s.Admin, Changed(Enrolment(s, s.Admin, "isr-duty", s.Duty.Key.PublicKey), p => p["audience"] = new JsonArray("ISR", "USA"))))),
        ["revocation not addressed to every party"] = ("audience-forbidden", s => (s.Officer, TestMechanism.Request(s.Officer, Changed(s.Mechanism.RevokePayload(s.Officer, s.Officer.KeyId), p => p["audience"] = new JsonArray("ISR"))))),
        ["enrolment whose keyId does not match"] = ("payload-invalid", s => (s.Admin, TestMechanism.Request(s.Admin, Changed(Enrolment(s, s.Admin, "isr-duty", s.Duty.Key.PublicKey), p => p["keyId"] = s.Officer.KeyId)))),

        // The record's state, decided by the sequencer.
        ["enrolment for another party's user"] = ("enrolment-forbidden", s => (s.Admin, TestMechanism.Request(s.Admin, Enrolment(s, s.Admin, "syr-officer", NewPublicKey())))),
        ["enrolment of an unknown user"] = ("unknown-user", s => (s.Admin, TestMechanism.Request(s.Admin, Enrolment(s, s.Admin, "isr-nobody", NewPublicKey())))),
        ["enrolment of a key already enrolled"] = ("key-already-enrolled", s => (s.Admin, TestMechanism.Request(s.Admin, Enrolment(s, s.Admin, "isr-officer", s.Officer.Key.PublicKey)))),
        ["enrolment of another user's pending key"] = ("key-claimed", s => (s.Admin, TestMechanism.Request(s.Admin, Enrolment(s, s.Admin, "isr-officer", s.Duty.Key.PublicKey)))),
        ["revocation of an unknown key"] = ("key-not-found", s => (s.Officer, TestMechanism.Request(s.Officer, s.Mechanism.RevokePayload(s.Officer, new string('0', 32))))),
        ["revocation of another party's key"] = ("revocation-forbidden", s => (s.Officer, TestMechanism.Request(s.Officer, s.Mechanism.RevokePayload(s.Officer, s.SyrOfficer.KeyId)))),
        ["revocation of a colleague's key by a non-administrator"] = ("revocation-forbidden", s => (s.Officer, TestMechanism.Request(s.Officer, s.Mechanism.RevokePayload(s.Officer, s.Analyst.KeyId)))),
        ["revocation of the party's root key"] = ("revocation-forbidden", s => (s.Admin, TestMechanism.Request(s.Admin, s.Mechanism.RevokePayload(s.Admin, RootKey(s).KeyId)))),
    };

    public static TheoryData<string, string> RefusalCases => new(
        from provider in TestDatabase.ProviderNames
        from name in Refusals.Keys
        select (provider, name));

    [Theory]
    [MemberData(nameof(RefusalCases))]
    public async Task HandleAsync_Refused_IsTheProblemAndChangesNothing(string provider, string refusal)
    {
        var scenario = await scenarios.GetAsync(provider);
        var (code, build) = Refusals[refusal];
        var (user, request) = build(scenario);
        var (entries, keys) = await SnapshotAsync(scenario.Mechanism);

        var result = await scenario.Mechanism.SubmitAsync(user, request);

        Assert.False(result.IsSuccess, $"{refusal}: accepted as entry {(result.IsSuccess ? result.Value.Seq : -1)}");
        Assert.Equal(code, result.Error.Code);
        var (entriesAfter, keysAfter) = await SnapshotAsync(scenario.Mechanism);
        Assert.Equal(entries, entriesAfter);
        Assert.Equal(keys, keysAfter);
    }

    private static async Task<(long Entries, string Keys)> SnapshotAsync(TestMechanism mechanism)
    {
        await using var db = mechanism.Database.NewContext();
        var keys = await db.SigningKeys.AsNoTracking().OrderBy(k => k.KeyId).Select(k => k.KeyId + ":" + k.Owner + ":" + k.Status + ":" + k.EnrolledBySeq + ":" + k.RevokedBySeq).ToListAsync(Cancel);
        return (await db.Entries.LongCountAsync(Cancel), string.Join('\n', keys));
    }

    private static DateTimeOffset Now(Scenario s) => s.Mechanism.Database.Time.GetUtcNow();

    private static byte[] Statement(Scenario s, TestUser author, string subject = "subject") => s.Mechanism.StatementPayload(author, subject);

    private static SubmitEntryRequest Valid(Scenario s) => TestMechanism.Request(s.Officer, Statement(s, s.Officer));

    private static byte[] Changed(byte[] payload, Action<JsonObject> change)
    {
        var json = JsonNode.Parse(payload)!.AsObject();
        change(json);
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    private static byte[] Raw(byte[] payload, Func<string, string> change) => Encoding.UTF8.GetBytes(change(Encoding.UTF8.GetString(payload)));

    private static byte[] InvalidUtf8(byte[] payload)
    {
        var copy = payload.ToArray();
        copy[copy.AsSpan().IndexOf("s?bject"u8) + 1] = 0xFF;
        return copy;
    }

    private static byte[] Enrolment(Scenario s, TestUser by, string subject, Ed25519PublicKey key) =>
        // Every party, but not in the order bootstrap writes them, so no enrolment here repeats one byte for byte.
        EntryBuilder.Payload(EntryTypes.KeyEnroll, "isr-syr", by.UserName, ["UNDOF", "USA", "SYR", "ISR"], Now(s), new JsonObject
        {
            ["subject"] = subject,
            ["publicKey"] = key.ToBase64(),
            ["keyId"] = KeyId.For(key.Bytes).Value,
        });

    private static Ed25519PublicKey NewPublicKey()
    {
        using var key = Ed25519PrivateKey.Generate();
        return key.PublicKey;
    }

    private static SubmitEntryRequest SignedByNewKey(byte[] payload)
    {
        using var key = Ed25519PrivateKey.Generate();
        return EntryBuilder.Sign(payload, key).ToRequest();
    }

    private static KeyFile RootKey(Scenario s) => KeyFile.Load(s.Mechanism.Database.Folder.RootKeyFile("ISR")).Value;

    private static SubmitEntryRequest SignedByRootKey(Scenario s, byte[] payload)
    {
        using var key = RootKey(s).Open();
        return EntryBuilder.Sign(payload, key).ToRequest();
    }
}
