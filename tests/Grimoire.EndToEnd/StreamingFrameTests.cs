using System.Text;
using Grimoire.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Grimoire.EndToEnd;

/// <summary>
/// Issue 14 item 1, guarded without timing: while an answer streams, a render batch carries what changed, not the
/// whole answer again. The simulated answer's second paragraph ("…offline, deterministic, and free.") is finished
/// long before its last one ("Try it on a small example…") starts; once the last paragraph streams, no frame may
/// carry the second one again, except the one final render of the finished message. Before the change every frame
/// re-sent the whole answer's HTML.
/// </summary>
public sealed class StreamingFrameTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    private static readonly byte[] Finished = Encoding.UTF8.GetBytes("offline, deterministic, and free");
    private static readonly byte[] Last = Encoding.UTF8.GetBytes("Try"); // words may arrive in separate frames: one word each
    private static readonly byte[] End = Encoding.UTF8.GetBytes("grow");

    [Fact]
    public async Task Issue14_frames_of_a_streaming_answer_do_not_resend_the_blocks_already_finished()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        var traffic = await TrafficRecorder.AttachAsync(context);
        await DemoPages.SignInAsync(page, "alex");
        await DemoPages.PlaygroundReadyAsync(page);
        await DemoPages.PickModelAsync(page, "Simulated Swift");

        var input = page.Locator("[data-testid=composer-input]");
        await input.FillAsync("Explain binary search");
        await input.PressAsync("Enter");
        var answer = page.Locator("[data-testid=message-card][data-role=assistant]").Last;
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = BrowserApp.AnswerTimeoutMs });
        await Assertions.Expect(answer.Locator("[data-testid=message-content]")).ToContainTextAsync("Try it on a small example first");

        var frames = traffic.All.Where(c => c.Kind == "frame-received").Select(c => c.Bytes).ToList();
        var lastStarts = frames.FindIndex(f => f.AsSpan().IndexOf(Last) >= 0);
        Assert.True(lastStarts >= 0, "the last paragraph arrived");
        var lastEnds = frames.FindIndex(lastStarts, f => f.AsSpan().IndexOf(End) >= 0);
        var finishedAgain = frames.Skip(lastStarts).Count(f => f.AsSpan().IndexOf(Finished) >= 0);

        Assert.True(lastEnds > lastStarts, $"the last paragraph streamed over several frames (it began in frame {lastStarts}, ended in {lastEnds})");
        Assert.True(finishedAgain <= 1, $"{finishedAgain} frame(s) re-sent a finished paragraph while the last one streamed");
        Assert.Empty(errors);
    }

    /// <summary>
    /// The same for tails that grow long on their own (a table's rows, a paragraph's sentences, a code block's lines):
    /// once a late part of the answer streams, no frame carries an early one again except the final render. The bytes
    /// received against the final HTML go to the test output (issue 14's figures are measured this way).
    /// </summary>
    [Theory]
    [InlineData("table", "Step 3<", "Step 40<", 1)]
    [InlineData("paragraph", "(note 3)", "(note 30)", 1)]
    [InlineData("code", "// 3\n", "// 50\n", 2)] // once more when the fence closes: the block takes its finished form (copy button)
    public async Task Issue14_frames_of_a_long_tail_do_not_resend_its_finished_parts(string shape, string early, string late, int resends)
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        var traffic = await TrafficRecorder.AttachAsync(context);
        await DemoPages.SignInAsync(page, "alex");
        await DemoPages.PlaygroundReadyAsync(page);
        await DemoPages.PickModelAsync(page, "Simulated Swift");

        var input = page.Locator("[data-testid=composer-input]");
        await input.FillAsync($"/simulate long {shape} 3500");
        await input.PressAsync("Enter");
        var answer = page.Locator("[data-testid=message-card][data-role=assistant]").Last;
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = BrowserApp.AnswerTimeoutMs });
        var html = await answer.Locator("[data-testid=message-content]").InnerHTMLAsync();
        Assert.Contains(late.Trim(), html, StringComparison.Ordinal);

        var frames = traffic.All.Where(c => c.Kind == "frame-received").Select(c => c.Bytes).ToList();
        var earlyBytes = Encoding.UTF8.GetBytes(early);
        var lateBytes = Encoding.UTF8.GetBytes(late);
        var firstContent = frames.FindIndex(f => f.AsSpan().IndexOf(earlyBytes) >= 0);
        var lateStarts = frames.FindIndex(f => f.AsSpan().IndexOf(lateBytes) >= 0);
        Assert.True(firstContent >= 0 && lateStarts > firstContent, $"the early part ({firstContent}) arrived before the late one ({lateStarts})");
        var earlyAgain = frames.Skip(lateStarts).Count(f => f.AsSpan().IndexOf(earlyBytes) >= 0);
        var answerBytes = frames.Skip(firstContent).Sum(f => (long)f.Length);
        output.WriteLine($"{shape}: {frames.Count - firstContent} frames, {answerBytes:N0} bytes received for {Encoding.UTF8.GetByteCount(html):N0} bytes of final HTML");

        Assert.True(earlyAgain <= resends, $"{earlyAgain} frame(s) after '{late.Trim()}' re-sent '{early.Trim()}'");
        Assert.Empty(errors);
    }
}
