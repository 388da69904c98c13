namespace Grimoire.Core.Data;

/// <summary>Bound from <c>Grimoire:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Grimoire:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// ADO.NET connection string. Empty with SQLite means <c>{DataDirectory}/grimoire.db</c>; PostgreSQL needs one,
    /// e.g. <c>Host=db;Database=grimoire;Username=grimoire;Password=…</c>.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Apply pending migrations when the web host starts (otherwise run <c>grimoire migrate</c>).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
