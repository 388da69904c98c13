namespace Grimoire.Core.Data;

public enum DatabaseProvider
{
    /// <summary>The embedded default: one file under the data folder.</summary>
    Sqlite = 0,
    /// <summary>Production.</summary>
    Postgres = 1,
}
