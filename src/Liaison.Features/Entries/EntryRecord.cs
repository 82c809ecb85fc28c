using Liaison.Features.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Features.Entries;

/// <summary>
/// One accepted entry: its log position (<see cref="Seq"/>, the 0-based leaf index), the leaf fields every party
/// sees, and the signed payload bytes exactly as submitted, served only to the audience.
/// </summary>
public sealed class EntryRecord
{
    public long Seq { get; set; }

    public string Type { get; set; } = string.Empty;

    public string Author { get; set; } = string.Empty;

    /// <summary>Party codes, comma-separated, in the payload's order.</summary>
    public string Audience { get; set; } = string.Empty;

    public DateTimeOffset ServerTime { get; set; }

    public DateTimeOffset ClientTime { get; set; }

    public string KeyId { get; set; } = string.Empty;

    public byte[] Signature { get; set; } = [];

    public byte[] Payload { get; set; } = [];

    public byte[] PayloadSha256 { get; set; } = [];

    /// <summary>RFC 6962 hash of the encoded leaf.</summary>
    public byte[] LeafHash { get; set; } = [];

    /// <summary>The party codes of <see cref="Audience"/>.</summary>
    public IReadOnlyList<string> AudienceCodes => Audience.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class EntryConfiguration : IEntityTypeConfiguration<EntryRecord>
{
    public void Configure(EntityTypeBuilder<EntryRecord> builder)
    {
        builder.ToTable("entries");
        builder.HasKey(e => e.Seq);
        builder.Property(e => e.Seq).ValueGeneratedNever();
        builder.Property(e => e.Type).HasMaxLength(100);
        builder.Property(e => e.Author).HasMaxLength(100);
        builder.Property(e => e.Audience).HasMaxLength(500);
        builder.Property(e => e.KeyId).HasMaxLength(64);
        builder.Property(e => e.ServerTime).HasConversion(TimeConversions.UnixMilliseconds);
        builder.Property(e => e.ClientTime).HasConversion(TimeConversions.UnixMilliseconds);
        // One signed payload is stored once: a resubmission finds the first by this index.
        builder.HasIndex(e => e.PayloadSha256).IsUnique();
        builder.HasIndex(e => e.Type);
    }
}
