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
    /// The tile's interior: its complete subtrees at heights 1 to 8, height by height (<see cref="Ledger.Merkle.TileSubtrees"/>;
    /// 128 + 64 + ... + 1 = 255 hashes for a full tile, fewer for a partial one). Determined by <see cref="Hashes"/> and
    /// kept so proofs need not recompute it; never served, and null in rows written before it was kept (proofs then
    /// compute it). Roots to sign and tiles to serve are read from <see cref="Hashes"/> alone.
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
