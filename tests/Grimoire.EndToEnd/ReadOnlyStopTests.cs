using Grimoire.Core.Playground.Turns;
using Grimoire.EndToEnd.Infrastructure;
using Grimoire.Llm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Grimoire.EndToEnd;

/// <summary>
/// Issue 17 item 6 in Chromium: an instructor viewing a student's live answer gets no Stop, and an Esc forced on the
/// page is refused by the server (the viewer is told why) while the student's answer goes on to complete.
/// </summary>
public sealed class ReadOnlyStopTests : IClassFixture<BrowserApp>
{
    private readonly BrowserApp app;

    public ReadOnlyStopTests(BrowserApp app) => this.app = app;

    private GrimoireProvidersOptions Providers => app.Services.GetRequiredService<IOptions<GrimoireProvidersOptions>>().Value;

    [Fact]
    public async Task An_instructor_watching_a_students_live_answer_cannot_stop_it_even_by_forcing_Esc()
    {
        var (studentContext, student, _) = await app.NewPageAsync();
        await using var _ = studentContext;
        await DemoPages.SignInAsync(student, "alex");
        await DemoPages.PlaygroundReadyAsync(student);
        var input = student.Locator("[data-testid=composer-input]");
        await input.FillAsync("Write a long essay about rivers");
        await input.PressAsync("Enter");
        var answer = student.Locator("[data-testid=message-card][data-role=assistant]").Last;
        await Assertions.Expect(answer.Locator("[data-testid=message-content]")).Not.ToBeEmptyAsync();
        await Assertions.Expect(student).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/playground/[0-9a-f-]{36}$"));
        var conversationUrl = new Uri(student.Url).AbsolutePath;
        Providers.Simulated.DelayMs = 500; // the answer keeps streaming while the instructor arrives, however slow the machine
        try
        {
            var (instructorContext, instructor, _) = await app.NewPageAsync();
            await using var __ = instructorContext;
            await DemoPages.SignInAsync(instructor, "instructor");
            await instructor.GotoAsync(conversationUrl);
            await DemoPages.PlaygroundReadyAsync(instructor);
            var watched = instructor.Locator("[data-testid=message-card][data-role=assistant]").Last;
            await Assertions.Expect(watched).ToHaveAttributeAsync("data-status", "streaming");
            await Assertions.Expect(instructor.Locator("[data-testid=composer-input]")).ToBeDisabledAsync();
            await Assertions.Expect(instructor.Locator("[data-testid=stop]")).ToHaveCountAsync(0);

            // Forced: the disabled box still carries the keyboard handler; a crafted Esc reaches the server, which refuses.
            await instructor.Locator("[data-testid=composer-input]").EvaluateAsync(
                "box => box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))");
            await Assertions.Expect(instructor.Locator("[data-testid=notice]")).ToContainTextAsync(TurnStopper.ReadOnly);
            await Assertions.Expect(watched).ToHaveAttributeAsync("data-status", "streaming");
        }
        finally
        {
            Providers.Simulated.DelayMs = 0;
        }

        await Assertions.Expect(answer).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = 60_000 });
        Providers.Simulated.DelayMs = 40;
    }
}
