using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Features.Identity;

/// <summary>A personal access token for the API and CLI. Only the SHA-256 of the secret is stored.</summary>
public sealed class AccessTokenRecord
{
    public Guid Id { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>Lower-case hex SHA-256 of the whole token text.</summary>
    public string TokenHash { get; set; } = string.Empty;

    /// <summary>The token's first characters, shown so a person can tell their tokens apart.</summary>
    public string Prefix { get; set; } = string.Empty;

    /// <summary>Space-separated scopes.</summary>
    public string Scopes { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}

internal sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessTokenRecord>
{
    public void Configure(EntityTypeBuilder<AccessTokenRecord> builder)
    {
        builder.ToTable("access_tokens");
        builder.HasKey(t => t.Id);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.UserId);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.Prefix).HasMaxLength(16);
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Scopes).HasMaxLength(500);
        builder.HasOne<LiaisonUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
