using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Keys;
using Liaison.Domain.Parties;
using Liaison.Features.Data;
using Liaison.Ledger.Crypto;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Keys;

/// <summary>A user asks to have a key enrolled: its base64 public key and a base64 signature proving they hold it.</summary>
public sealed record RequestKeyRequest(string? PublicKey, string? Proof);

/// <summary>
/// Records a key request, pending until an administrator of the user's party enrols it with a <c>key.enroll</c> entry.
/// A request is not an entry: it grants nothing and is visible as pending only.
/// </summary>
public sealed class RequestKey(LiaisonDbContext db, TimeProvider time)
{
    public async Task<Result<KeyView>> HandleAsync(RequestKeyRequest request, Member user, CancellationToken cancellationToken)
    {
        if (!Ed25519PublicKey.TryParseBase64(request.PublicKey, out var publicKey))
        {
            return new Error.Validation("invalid-public-key", "'publicKey' must be base64 of a 32-byte Ed25519 public key.");
        }

        var proof = new byte[Ed25519PublicKey.SignatureLength + 3];
        if (string.IsNullOrEmpty(request.Proof) || !Convert.TryFromBase64String(request.Proof, proof, out var written) || written != Ed25519PublicKey.SignatureLength
            || !publicKey!.Verify(EntrySigning.KeyRequestMessage(user.UserName, publicKey.Bytes), proof.AsSpan(0, written)))
        {
            return new Error.Validation("bad-proof", "'proof' must be the key's signature of 'liaison/key-request/v1\\n<user name>\\n' followed by the public key.");
        }

        var keyId = KeyId.For(publicKey.Bytes).Value;
        var existing = await db.SigningKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyId == keyId, cancellationToken);
        if (existing is not null)
        {
            return new Error.Conflict("key-exists", $"Key {keyId} is already known ({existing.Status}, held by '{existing.Owner}').");
        }

        var record = new SigningKeyRecord
        {
            KeyId = keyId,
            PublicKey = publicKey.Bytes.ToArray(),
            Owner = user.UserName,
            OwnerKind = KeyOwnerKind.User,
            Party = user.Party.Value,
            Status = KeyStatus.Pending,
            RequestedAt = time.GetUtcNow(),
        };
        db.SigningKeys.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return KeyView.From(record);
    }
}
