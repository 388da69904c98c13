using System.Collections.Concurrent;
using Grimoire.Core.Audit;
using Grimoire.Core.Audit.Anchors;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Playground;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Tests.Audit;

/// <summary>
/// A restart after the archive lost records the database saw does not carry on as if nothing happened (appending on
/// would soon move the anchor past the evidence): it refuses, naming the gap and the one setting that accepts it
/// (issue 17 item 9, X5). On both databases.
/// </summary>
public abstract class AuditAnchorCheckTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private readonly ConcurrentQueue<string> logs = new();

    private AuditOptions Options => Db.Get<IOptions<AuditOptions>>().Value;

    private string File => Assert.Single(ArchivedRecords.Files(Db));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
        for (var n = 1; n <= 3; n++)
        {
            await scenario.SendAndWaitAsync($"Question {n}", scenario.SwiftSettings());
        }

        await Db.Get<AuditArchive>().StopAsync(Ct); // the process stops; the next start is a new archive
    }

    [Fact]
    public async Task A_restart_with_the_archive_as_the_database_saw_it_goes_on()
    {
        await using var archive = NewArchive();

        await Check(archive).CheckAsync(Ct);

        Assert.Equal(4, (await archive.AppendAsync(ArchiveFolder.Record(4), Ct)).Sequence);
    }

    [Fact]
    public async Task A_restart_after_the_last_records_were_cut_refuses_naming_the_gap_and_the_setting_X5()
    {
        ArchiveTampering.RemoveLastLines(File, 1);
        await using var archive = NewArchive();

        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(() => Check(archive).CheckAsync(Ct));

        var message = Assert.Single(refusal.Failures);
        Assert.Contains($"the audit archive of node {Options.NodeId} does not match the database's anchor: the archive ends at record 2, the database saw 3",
            message, StringComparison.Ordinal);
        Assert.Contains($"{AuditOptions.Section}:AcceptBrokenAnchor={Options.NodeId}:3", message, StringComparison.Ordinal);
        Assert.Equal(2, ArchiveFolder.Lines(File).Count); // nothing appended
    }

    [Fact]
    public async Task A_restart_after_a_rewrite_with_recomputed_hashes_refuses_X5()
    {
        ArchiveTampering.RewriteFrom([File], 2, text => text.Replace("Question 2", "Question X", StringComparison.Ordinal));
        await using var archive = NewArchive();

        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(() => Check(archive).CheckAsync(Ct));

        Assert.Contains("record 3 in the archive does not have the hash the database anchored", Assert.Single(refusal.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_for_another_break_does_not_silence_this_one()
    {
        ArchiveTampering.RemoveLastLines(File, 1);
        await using var archive = NewArchive();

        await Assert.ThrowsAsync<OptionsValidationException>(() => Check(archive, accept: $"{Options.NodeId}:99").CheckAsync(Ct));
    }

    [Fact]
    public async Task Accepting_the_named_break_records_it_in_the_archive_and_anchors_the_chain_there()
    {
        var cut = ArchiveTampering.LastHash(File);
        ArchiveTampering.RemoveLastLines(File, 1);
        await using var archive = NewArchive();

        await Check(archive, accept: $"{Options.NodeId}:3").CheckAsync(Ct);

        var reset = ArchivedRecords.Read(Db).Last();
        Assert.Equal((AuditKinds.AnchorReset, 3L), (reset.Text("kind"), reset.GetProperty("seq").GetInt64()));
        var data = reset.GetProperty("data");
        Assert.Equal((3L, cut, 2L), (data.GetProperty("anchoredSequence").GetInt64(), data.Text("anchoredHash"), data.GetProperty("archiveSequence").GetInt64()));
        Assert.Contains("the archive ends at record 2, the database saw 3", data.Text("reason"), StringComparison.Ordinal);
        await using (var db = Db.CreateContext())
        {
            var anchor = await db.AuditAnchors.SingleAsync(Ct);
            Assert.Equal((3L, ArchiveTampering.LastHash(File)), (anchor.Sequence, anchor.Hash));
        }

        var verification = await Db.Get<AnchoredAuditVerifier>().VerifyAsync(Options.Directory, Ct);
        Assert.True(verification.IsIntact, verification.FirstProblem?.ToString());
        Assert.Equal([3L], verification.Chains[0].AcceptedBreaks);
        Assert.Contains(logs, line => line.StartsWith("Warning: Audit archive: node", StringComparison.Ordinal) && line.Contains("accepted by", StringComparison.Ordinal));
    }

    private AuditArchive NewArchive() =>
        new(Microsoft.Extensions.Options.Options.Create(Options), TimeProvider.System, new ListLogger<AuditArchive>(logs));

    private AuditAnchorCheck Check(AuditArchive archive, string accept = "")
    {
        var options = new AuditOptions { Directory = Options.Directory, NodeId = Options.NodeId, AcceptBrokenAnchor = accept };
        return new AuditAnchorCheck(Db.ContextFactory, archive, Db.Get<AuditAnchorStore>(), Db.Get<AuditAnchorSigner>(),
            Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, new ListLogger<AuditAnchorCheck>(logs));
    }
}

public sealed class AuditAnchorCheckTestsOnSqlite : AuditAnchorCheckTests<SqliteTestDatabase>;

public sealed class AuditAnchorCheckTestsOnPostgres : AuditAnchorCheckTests<PostgresTestDatabase>;
