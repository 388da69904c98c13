using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Grimoire.Migrations.Sqlite;

/// <summary>
/// Lets `dotnet ef migrations add` build the model for Sqlite without a host. The connection string is never
/// opened when adding a migration. See docs/architecture.md, "Migrations".
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<GrimoireDbContext>
{
    public GrimoireDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<GrimoireDbContext>();
        builder.UseGrimoireDatabase(DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new GrimoireDbContext(builder.Options);
    }
}
