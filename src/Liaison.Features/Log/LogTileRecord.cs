using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Features.Log;

/// <summary>
/// One C2SP tlog-tiles hash tile as stored: the concatenated 32-byte hashes of up to 256 complete subtrees of
/// height 8·<see cref="Level"/>. Level 0 holds the leaf hashes. The rightmost tile of a level grows until it is
/// full; a full tile never changes. Written in the same transaction as the entries it covers.
/// </summary>
public sealed class LogTileRecord
{
    public int Level { get; set; }

    public long Index { get; set; }

    public byte[] Hashes { get; set; } = [];

    /// <summary>
    /// For a full tile only: its 255 interior hashes, height 1 (128 hashes) up to height 8 (1), concatenated. A cache of
    /// what <see cref="Hashes"/> determines, so proofs need not recompute them; never served, never trusted by a verifier.
    /// </summary>
    public byte[]? Interior { get; set; }
}

internal sealed class LogTileConfiguration : IEntityTypeConfiguration<LogTileRecord>
{
    public void Configure(EntityTypeBuilder<LogTileRecord> builder)
    {
        builder.ToTable("log_tiles");
        builder.HasKey(t => new { t.Level, t.Index });
        builder.Property(t => t.Index).ValueGeneratedNever();
    }
}
