using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Liaison.Domain.Entries;
using Liaison.Domain.Keys;
using Liaison.Domain.Parties;
using Liaison.Features.Entries;
using Liaison.Ledger.Crypto;

namespace Liaison.Features.Tests.Entries;

/// <summary>Entries signed by a server key, which the sequencer appends without looking the key up: for tests of sequencing alone.</summary>
internal sealed class SequencerEntries : IDisposable
{
    private static readonly Signer Server = new("server", KeyOwnerKind.Server, new PartyCode("USA"), new HashSet<Role>());

    private readonly Ed25519PrivateKey _key = Ed25519PrivateKey.Generate();

    /// <summary>A distinct <c>statement.issue</c> entry for each <paramref name="n"/>.</summary>
    public PendingEntry Make(int n, DateTimeOffset clientTime)
    {
        var payload = EntryBuilder.Payload(EntryTypes.StatementIssue, "isr-syr", "server", ["ISR", "SYR"], clientTime, new JsonObject { ["subject"] = $"entry {n}", ["body"] = "text", ["lang"] = "en" });
        var signed = EntryBuilder.Sign(payload, _key);
        return new PendingEntry(EntryPayload.Parse(payload).Value, payload, SHA256.HashData(payload), signed.KeyId, signed.Signature, Server);
    }

    public void Dispose() => _key.Dispose();
}

/// <summary>A clock that goes back one second every time it is read, to show server times never do.</summary>
internal sealed class RewindingClock(DateTimeOffset start) : TimeProvider
{
    private long _reads;

    public override DateTimeOffset GetUtcNow() => start.AddSeconds(-Interlocked.Increment(ref _reads));
}
