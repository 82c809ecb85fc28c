using Liaison.Domain.Entries;
using Liaison.Domain.Keys;
using Liaison.Domain.Parties;
using Liaison.Features.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Features.Keys;

/// <summary>A signing key known to the mechanism: requested, enrolled by an entry, or revoked by one. A projection of the record, except pending requests.</summary>
public sealed class SigningKeyRecord
{
    public string KeyId { get; set; } = string.Empty;

    public byte[] PublicKey { get; set; } = [];

    public string Owner { get; set; } = string.Empty;

    public KeyOwnerKind OwnerKind { get; set; }

    public string Party { get; set; } = string.Empty;

    public KeyStatus Status { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public long? EnrolledBySeq { get; set; }

    public long? RevokedBySeq { get; set; }

    public string? RevocationReason { get; set; }

    /// <summary>The key as the domain rules see it.</summary>
    public KeyState ToState() =>
        new(new KeyId(KeyId), Owner, OwnerKind, new PartyCode(Party), Status, EnrolledBySeq, RevokedBySeq);
}

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKeyRecord>
{
    public void Configure(EntityTypeBuilder<SigningKeyRecord> builder)
    {
        builder.ToTable("signing_keys");
        builder.HasKey(k => k.KeyId);
        builder.Property(k => k.KeyId).HasMaxLength(64);
        builder.Property(k => k.Owner).HasMaxLength(100);
        builder.Property(k => k.Party).HasMaxLength(10);
        builder.Property(k => k.OwnerKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(k => k.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(k => k.RequestedAt).HasConversion(TimeConversions.UnixMilliseconds);
        builder.HasIndex(k => k.Owner);
    }
}
