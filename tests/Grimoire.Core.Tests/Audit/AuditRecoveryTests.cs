using System.Text;
using Grimoire.Core.Audit;

namespace Grimoire.Core.Tests.Audit;

/// <summary>After a crash: a torn last line is kept aside and reported, never dropped silently; the chain goes on (X5).</summary>
public sealed class AuditRecoveryTests : IAsyncLifetime
{
    private readonly ArchiveFolder folder = new();
    private byte[] whole = [];

    public async Task InitializeAsync()
    {
        var archive = folder.Open();
        await ArchiveFolder.AppendAsync(archive, 0, 5);
        await archive.StopAsync(CancellationToken.None);
        whole = await File.ReadAllBytesAsync(folder.File());
    }

    public Task DisposeAsync() => folder.DisposeAsync();

    [Fact]
    public async Task A_torn_last_line_is_moved_aside_reported_and_the_chain_continues_from_the_last_good_record()
    {
        // A crash in the middle of writing record 6: part of its line reached the file.
        var torn = ArchiveFolder.Lines(folder.File())[2][..57];
        await File.AppendAllBytesAsync(folder.File(), torn);

        var archive = folder.Open();
        await archive.StartAsync(CancellationToken.None);

        var notice = Assert.Single(archive.GetStatus().Recovered);
        Assert.Equal((Path.GetFileName(folder.File()), 6, 57L), (notice.File, notice.Line, notice.Bytes));
        Assert.StartsWith("torn last line", notice.Reason, StringComparison.Ordinal);
        var aside = Path.Combine(folder.Path, notice.SetAsideFile!);
        Assert.Equal(torn, await File.ReadAllBytesAsync(aside));
        Assert.Equal(whole, await File.ReadAllBytesAsync(folder.File()));
        Assert.Contains(folder.Logs, l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains(notice.SetAsideFile!, StringComparison.Ordinal));
        Assert.Equal(5, archive.GetStatus().LastSequence);

        await ArchiveFolder.AppendAsync(archive, 5, 2);

        Assert.Equal(Enumerable.Range(0, 7), folder.RecordNumbers());
        var verification = await folder.VerifyAsync();
        Assert.True(verification.IsIntact, verification.FirstProblem?.ToString());
        Assert.Equal([notice.SetAsideFile!], verification.SetAsideFiles);
    }

    [Fact]
    public async Task A_lone_torn_line_in_a_fresh_file_is_kept_aside_and_the_chain_continues_from_the_previous_file()
    {
        var next = folder.File().Replace(".000001.", ".000002.", StringComparison.Ordinal);
        await File.WriteAllBytesAsync(next, Encoding.UTF8.GetBytes("{\"seq\":6,\"prev\":\"ab"));

        var archive = folder.Open();
        await ArchiveFolder.AppendAsync(archive, 5, 1);

        Assert.Single(archive.GetStatus().Recovered);
        var verification = await folder.VerifyAsync();
        Assert.True(verification.IsIntact, verification.FirstProblem?.ToString());
        Assert.Equal(6, verification.Chains[0].Records);
    }

    [Fact]
    public async Task A_whole_last_record_that_only_lost_its_newline_is_completed_not_set_aside()
    {
        await File.WriteAllBytesAsync(folder.File(), whole[..^1]);

        var archive = folder.Open();
        await archive.StartAsync(CancellationToken.None);

        Assert.Empty(archive.GetStatus().Recovered);
        Assert.Equal(whole, await File.ReadAllBytesAsync(folder.File()));
        Assert.Equal(5, archive.GetStatus().LastSequence);
    }

    [Fact]
    public async Task A_damaged_last_record_is_left_for_verify_and_reported_and_writing_goes_on_in_a_new_file()
    {
        var lines = ArchiveFolder.Lines(folder.File());
        var at = ArchiveFolder.Text(lines[4]).IndexOf("record 4", StringComparison.Ordinal);
        lines[4][at] ^= 0x01;
        ArchiveFolder.WriteLines(folder.File(), lines);
        var damaged = await File.ReadAllBytesAsync(folder.File());

        var archive = folder.Open();
        await ArchiveFolder.AppendAsync(archive, 5, 1);

        var notice = Assert.Single(archive.GetStatus().Recovered);
        Assert.Equal((5, (string?)null), (notice.Line, notice.SetAsideFile));
        Assert.Contains(folder.Logs, l => l.StartsWith("Error:", StringComparison.Ordinal) && l.Contains("line 5", StringComparison.Ordinal));
        Assert.Equal(damaged, await File.ReadAllBytesAsync(folder.File(0)));
        Assert.Equal(2, folder.Files().Count);
        var problem = (await folder.VerifyAsync()).FirstProblem!;
        Assert.Equal((AuditProblemKind.HashMismatch, 5), (problem.Kind, problem.Line));
    }
}
