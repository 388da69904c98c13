using System.Text.RegularExpressions;
using Grimoire.EndToEnd.Infrastructure;
using Microsoft.Playwright;

namespace Grimoire.EndToEnd;

/// <summary>
/// AC8.4 in Chromium: an instructor shares a conversation with the class; a student finds the labelled read-only copy
/// in their list, opens it (no composer), branches it and continues in the branch, their own.
/// </summary>
public sealed partial class ClassShareTests : IClassFixture<BrowserApp>
{
    private readonly BrowserApp app;

    public ClassShareTests(BrowserApp app) => this.app = app;

    [Fact]
    public async Task AC8_4_instructor_shares_and_a_student_branches_the_read_only_copy_and_continues()
    {
        var (instructorContext, instructor, _) = await app.NewPageAsync();
        await using var _ = instructorContext;
        await DemoPages.SignInAsync(instructor, "instructor");
        await DemoPages.PlaygroundReadyAsync(instructor);
        var input = instructor.Locator("[data-testid=composer-input]");
        await input.FillAsync("Show the class how a model answers");
        await input.PressAsync("Enter");
        await Assertions.Expect(instructor.Locator("[data-testid=message-card][data-role=assistant]").Last)
            .ToHaveAttributeAsync("data-status", "complete", new() { Timeout = 120_000 });
        await Assertions.Expect(instructor).ToHaveURLAsync(ConversationAddress());
        await instructor.Locator("[data-testid=share-with-class]").ClickAsync();
        await Assertions.Expect(instructor.Locator("[data-testid=class-share-status]")).ToContainTextAsync("3 copies");

        var (studentContext, student, _) = await app.NewPageAsync();
        await using var __ = studentContext;
        await DemoPages.SignInAsync(student, "alex");
        await DemoPages.PlaygroundReadyAsync(student);
        var copy = student.Locator("[data-testid=conversation-item]", new() { Has = student.Locator("[data-testid=class-share-label]") });
        await Assertions.Expect(copy.Locator("[data-testid=class-share-label]")).ToHaveTextAsync("Shared by Dr. Morgan Lee");
        var copyId = await copy.GetAttributeAsync("data-conversation-id");
        await student.GotoAsync($"/playground/{copyId}");
        await Assertions.Expect(student.Locator(".playground[data-interactive=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(student.Locator("[data-testid=class-copy-shared-by]")).ToHaveTextAsync("Shared by Dr. Morgan Lee");
        await Assertions.Expect(student.Locator("[data-testid=message-card]")).ToHaveCountAsync(2);
        await Assertions.Expect(student.Locator("[data-testid=composer-input]")).ToBeDisabledAsync();

        await student.Locator("[data-testid=branch-class-copy]").ClickAsync();
        await Assertions.Expect(student).Not.ToHaveURLAsync(new Regex(Regex.Escape(copyId!)), new() { Timeout = 60_000 });
        await Assertions.Expect(student).ToHaveURLAsync(ConversationAddress());
        await DemoPages.PlaygroundReadyAsync(student);
        await Assertions.Expect(student.Locator("[data-testid=class-copy-banner]")).ToHaveCountAsync(0);
        await Assertions.Expect(student.Locator("[data-testid=message-card]")).ToHaveCountAsync(2);
        var branchInput = student.Locator("[data-testid=composer-input]");
        await branchInput.FillAsync("My own follow-up question");
        await branchInput.PressAsync("Enter");
        await Assertions.Expect(student.Locator("[data-testid=message-card]")).ToHaveCountAsync(4);
        await Assertions.Expect(student.Locator("[data-testid=message-card][data-role=assistant]").Last)
            .ToHaveAttributeAsync("data-status", "complete", new() { Timeout = 120_000 });
    }

    [GeneratedRegex("/playground/[0-9a-f-]{36}$")]
    private static partial Regex ConversationAddress();
}
