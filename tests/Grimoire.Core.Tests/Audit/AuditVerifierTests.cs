using System.Security.Cryptography;
using System.Text;
using Grimoire.Core.Audit;

namespace Grimoire.Core.Tests.Audit;

/// <summary>`verify` passes an intact archive and names the first broken record — file, line, why — for each tampering (X5).</summary>
public sealed class AuditVerifierTests : IAsyncLifetime
{
    private readonly ArchiveFolder folder = new();
    private readonly ArchiveFolder rolledFolder = new();

    public async Task InitializeAsync()
    {
        var archive = folder.Open();
        await ArchiveFolder.AppendAsync(archive, 0, 10);
        await archive.StopAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await folder.DisposeAsync();
        await rolledFolder.DisposeAsync();
    }

    private string FileName => Path.GetFileName(folder.File());

    [Fact]
    public async Task An_untouched_archive_is_intact_X5()
    {
        var verification = await folder.VerifyAsync();

        Assert.True(verification.IsIntact);
        Assert.Equal((1, 10L, 10L), (verification.Chains[0].Files, verification.Chains[0].Records, verification.Chains[0].LastSequence));
    }

    [Fact]
    public async Task Flipping_one_byte_is_a_hash_mismatch_at_that_line_X5()
    {
        var lines = ArchiveFolder.Lines(folder.File());
        var at = ArchiveFolder.Text(lines[4]).IndexOf("record 4", StringComparison.Ordinal);
        lines[4][at] ^= 0x01; // 'r' becomes 's'
        ArchiveFolder.WriteLines(folder.File(), lines);

        var problem = await ProblemAsync();

        Assert.Equal((AuditProblemKind.HashMismatch, FileName, 5, 5L), (problem.Kind, problem.File, problem.Line, problem.Sequence));
        Assert.Contains("changed after it was written", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_line_is_a_sequence_gap_at_the_line_after_it_X5()
    {
        var lines = ArchiveFolder.Lines(folder.File());
        lines.RemoveAt(3);
        ArchiveFolder.WriteLines(folder.File(), lines);

        var problem = await ProblemAsync();

        Assert.Equal((AuditProblemKind.SequenceGap, FileName, 4, 5L), (problem.Kind, problem.File, problem.Line, problem.Sequence));
        Assert.Contains("record 4 is missing", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swapping_two_lines_is_a_reorder_at_the_first_of_them_X5()
    {
        var lines = ArchiveFolder.Lines(folder.File());
        (lines[5], lines[6]) = (lines[6], lines[5]);
        ArchiveFolder.WriteLines(folder.File(), lines);

        var problem = await ProblemAsync();

        Assert.Equal((AuditProblemKind.SequenceReorder, FileName, 6, 7L), (problem.Kind, problem.File, problem.Line, problem.Sequence));
        Assert.Contains("record 7 comes before record 6 (line 7)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeating_a_line_is_a_reorder_at_the_copy()
    {
        var lines = ArchiveFolder.Lines(folder.File());
        lines.Insert(8, lines[2]);
        ArchiveFolder.WriteLines(folder.File(), lines);

        var problem = await ProblemAsync();

        Assert.Equal((AuditProblemKind.SequenceReorder, 9, 3L), (problem.Kind, problem.Line, problem.Sequence));
    }

    [Fact]
    public async Task Truncating_the_last_line_is_a_torn_line_at_the_last_line_X5()
    {
        var bytes = await File.ReadAllBytesAsync(folder.File());
        await File.WriteAllBytesAsync(folder.File(), bytes[..^30]);

        var problem = await ProblemAsync();

        Assert.Equal((AuditProblemKind.TornLine, FileName, 10), (problem.Kind, problem.File, problem.Line));
        Assert.Contains("cut short", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_that_is_not_JSON_is_a_bad_record()
    {
        var lines = ArchiveFolder.Lines(folder.File());
        lines[1] = Encoding.UTF8.GetBytes(ArchiveFolder.Text(lines[1]).Replace("\"kind\":", "\"kind\"", StringComparison.Ordinal));
        ArchiveFolder.WriteLines(folder.File(), lines);

        var problem = await ProblemAsync();

        Assert.Equal((AuditProblemKind.BadRecord, 2), (problem.Kind, problem.Line));
        Assert.Contains("not valid JSON", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rewritten_record_with_a_recomputed_hash_breaks_the_next_records_prev_X5()
    {
        var lines = ArchiveFolder.Lines(folder.File());
        var text = ArchiveFolder.Text(lines[2]).Replace("record 2", "record X", StringComparison.Ordinal);
        var canonical = Encoding.UTF8.GetBytes(text[..^AuditLine.SuffixLength] + "}");
        lines[2] = Encoding.UTF8.GetBytes(text[..^AuditLine.SuffixLength] + $",\"hash\":\"{Convert.ToHexStringLower(SHA256.HashData(canonical))}\"}}");
        ArchiveFolder.WriteLines(folder.File(), lines);

        var problem = await ProblemAsync();

        Assert.Equal((AuditProblemKind.PrevHashMismatch, 4, 4L), (problem.Kind, problem.Line, problem.Sequence));
        Assert.Contains("prev hash is not the hash of record 3", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_named_between_its_neighbours()
    {
        var rolled = await RolledAsync(20);
        var files = rolled.Files();
        File.Delete(files[1]);

        var problem = (await rolled.VerifyAsync()).FirstProblem!;

        Assert.Equal((AuditProblemKind.MissingFile, Path.GetFileName(files[2]), 1), (problem.Kind, problem.File, problem.Line));
        Assert.Contains("file number 000002 of node node-a is missing", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_first_file_is_named()
    {
        var rolled = await RolledAsync(10);
        File.Delete(rolled.Files()[0]);

        Assert.Equal(AuditProblemKind.MissingFile, (await rolled.VerifyAsync()).FirstProblem!.Kind);
    }

    [Fact]
    public async Task A_folder_without_archive_files_is_not_intact_and_a_missing_folder_is_an_error()
    {
        var empty = Directory.CreateTempSubdirectory("grimoire-audit-empty");
        try
        {
            Assert.False((await AuditVerifier.VerifyAsync(empty.FullName, CancellationToken.None)).IsIntact);
        }
        finally
        {
            empty.Delete();
        }

        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => AuditVerifier.VerifyAsync(Path.Combine(folder.Path, "nope"), CancellationToken.None));
    }

    /// <summary>A second archive whose small size limit makes several files.</summary>
    private async Task<ArchiveFolder> RolledAsync(int records)
    {
        var archive = rolledFolder.Open(maxFileBytes: 2048);
        await ArchiveFolder.AppendAsync(archive, 0, records);
        await archive.StopAsync(CancellationToken.None);
        return rolledFolder;
    }

    private async Task<AuditProblem> ProblemAsync()
    {
        var verification = await folder.VerifyAsync();
        Assert.False(verification.IsIntact);
        return verification.FirstProblem!;
    }
}
