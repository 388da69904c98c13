using System.Diagnostics;
using Grimoire.Core.Audit;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Playground;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Tests.Usage;

/// <summary>`grimoire usage rebuild` as an operator runs it (X1): backfills from the archive, idempotently.</summary>
public abstract class UsageRebuildCommandTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task Rebuild_adds_the_rows_the_table_lacks_then_nothing_X1()
    {
        var scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
        await scenario.SendAndWaitAsync("One", scenario.SwiftSettings());
        await scenario.SendAndWaitAsync("Two", scenario.SwiftSettings());
        await using (var db = Db.CreateContext())
        {
            await db.UsageRecords.ExecuteDeleteAsync(Ct);
        }

        var first = await RunAsync("usage", "rebuild");
        var second = await RunAsync("usage", "rebuild");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("Read 2 provider call record(s); added 2 usage row(s), 0 were already there.", first.Output, StringComparison.Ordinal);
        Assert.Contains("added 0 usage row(s), 2 were already there.", second.Output, StringComparison.Ordinal);
        await using var reader = Db.CreateContext();
        Assert.Equal(2, await reader.UsageRecords.CountAsync(Ct));
    }

    [Fact]
    public async Task A_missing_archive_folder_exits_1_naming_it()
    {
        var missing = Path.Combine(Db.DataDirectory, "nowhere");

        var (exitCode, _, error) = await RunAsync("usage", "rebuild", "--dir", missing);

        Assert.Equal(1, exitCode);
        Assert.Contains($"grimoire: There is no archive folder at {missing}.", error, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "grimoire.dll"), .. arguments])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Db.DataDirectory,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Demo";
        start.Environment["Grimoire__DataDirectory"] = Db.DataDirectory;
        start.Environment["Grimoire__Database__Provider"] = Db.Provider.ToString();
        start.Environment["Grimoire__Database__ConnectionString"] = Db.ConnectionString;
        start.Environment["Grimoire__Audit__NodeId"] = Db.Get<IOptions<AuditOptions>>().Value.NodeId;
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}

public sealed class UsageRebuildCommandTestsOnSqlite : UsageRebuildCommandTests<SqliteTestDatabase>;

public sealed class UsageRebuildCommandTestsOnPostgres : UsageRebuildCommandTests<PostgresTestDatabase>;
