using System.Text;
using Grimoire.EndToEnd.Infrastructure;
using Microsoft.Playwright;

namespace Grimoire.EndToEnd;

/// <summary>
/// Issue 14 item 1, guarded without timing: while an answer streams, a render batch carries what changed, not the
/// whole answer again. The simulated answer's second paragraph ("…offline, deterministic, and free.") is finished
/// long before its last one ("Try it on a small example…") starts; once the last paragraph streams, no frame may
/// carry the second one again, except the one final render of the finished message. Before the change every frame
/// re-sent the whole answer's HTML.
/// </summary>
public sealed class StreamingFrameTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly byte[] Finished = Encoding.UTF8.GetBytes("offline, deterministic, and free");
    private static readonly byte[] Last = Encoding.UTF8.GetBytes("Try it on a small");

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
        var withLast = frames.Skip(lastStarts).Count(f => f.AsSpan().IndexOf(Last) >= 0);
        var finishedAgain = frames.Skip(lastStarts).Count(f => f.AsSpan().IndexOf(Finished) >= 0);

        Assert.True(withLast >= 3, $"the last paragraph streamed over several frames ({withLast})");
        Assert.True(finishedAgain <= 1, $"{finishedAgain} frame(s) re-sent a finished paragraph while the last one streamed ({withLast} frames)");
        Assert.Empty(errors);
    }
}
