using Grimoire.Core.Data;
using Microsoft.Data.Sqlite;

namespace Grimoire.Core.Tests.Infrastructure;

/// <summary>A SQLite file in the test's own temp folder (a file, so several contexts can share it like in production).</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> CreateDatabaseAsync() =>
        Task.FromResult(new SqliteConnectionStringBuilder { DataSource = "test.db", Pooling = false }.ToString());

    protected override Task DropDatabaseAsync() => Task.CompletedTask;
}
