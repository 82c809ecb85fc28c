using Liaison.Features.Entries;
using Liaison.Features.Identity;
using Liaison.Features.Keys;
using Liaison.Features.Log;
using Liaison.Features.Mechanism;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Data;

/// <summary>The one EF Core model: the joint record's entries, their projections, and Identity's users.</summary>
public sealed class LiaisonDbContext(DbContextOptions<LiaisonDbContext> options) : IdentityUserContext<LiaisonUser>(options)
{
    public DbSet<EntryRecord> Entries => Set<EntryRecord>();

    public DbSet<SigningKeyRecord> SigningKeys => Set<SigningKeyRecord>();

    public DbSet<AccessTokenRecord> AccessTokens => Set<AccessTokenRecord>();

    public DbSet<MechanismRecord> Mechanisms => Set<MechanismRecord>();

    public DbSet<LogTileRecord> LogTiles => Set<LogTileRecord>();

    public DbSet<LogCheckpointRecord> LogCheckpoints => Set<LogCheckpointRecord>();

    public DbSet<LogCosignatureRecord> LogCosignatures => Set<LogCosignatureRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LiaisonDbContext).Assembly);
        builder.Entity<LiaisonUser>(user =>
        {
            user.Property(u => u.PartyCode).HasMaxLength(10);
            user.Property(u => u.RoleCodes).HasMaxLength(200);
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.CreatedAt).HasConversion(TimeConversions.UnixMilliseconds);
        });
        builder.Entity<AccessTokenRecord>(token =>
        {
            token.Property(t => t.CreatedAt).HasConversion(TimeConversions.UnixMilliseconds);
            token.Property(t => t.ExpiresAt).HasConversion(TimeConversions.UnixMilliseconds);
            token.Property(t => t.RevokedAt).HasConversion(TimeConversions.NullableUnixMilliseconds);
            token.Property(t => t.LastUsedAt).HasConversion(TimeConversions.NullableUnixMilliseconds);
        });
    }
}
