using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Keys;
using Liaison.Domain.Parties;
using Liaison.Features.Mechanism;
using Liaison.Ledger.Crypto;

namespace Liaison.Features.Entries;

/// <summary>Appends an entry the server makes itself (an escalation, a miss, a link test, an overdue visit), signed by the server key.</summary>
internal static class ServerEntries
{
    public static async Task<Result<Unit>> AppendAsync(EntrySequencer sequencer, ServedMechanism mechanism, Ed25519PrivateKey serverKey, string type,
        IEnumerable<PartyCode> audience, JsonObject fields, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var signer = new Signer(ServedMechanism.ServerAuthor, KeyOwnerKind.Server, mechanism.Config.Convener.Code, new HashSet<Role>());
        var payload = EntryBuilder.Payload(type, mechanism.Config.Id, ServedMechanism.ServerAuthor, audience.Select(p => p.Value), now, fields);
        var signed = EntryBuilder.Sign(payload, serverKey);
        var header = EntryPayload.Parse(payload);
        if (!header.IsSuccess)
        {
            return header.Error;
        }

        var appended = await sequencer.AppendAsync(new PendingEntry(header.Value, payload, SHA256.HashData(payload), signed.KeyId, signed.Signature, signer), cancellationToken);
        return appended.IsSuccess ? Unit.Value : appended.Error;
    }
}
