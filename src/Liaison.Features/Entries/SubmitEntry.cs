using System.Security.Cryptography;
using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Keys;
using Liaison.Domain.Parties;
using Liaison.Features.Data;
using Liaison.Features.Keys;
using Liaison.Features.Mechanism;
using Liaison.Ledger.Crypto;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Entries;

/// <summary>A signed entry as a client submits it: base64 payload bytes, the signing key's id, the base64 signature.</summary>
public sealed record SubmitEntryRequest(string? Payload, string? KeyId, string? Sig);

/// <summary>Where the accepted entry is in the joint record.</summary>
public sealed record SubmitEntryResponse(long Seq, DateTimeOffset ServerTime, string LeafHash, string PayloadSha256);

/// <summary>
/// Submits a signed entry: checks the envelope, the size, the key, the signature and the payload's rules in that
/// order (each refusal a distinct problem), then hands it to the sequencer and answers once it is durable.
/// </summary>
public sealed class SubmitEntry(IDbContextFactory<LiaisonDbContext> dbFactory, EntrySequencer sequencer, EnrolledKeys enrolledKeys, ServedMechanism mechanism, TimeProvider time)
{
    public async Task<Result<SubmitEntryResponse>> HandleAsync(SubmitEntryRequest request, Member user, CancellationToken cancellationToken)
    {
        var admitted = await AdmitAsync(request, user, cancellationToken);
        if (!admitted.IsSuccess)
        {
            return admitted.Error;
        }

        var pending = admitted.Value;
        var sequenced = await sequencer.AppendAsync(pending, cancellationToken);
        return sequenced.Map(s => Accepted(s, pending));
    }

    /// <summary>The answer for an entry the sequencer appended.</summary>
    internal static SubmitEntryResponse Accepted(SequencedEntry sequenced, PendingEntry pending) =>
        new(sequenced.Seq, sequenced.ServerTime, Convert.ToHexStringLower(sequenced.LeafHash), Convert.ToHexStringLower(pending.PayloadSha256));

    /// <summary>
    /// Every check that needs no sequencing, in order: envelope, size, key, signature, payload. The entry it returns is
    /// ready for the sequencer, which decides the rest against the record's state.
    /// </summary>
    internal async Task<Result<PendingEntry>> AdmitAsync(SubmitEntryRequest request, Member user, CancellationToken cancellationToken)
    {
        var limit = mechanism.Config.Limits.MaxPayloadBytes;
        if (string.IsNullOrEmpty(request.Payload) || string.IsNullOrEmpty(request.KeyId) || string.IsNullOrEmpty(request.Sig))
        {
            return EntryErrors.MalformedEnvelope("An entry is {\"payload\": base64, \"keyId\": key id, \"sig\": base64}; a field is missing or empty.");
        }

        // Refuse an oversized payload before decoding it: base64 holds 3 bytes per 4 characters.
        if ((long)request.Payload.Length / 4 * 3 > limit + 2)
        {
            return EntryErrors.PayloadTooLarge(request.Payload.Length / 4 * 3, limit);
        }

        if (!TryBase64(request.Payload, out var payload))
        {
            return EntryErrors.MalformedEnvelope("'payload' is not valid base64.");
        }

        if (payload.Length > limit)
        {
            return EntryErrors.PayloadTooLarge(payload.Length, limit);
        }

        if (!TryBase64(request.Sig, out var signature) || signature.Length != Ed25519PublicKey.SignatureLength)
        {
            return EntryErrors.MalformedEnvelope("'sig' is not base64 of a 64-byte Ed25519 signature.");
        }

        if (!Domain.Entries.KeyId.IsValid(request.KeyId))
        {
            return EntryErrors.UnknownKey(request.KeyId);
        }

        var keyRecord = enrolledKeys.TryGet(request.KeyId, out var cachedKey) ? cachedKey : null;
        if (keyRecord is null)
        {
            // Only a key not yet remembered costs a database read; the usual submit touches no context at all.
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            keyRecord = await db.SigningKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyId == request.KeyId, cancellationToken);
            if (keyRecord is not null)
            {
                enrolledKeys.Remember(keyRecord);
            }
        }

        var key = EntryAdmission.CheckKey(request.KeyId, keyRecord?.ToState(), user);
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        if (!new Ed25519PublicKey(keyRecord!.PublicKey).Verify(EntrySigning.SignedMessage(payload), signature))
        {
            return EntryErrors.BadSignature(request.KeyId);
        }

        var header = EntryPayload.Parse(payload).Then(h => EntryAdmission.CheckPayload(h, user, mechanism.Config, time.GetUtcNow()));
        if (!header.IsSuccess)
        {
            return header.Error;
        }

        return new PendingEntry(header.Value, payload, SHA256.HashData(payload), request.KeyId, signature, Signer.ForMember(user));
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        var buffer = new byte[(text.Length / 4 * 3) + 3];
        if (Convert.TryFromBase64String(text, buffer, out var written))
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
