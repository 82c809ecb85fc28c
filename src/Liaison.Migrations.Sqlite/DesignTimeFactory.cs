using Liaison.Features.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Liaison.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for SQLite without starting a host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LiaisonDbContext>
{
    public LiaisonDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<LiaisonDbContext>();
        DatabaseSetup.Configure(options, "Data Source=design-time.db");
        return new LiaisonDbContext(options.Options);
    }
}
