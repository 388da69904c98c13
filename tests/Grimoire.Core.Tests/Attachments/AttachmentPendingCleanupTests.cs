using System.Text;
using Grimoire.Core.Attachments;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Turns;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Playground;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Attachments;

/// <summary>Files uploaded in a composer but never sent are deleted after the retention (issue 10, AC7.6); sent ones stay.</summary>
public abstract class AttachmentPendingCleanupTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private PlaygroundScenario scenario = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
    }

    private async Task<AttachmentReference> UploadAsync(byte[] bytes, string name) =>
        (await Db.Get<AttachmentUploads>().UploadAsync(
            scenario.Student.Id, scenario.Conversation.WorkspaceId, name, bytes.Length, TestFiles.Stream(bytes), Ct)).Reference!;

    private async Task AgeAsync(params Guid[] ids)
    {
        await using var db = Db.CreateContext();
        var old = DateTime.UtcNow - TimeSpan.FromDays(2);
        await db.Attachments.Where(a => ids.Contains(a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.CreatedAt, old), Ct);
    }

    [Fact]
    public async Task AC7_6_files_never_sent_are_deleted_after_the_retention_and_sent_or_recent_ones_stay()
    {
        var png = TestFiles.Png(40, 30);
        var sent = await UploadAsync(png, "chart.png");
        await Db.Get<TurnRunner>().StartAsync(scenario.Student.Id, scenario.Conversation.Id, "Describe it", "Be brief.",
            new TurnSettings(scenario.Vision.Id, 0.3, 512, ThinkingEnabled: false), [sent.Id], Ct);
        await scenario.WaitForTurnAsync();
        var forgotten = await UploadAsync(Encoding.UTF8.GetBytes("a,b\n1,2\n"), "forgotten.csv");
        var recent = await UploadAsync(Encoding.UTF8.GetBytes("c,d\n3,4\n"), "recent.csv");
        var twinOfSent = await UploadAsync(png, "again.png"); // shares the sent file's stored object
        await AgeAsync(sent.Id, forgotten.Id, twinOfSent.Id);
        var folder = Path.Combine(Db.DataDirectory, "files");
        Assert.Equal(3, Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Length);

        var gone = await Db.Get<AttachmentCleanup>().PendingAsync(Ct);

        Assert.Equal(2, gone);
        await using var db = Db.CreateContext();
        Assert.Equal(new[] { sent.Id, recent.Id }.Order(), (await db.Attachments.Select(a => a.Id).ToListAsync(Ct)).Order());
        Assert.Equal(2, Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Length); // the sent PNG and the recent CSV

        var download = await Db.Get<AttachmentDownloads>().OpenAsync(scenario.Student.Id, sent.Id, Ct);
        Assert.NotNull(download);
        await download.Content.DisposeAsync();
        Assert.Equal(0, await Db.Get<AttachmentCleanup>().PendingAsync(Ct));
    }
}

public sealed class AttachmentPendingCleanupTestsOnSqlite : AttachmentPendingCleanupTests<SqliteTestDatabase>;

public sealed class AttachmentPendingCleanupTestsOnPostgres : AttachmentPendingCleanupTests<PostgresTestDatabase>;
