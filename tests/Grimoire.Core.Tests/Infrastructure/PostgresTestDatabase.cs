using Grimoire.Core.Data;
using Npgsql;

namespace Grimoire.Core.Tests.Infrastructure;

/// <summary>
/// A throwaway database on the real PostgreSQL server named by <c>GRIMOIRE_TEST_POSTGRES</c> (scripts/test.sh
/// starts one). Without it these tests fail, on purpose: a skipped database test proves nothing.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public const string EnvironmentVariable = "GRIMOIRE_TEST_POSTGRES";

    private readonly string name = "grimoire_test_" + Guid.NewGuid().ToString("N")[..16];

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. Run scripts/test.sh, which starts a throwaway PostgreSQL, or set it to a server connection string.");

    protected override async Task<string> CreateDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ToString();
    }

    protected override async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
