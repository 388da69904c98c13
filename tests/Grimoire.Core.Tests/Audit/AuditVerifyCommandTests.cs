using System.Diagnostics;
using Grimoire.Core.Audit;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Playground;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Tests.Audit;

/// <summary>
/// `grimoire audit verify` as an operator runs it, on the test's database and archive (issue 17 item 9, X5): it
/// checks the chains against the database's anchors and names what is missing.
/// </summary>
public abstract class AuditVerifyCommandTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private string NodeId => Db.Get<IOptions<AuditOptions>>().Value.NodeId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
        for (var n = 1; n <= 3; n++)
        {
            await scenario.SendAndWaitAsync($"Question {n}", scenario.SwiftSettings());
        }
    }

    [Fact]
    public async Task An_intact_anchored_archive_passes_and_says_where_its_anchor_is_X5()
    {
        var (exitCode, output, error) = await RunAsync("audit", "verify");

        Assert.True(exitCode == 0, error);
        Assert.Contains($"Node {NodeId}: 3 record(s) in 1 file(s), intact. Head: record 3, hash ", output, StringComparison.Ordinal);
        Assert.Contains("The database's anchor is this record.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cut_tail_fails_naming_the_node_and_the_records_the_database_saw_X5()
    {
        var file = Assert.Single(ArchivedRecords.Files(Db));
        ArchiveTampering.RemoveLastLines(file, 1);

        var (exitCode, _, error) = await RunAsync("audit", "verify");

        Assert.Equal(1, exitCode);
        Assert.Contains(
            $"grimoire: node {NodeId}: chain broken (TailMissing): after {Path.GetFileName(file)}: the archive ends at record 2, the database saw 3: record 3 is missing",
            error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_only_cannot_see_a_cut_tail_and_says_so()
    {
        ArchiveTampering.RemoveLastLines(Assert.Single(ArchivedRecords.Files(Db)), 1);

        var (exitCode, output, error) = await RunAsync("audit", "verify", "--files-only");

        Assert.True(exitCode == 0, error);
        Assert.Contains("intact", output, StringComparison.Ordinal);
        Assert.Contains("Checked the files alone (--files-only): records cut from the end of a chain would not show.", output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "grimoire.dll"), .. arguments])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Db.DataDirectory,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Demo"; // as the test's services: the demo secrets key in the data folder
        start.Environment["Grimoire__DataDirectory"] = Db.DataDirectory;
        start.Environment["Grimoire__Database__Provider"] = Db.Provider.ToString();
        start.Environment["Grimoire__Database__ConnectionString"] = Db.ConnectionString;
        start.Environment["Grimoire__Audit__NodeId"] = NodeId;
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}

public sealed class AuditVerifyCommandTestsOnSqlite : AuditVerifyCommandTests<SqliteTestDatabase>;

public sealed class AuditVerifyCommandTestsOnPostgres : AuditVerifyCommandTests<PostgresTestDatabase>;
