using Liaison.Features.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Features.Log;

/// <summary>A checkpoint the log key signed: the tree's size and root at that moment, and the signed note as served.</summary>
public sealed class LogCheckpointRecord
{
    public long Size { get; set; }

    public byte[] RootHash { get; set; } = [];

    /// <summary>The signed note (checkpoint body and the log's signature line), exactly as served.</summary>
    public string Note { get; set; } = string.Empty;

    public DateTimeOffset SignedAt { get; set; }
}

/// <summary>A witness's cosignature of a checkpoint: the <c>— name base64</c> line it returned, kept as evidence.</summary>
public sealed class LogCosignatureRecord
{
    public long Size { get; set; }

    public string Witness { get; set; } = string.Empty;

    public string Line { get; set; } = string.Empty;

    public DateTimeOffset ReceivedAt { get; set; }
}

internal sealed class LogCheckpointConfiguration : IEntityTypeConfiguration<LogCheckpointRecord>
{
    public void Configure(EntityTypeBuilder<LogCheckpointRecord> builder)
    {
        builder.ToTable("log_checkpoints");
        builder.HasKey(c => c.Size);
        builder.Property(c => c.Size).ValueGeneratedNever();
        builder.Property(c => c.SignedAt).HasConversion(TimeConversions.UnixMilliseconds);
    }
}

internal sealed class LogCosignatureConfiguration : IEntityTypeConfiguration<LogCosignatureRecord>
{
    public void Configure(EntityTypeBuilder<LogCosignatureRecord> builder)
    {
        builder.ToTable("log_cosignatures");
        builder.HasKey(c => new { c.Size, c.Witness });
        builder.Property(c => c.Witness).HasMaxLength(200);
        builder.Property(c => c.ReceivedAt).HasConversion(TimeConversions.UnixMilliseconds);
    }
}
