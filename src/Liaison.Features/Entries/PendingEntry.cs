using Liaison.Domain.Entries;
using Liaison.Domain.Keys;

namespace Liaison.Features.Entries;

/// <summary>An entry whose signature and payload were checked, waiting for the sequencer to give it a place in the record.</summary>
public sealed record PendingEntry(EntryHeader Header, byte[] Payload, byte[] PayloadSha256, string KeyId, byte[] Signature, Signer Signer);

/// <summary>Where an accepted entry landed: its log position, the server's time, and its leaf hash.</summary>
public sealed record SequencedEntry(long Seq, DateTimeOffset ServerTime, byte[] LeafHash);
