namespace Grimoire.Core.Tests.Infrastructure;

/// <summary>
/// Base of every data test: each test gets a fresh migrated database of type <typeparamref name="TDatabase"/>.
/// A suite is written once as an abstract class and run twice, by a sealed "OnSqlite" and an "OnPostgres" subclass.
/// </summary>
public abstract class DatabaseTest<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    protected TDatabase Db { get; } = new();

    protected static CancellationToken Ct => CancellationToken.None;

    public virtual Task InitializeAsync() => Db.InitializeAsync();

    public virtual Task DisposeAsync() => Db.DisposeAsync();
}
