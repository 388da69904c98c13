using Grimoire.EndToEnd.Infrastructure;
using Grimoire.Web.Hosting.DemoOpenRouter;
using Microsoft.Playwright;
using static Grimoire.EndToEnd.Infrastructure.DemoPages;

namespace Grimoire.EndToEnd;

/// <summary>
/// The site admin's usage tab in a real browser on the demo host (issue 13 item 4, X1): after a student's turn, the
/// admin sees the site's turns per course and per provider, and the management key's remaining credit read from the
/// simulated OpenRouter over its real <c>/api/v1/credits</c> call, labelled as simulated; the page never holds the
/// management key; a student cannot open /admin.
/// </summary>
public sealed class AdminUsageTests(DemoBrowserApp app) : IClassFixture<DemoBrowserApp>
{
    [Fact]
    public async Task The_site_admin_sees_totals_per_course_and_provider_and_the_simulated_credit_and_students_are_refused_X1()
    {
        var (studentContext, student, _) = await app.NewPageAsync();
        await using (studentContext)
        {
            await SignInAsync(student, "alex");
            await PlaygroundReadyAsync(student);
            var input = student.Locator("[data-testid=composer-input]");
            await input.FillAsync("Hello from alex");
            await input.PressAsync("Enter");
            await Assertions.Expect(student.Locator("[data-testid=message-card][data-role=assistant]").Last)
                .ToHaveAttributeAsync("data-status", "complete", new() { Timeout = BrowserApp.AnswerTimeoutMs });

            await student.GotoAsync("/admin");
            await student.WaitForURLAsync("**/account/access-denied**");
        }

        var (context, page, consoleErrors) = await app.NewPageAsync();
        await using var _ = context;
        await SignInAsync(page, "admin");
        await page.GotoAsync("/admin");
        await Assertions.Expect(page.Locator("[data-testid=admin-root][data-interactive=true]")).ToHaveCountAsync(1);
        await OpenTabAsync(page, "Usage");

        await Assertions.Expect(page.Locator("[data-testid=site-usage-turns-value]")).ToHaveTextAsync("1");
        var course = page.Locator("[data-testid=site-usage-course][data-code='DEMO-101']");
        await Assertions.Expect(course.Locator("[data-testid=site-usage-course-turns]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-testid=site-usage-provider] [data-testid=site-usage-provider-turns]")).ToHaveTextAsync("1");

        var credit = page.Locator("[data-testid=site-credit]");
        await Assertions.Expect(credit).ToHaveAttributeAsync("data-state", "Reported");
        await Assertions.Expect(credit.Locator("[data-testid=site-credit-simulated]")).ToHaveTextAsync(SimulatedOpenRouter.Label);
        var remaining = 100m - app.StandIn.ChatCalls.Sum(c => c.Cost ?? 0m);
        await Assertions.Expect(credit.Locator("[data-testid=site-credit-remaining]"))
            .ToHaveTextAsync(Grimoire.Web.Features.Courses.Usage.CourseUsageTab.Usd(remaining));

        var html = await page.ContentAsync();
        Assert.DoesNotContain(app.ManagementKey, html, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-or-v1-", html, StringComparison.Ordinal);
        Assert.Empty(consoleErrors);
    }
}
