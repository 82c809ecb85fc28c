using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Keys;
using Liaison.Domain.Parties;
using Liaison.Features.Data;
using Liaison.Features.Keys;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Entries;

/// <summary>
/// Applies an entry's effect on the read models inside the sequencer's transaction, after deciding whether the
/// record's current state allows it. A refused entry changes nothing.
/// </summary>
internal static class EntryProjector
{
    /// <summary>True for the types whose entries change a projection (and so may be refused by the record's state).</summary>
    public static bool HasEffects(string type) => type is EntryTypes.KeyEnroll or EntryTypes.KeyRevoke or EntryTypes.PartyRoot or EntryTypes.MechanismEstablish;

    public static async Task<Result<Unit>> ApplyAsync(LiaisonDbContext db, PendingEntry entry, long seq, DateTimeOffset serverTime, CancellationToken cancellationToken)
    {
        switch (entry.Header.Type)
        {
            case EntryTypes.KeyEnroll:
                return await EnrollAsync(db, entry, seq, serverTime, cancellationToken);
            case EntryTypes.KeyRevoke:
                return await RevokeAsync(db, entry, seq, cancellationToken);
            case EntryTypes.MechanismEstablish:
                return AddAnchor(db, entry, "serverKey", KeyOwnerKind.Server, seq, serverTime);
            case EntryTypes.PartyRoot:
                return AddAnchor(db, entry, "publicKey", KeyOwnerKind.PartyRoot, seq, serverTime);
            default:
                return Unit.Value;
        }
    }

    /// <summary>Records a self-certifying key (the server's, a party's root) published by the entry itself.</summary>
    private static Result<Unit> AddAnchor(LiaisonDbContext db, PendingEntry entry, string field, KeyOwnerKind kind, long seq, DateTimeOffset serverTime)
    {
        var publicKey = Convert.FromBase64String(entry.Header.Body.GetProperty(field).GetString()!);
        db.SigningKeys.Add(new SigningKeyRecord
        {
            KeyId = KeyId.For(publicKey).Value,
            PublicKey = publicKey,
            Owner = kind == KeyOwnerKind.Server ? entry.Header.Author : entry.Signer.Party.Value,
            OwnerKind = kind,
            Party = entry.Signer.Party.Value,
            Status = KeyStatus.Enrolled,
            RequestedAt = serverTime,
            EnrolledBySeq = seq,
        });
        return Unit.Value;
    }

    private static async Task<Result<Unit>> EnrollAsync(LiaisonDbContext db, PendingEntry entry, long seq, DateTimeOffset serverTime, CancellationToken cancellationToken)
    {
        var subjectName = entry.Header.Body.GetProperty("subject").GetString()!;
        var keyId = entry.Header.Body.GetProperty("keyId").GetString()!;
        var subjectUser = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == subjectName, cancellationToken);
        var existing = await db.SigningKeys.SingleOrDefaultAsync(k => k.KeyId == keyId, cancellationToken);
        var decision = KeyDecisions.Enroll(entry.Header, entry.Signer, subjectUser?.ToMember(), existing?.ToState());
        if (!decision.IsSuccess)
        {
            return decision.Error;
        }

        var enrolled = decision.Value;
        if (existing is null)
        {
            existing = new SigningKeyRecord { KeyId = enrolled.Id.Value, RequestedAt = serverTime };
            db.SigningKeys.Add(existing);
        }

        existing.PublicKey = enrolled.PublicKey;
        existing.Owner = enrolled.Subject;
        existing.OwnerKind = KeyOwnerKind.User;
        existing.Party = enrolled.Party.Value;
        existing.Status = KeyStatus.Enrolled;
        existing.EnrolledBySeq = seq;
        return Unit.Value;
    }

    private static async Task<Result<Unit>> RevokeAsync(LiaisonDbContext db, PendingEntry entry, long seq, CancellationToken cancellationToken)
    {
        var keyId = entry.Header.Body.GetProperty("keyId").GetString()!;
        var target = await db.SigningKeys.SingleOrDefaultAsync(k => k.KeyId == keyId, cancellationToken);
        var decision = KeyDecisions.Revoke(entry.Header, entry.Signer, target?.ToState());
        if (!decision.IsSuccess)
        {
            return decision.Error;
        }

        target!.Status = KeyStatus.Revoked;
        target.RevokedBySeq = seq;
        target.RevocationReason = decision.Value.Reason;
        return Unit.Value;
    }

    /// <summary>The party codes of an audience as stored.</summary>
    public static string JoinAudience(IReadOnlyList<PartyCode> audience) => string.Join(',', audience.Select(p => p.Value));
}
