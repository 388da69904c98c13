using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Data;

public static class DbContextOptionsBuilderExtensions
{
    public const string SqliteMigrationsAssembly = "Grimoire.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Grimoire.Migrations.Postgres";

    /// <summary>
    /// Points the context at one database and at that provider's migrations assembly. Used by the host, the
    /// command line, the design-time factories and the tests, so all four build the same thing.
    /// </summary>
    public static DbContextOptionsBuilder UseGrimoireDatabase(
        this DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return provider switch
        {
            DatabaseProvider.Postgres => builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly)),
            _ => builder.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly)),
        };
    }
}
