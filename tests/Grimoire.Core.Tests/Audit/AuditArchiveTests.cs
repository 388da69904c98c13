using Grimoire.Core.Audit;

namespace Grimoire.Core.Tests.Audit;

/// <summary>The single writer: whole, ordered, chained records under concurrency, across files and restarts (AC4.3, X5).</summary>
public sealed class AuditArchiveTests : IAsyncLifetime
{
    private readonly ArchiveFolder folder = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => folder.DisposeAsync();

    [Fact]
    public async Task A_thousand_concurrent_appends_make_one_unbroken_chain_with_every_record_once_X5()
    {
        var archive = folder.Open();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(task => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await archive.AppendAsync(ArchiveFolder.Record((task * 20) + i), CancellationToken.None);
            }
        })));

        var lines = ArchiveFolder.Lines(folder.File());
        Assert.Equal(1000, lines.Count);
        Assert.Equal(Enumerable.Range(0, 1000), folder.RecordNumbers().Order());
        Assert.Equal(Enumerable.Range(1, 1000).Select(n => (long)n), lines.Select(l => ArchiveFolder.Header(l).GetProperty("seq").GetInt64()));
        var verification = await folder.VerifyAsync();
        Assert.True(verification.IsIntact, verification.FirstProblem?.ToString());
        Assert.Equal(1000, verification.Chains.Single().Records);
        Assert.Equal((1000L, archive.GetStatus().LastHash), (verification.Chains[0].LastSequence, verification.Chains[0].LastHash));
    }

    [Fact]
    public async Task An_append_returns_only_once_its_record_is_in_the_file()
    {
        var archive = folder.Open(fsync: false);

        for (var n = 0; n < 5; n++)
        {
            await archive.AppendAsync(ArchiveFolder.Record(n), CancellationToken.None);
            Assert.Equal(Enumerable.Range(0, n + 1), folder.RecordNumbers());
        }
    }

    [Fact]
    public async Task The_first_record_chains_from_the_genesis_hash_and_each_next_from_the_one_before()
    {
        var archive = folder.Open();
        await ArchiveFolder.AppendAsync(archive, 0, 3);

        var headers = ArchiveFolder.Lines(folder.File()).Select(ArchiveFolder.Header).ToList();
        Assert.Equal(new string('0', 64), headers[0].GetProperty("prev").GetString());
        Assert.Equal(headers[0].GetProperty("hash").GetString(), headers[1].GetProperty("prev").GetString());
        Assert.Equal(headers[1].GetProperty("hash").GetString(), headers[2].GetProperty("prev").GetString());
        Assert.All(headers, h => Assert.Equal(("node-a", AuditKinds.MessageEdited), (h.GetProperty("node").GetString(), h.GetProperty("kind").GetString())));
        Assert.Contains("record 0 — ünïcödé", ArchiveFolder.Text(ArchiveFolder.Lines(folder.File())[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_size_limit_rolls_into_several_files_and_the_chain_runs_on_across_them()
    {
        var archive = folder.Open(maxFileBytes: 2048);

        await ArchiveFolder.AppendAsync(archive, 0, 40);

        var files = folder.Files();
        Assert.True(files.Count >= 5, $"only {files.Count} file(s)");
        Assert.All(files, f => Assert.True(new FileInfo(f).Length <= 2048, $"{f} is {new FileInfo(f).Length} bytes"));
        Assert.Equal(Enumerable.Range(1, files.Count).Select(n => $"audit.node-a.{n:000000}.2026-11-25.jsonl"), files.Select(Path.GetFileName));
        for (var i = 1; i < files.Count; i++)
        {
            var lastOfPrevious = ArchiveFolder.Header(ArchiveFolder.Lines(files[i - 1])[^1]);
            var firstOfNext = ArchiveFolder.Header(ArchiveFolder.Lines(files[i])[0]);
            Assert.Equal(lastOfPrevious.GetProperty("hash").GetString(), firstOfNext.GetProperty("prev").GetString());
            Assert.Equal(lastOfPrevious.GetProperty("seq").GetInt64() + 1, firstOfNext.GetProperty("seq").GetInt64());
        }

        Assert.Equal(Enumerable.Range(0, 40), folder.RecordNumbers());
        var verification = await folder.VerifyAsync();
        Assert.True(verification.IsIntact, verification.FirstProblem?.ToString());
        Assert.Equal((files.Count, 40L), (verification.Chains[0].Files, verification.Chains[0].Records));
    }

    [Fact]
    public async Task Files_roll_at_midnight_UTC_and_the_chain_continues()
    {
        var archive = folder.Open();
        await ArchiveFolder.AppendAsync(archive, 0, 2);
        folder.Time.Now = folder.Time.Now.AddDays(1).Date;

        await ArchiveFolder.AppendAsync(archive, 2, 2);

        Assert.Equal(["audit.node-a.000001.2026-11-25.jsonl", "audit.node-a.000002.2026-11-26.jsonl"], folder.Files().Select(Path.GetFileName));
        Assert.True((await folder.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task A_restarted_writer_continues_the_same_chain_in_the_same_file()
    {
        var first = folder.Open();
        await ArchiveFolder.AppendAsync(first, 0, 3);
        await first.StopAsync(CancellationToken.None);

        var second = folder.Open();
        await second.StartAsync(CancellationToken.None);
        Assert.Equal(3, second.GetStatus().LastSequence);
        await ArchiveFolder.AppendAsync(second, 3, 3);

        Assert.Single(folder.Files());
        Assert.Equal(Enumerable.Range(0, 6), folder.RecordNumbers());
        Assert.True((await folder.VerifyAsync()).IsIntact);
        Assert.Empty(second.GetStatus().Recovered);
    }

    [Fact]
    public async Task A_restart_on_a_later_day_opens_the_next_file_from_the_last_hash()
    {
        var first = folder.Open();
        await ArchiveFolder.AppendAsync(first, 0, 2);
        await first.StopAsync(CancellationToken.None);
        folder.Time.Now = folder.Time.Now.AddDays(3);

        await ArchiveFolder.AppendAsync(folder.Open(), 2, 1);

        Assert.Equal(["audit.node-a.000001.2026-11-25.jsonl", "audit.node-a.000002.2026-11-28.jsonl"], folder.Files().Select(Path.GetFileName));
        Assert.True((await folder.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task Each_node_writes_its_own_chain_in_a_shared_folder_and_verify_checks_each()
    {
        var a = folder.Open("node-a");
        var b = folder.Open("node-b");

        await Task.WhenAll(ArchiveFolder.AppendAsync(a, 0, 10), ArchiveFolder.AppendAsync(b, 100, 7));

        var verification = await folder.VerifyAsync();
        Assert.True(verification.IsIntact, verification.FirstProblem?.ToString());
        Assert.Equal([("node-a", 10L), ("node-b", 7L)], verification.Chains.Select(c => (c.NodeId, c.Records)));
    }

    [Fact]
    public async Task A_second_writer_for_the_same_node_is_refused_naming_the_setting()
    {
        await ArchiveFolder.AppendAsync(folder.Open(), 0, 1);

        var ex = await Assert.ThrowsAsync<IOException>(() => folder.Open().StartAsync(CancellationToken.None));

        Assert.Contains("Grimoire:Audit:NodeId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_stopping_nothing_more_is_appended_and_the_caller_is_told()
    {
        var archive = folder.Open();
        await ArchiveFolder.AppendAsync(archive, 0, 1);
        await archive.StopAsync(CancellationToken.None);

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => archive.AppendAsync(ArchiveFolder.Record(1), CancellationToken.None));
        Assert.Single(ArchiveFolder.Lines(folder.File()));
        Assert.False(archive.GetStatus().Running);
    }

    [Fact]
    public async Task Stopping_writes_every_record_already_queued()
    {
        var archive = folder.Open();
        await archive.StartAsync(CancellationToken.None);
        var appends = Enumerable.Range(0, 200).Select(n => archive.AppendAsync(ArchiveFolder.Record(n), CancellationToken.None)).ToList();

        await archive.StopAsync(CancellationToken.None);
        await Task.WhenAll(appends);

        Assert.Equal(200, ArchiveFolder.Lines(folder.File()).Count);
        Assert.True((await folder.VerifyAsync()).IsIntact);
    }
}
