using Liaison.Features.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Features.Mechanism;

/// <summary>The one mechanism this database serves: its id and the SHA-256 of the configuration it was established with.</summary>
public sealed class MechanismRecord
{
    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string ConfigFile { get; set; } = string.Empty;

    public string ConfigSha256 { get; set; } = string.Empty;

    public DateTimeOffset EstablishedAt { get; set; }
}

internal sealed class MechanismConfiguration : IEntityTypeConfiguration<MechanismRecord>
{
    public void Configure(EntityTypeBuilder<MechanismRecord> builder)
    {
        builder.ToTable("mechanism");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasMaxLength(64);
        builder.Property(m => m.ConfigSha256).HasMaxLength(64);
        builder.Property(m => m.EstablishedAt).HasConversion(TimeConversions.UnixMilliseconds);
    }
}
