using Grimoire.Core.Audit;
using Grimoire.Core.Audit.Anchors;
using Grimoire.Core.Playground.Editing;
using Grimoire.Core.Playground.Forking;
using Grimoire.Core.Playground.Turns;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Playground;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Tests.Audit;

/// <summary>
/// The database anchors each node's chain (issue 17 item 9, X5): a chain cut at its end, a deleted newest file, or a
/// chain rewritten to its end with every hash recomputed — all "intact" to the files alone — are named against the
/// anchor, on both databases.
/// </summary>
public abstract class AuditAnchorTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private PlaygroundScenario scenario = default!;

    private string NodeId => Db.Get<IOptions<AuditOptions>>().Value.NodeId;

    private string Directory => ArchivedRecords.Directory(Db);

    public override async Task InitializeAsync()
    {
        Db.Settings["Grimoire:Playground:TurnBurst"] = "20";
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
        for (var n = 1; n <= 5; n++)
        {
            await scenario.SendAndWaitAsync($"Question {n}", scenario.SwiftSettings());
        }
    }

    [Fact]
    public async Task Each_archived_turn_moves_the_anchor_to_its_record_with_a_valid_signature_X5()
    {
        var anchor = await AnchorAsync();

        var file = Assert.Single(ArchivedRecords.Files(Db));
        Assert.Equal((NodeId, 5L, ArchiveTampering.LastHash(file)), (anchor!.NodeId, anchor.Sequence, anchor.Hash));
        Assert.Null(Db.Get<AuditAnchorSigner>().Problem(anchor));
        var verification = await VerifyAsync();
        Assert.True(verification.IsIntact, verification.FirstProblem?.ToString());
        Assert.Equal(5L, verification.Chains[0].AnchoredSequence);
    }

    [Fact]
    public async Task Edits_branches_and_regenerations_move_the_anchor_as_they_commit()
    {
        var messages = await scenario.MessagesAsync();

        var edit = await Db.Get<MessageEditor>().EditAsync(scenario.Student.Id, messages[0].Id, "Question one, reworded", Ct);
        Assert.True(edit.Changed);
        Assert.Equal(6L, (await AnchorAsync())!.Sequence);

        await Db.Get<ConversationForks>().ForkAsync(scenario.Student.Id, messages[1].Id, Ct);
        Assert.Equal(7L, (await AnchorAsync())!.Sequence);

        await Db.Get<TurnRunner>().RegenerateAsync(
            scenario.Student.Id, scenario.Conversation.Id, messages[^1].Id, RegenerateWith.CurrentSettings, scenario.SwiftSettings(), "Be brief.", Ct);
        await scenario.WaitForTurnAsync();
        Assert.Equal(9L, (await AnchorAsync())!.Sequence); // the replaced answer, then the new call

        Assert.True((await VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task The_anchor_never_moves_back_when_commits_arrive_out_of_order()
    {
        await using (var db = Db.CreateContext())
        {
            await Db.Get<AuditAnchorStore>().AdvanceAsync(db, new AuditReceipt(NodeId, 3, new string('c', 64)), Ct);
        }

        Assert.Equal(5L, (await AnchorAsync())!.Sequence);
    }

    [Fact]
    public async Task Removing_the_last_records_is_named_against_the_anchor_X5()
    {
        ArchiveTampering.RemoveLastLines(ArchivedRecords.Files(Db)[0], 2);

        Assert.True((await AuditVerifier.VerifyAsync(Directory, Ct)).IsIntact); // the files alone cannot tell

        var problem = await ProblemAsync();
        Assert.Equal(AuditProblemKind.TailMissing, problem.Kind);
        Assert.Contains("the archive ends at record 3, the database saw 5: records 4 to 5 are missing", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_newest_file_is_named_against_the_anchor_X5()
    {
        Db.Get<IOptions<AuditOptions>>().Value.MaxFileBytes = AuditOptionsValidator.MinFileBytes; // each record from here rolls a file
        await scenario.SendAndWaitAsync("Question 6", scenario.SwiftSettings());
        await scenario.SendAndWaitAsync("Question 7", scenario.SwiftSettings());
        var files = ArchivedRecords.Files(Db);
        Assert.Equal(3, files.Count);
        File.Delete(files[^1]);

        Assert.True((await AuditVerifier.VerifyAsync(Directory, Ct)).IsIntact);

        var problem = await ProblemAsync();
        Assert.Equal((AuditProblemKind.TailMissing, Path.GetFileName(files[1])), (problem.Kind, problem.File));
        Assert.Contains("the archive ends at record 6, the database saw 7: record 7 is missing", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_every_file_is_named_against_the_anchor()
    {
        System.IO.Directory.Delete(Directory, recursive: true);

        var verification = await VerifyAsync();

        var chain = Assert.Single(verification.Chains);
        Assert.Equal((NodeId, 0, AuditProblemKind.TailMissing), (chain.NodeId, chain.Files, chain.Problem!.Kind));
        Assert.Contains("the archive has no files for this node, but the database saw record 5", chain.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rewriting_a_record_and_recomputing_every_later_hash_is_an_anchor_mismatch_X5()
    {
        var file = ArchivedRecords.Files(Db)[0];
        ArchiveTampering.RewriteFrom([file], 2, text => text.Replace("Question 2", "Question X", StringComparison.Ordinal));

        Assert.True((await AuditVerifier.VerifyAsync(Directory, Ct)).IsIntact);

        var problem = await ProblemAsync();
        Assert.Equal((AuditProblemKind.AnchorMismatch, Path.GetFileName(file), 5, 5L), (problem.Kind, problem.File, problem.Line, problem.Sequence));
        Assert.Contains("were rewritten", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rewriting_the_chain_and_its_anchor_without_the_key_is_a_forged_anchor_X5()
    {
        var file = ArchivedRecords.Files(Db)[0];
        ArchiveTampering.RewriteFrom([file], 2, text => text.Replace("Question 2", "Question X", StringComparison.Ordinal));
        await using (var db = Db.CreateContext())
        {
            var newHash = ArchiveTampering.LastHash(file);
            await db.AuditAnchors.ExecuteUpdateAsync(s => s.SetProperty(a => a.Hash, newHash), Ct);
        }

        var problem = await ProblemAsync();

        Assert.Equal(AuditProblemKind.AnchorForged, problem.Kind);
        Assert.Contains("the anchor was altered in the database", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chain_whose_anchor_was_deleted_cannot_be_vouched_for()
    {
        await using (var db = Db.CreateContext())
        {
            await db.AuditAnchors.ExecuteDeleteAsync(Ct);
        }

        var problem = await ProblemAsync();

        Assert.Equal(AuditProblemKind.NotAnchored, problem.Kind);
        Assert.Contains("the database holds no anchor for this node", problem.Message, StringComparison.Ordinal);
    }

    private async Task<AuditAnchor?> AnchorAsync()
    {
        await using var db = Db.CreateContext();
        return await db.AuditAnchors.SingleOrDefaultAsync(a => a.NodeId == NodeId, Ct);
    }

    private Task<AuditVerification> VerifyAsync() => Db.Get<AnchoredAuditVerifier>().VerifyAsync(Directory, Ct);

    private async Task<AuditProblem> ProblemAsync()
    {
        var verification = await VerifyAsync();
        Assert.False(verification.IsIntact);
        return verification.FirstProblem!;
    }
}

public sealed class AuditAnchorTestsOnSqlite : AuditAnchorTests<SqliteTestDatabase>;

public sealed class AuditAnchorTestsOnPostgres : AuditAnchorTests<PostgresTestDatabase>;
