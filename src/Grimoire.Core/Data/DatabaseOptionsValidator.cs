using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Grimoire.Core.Data;

/// <summary>Refuses to start on a connection string the chosen provider cannot parse, naming the setting.</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail($"{DatabaseOptions.Section}:Provider must be Sqlite or Postgres.");
        }

        if (options.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                $"{DatabaseOptions.Section}:ConnectionString is required when {DatabaseOptions.Section}:Provider is Postgres.");
        }

        try
        {
            if (options.Provider == DatabaseProvider.Postgres)
            {
                var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.Host))
                {
                    return ValidateOptionsResult.Fail($"{DatabaseOptions.Section}:ConnectionString names no Host.");
                }
            }
            else if (!string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.DataSource))
                {
                    return ValidateOptionsResult.Fail($"{DatabaseOptions.Section}:ConnectionString names no Data Source.");
                }
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            // The parser's message names the bad keyword; it never echoes a password.
            return ValidateOptionsResult.Fail(
                $"{DatabaseOptions.Section}:ConnectionString is not a valid {options.Provider} connection string: {ex.Message}");
        }

        return ValidateOptionsResult.Success;
    }
}
