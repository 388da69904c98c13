using Grimoire.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using static Grimoire.EndToEnd.Infrastructure.DemoPages;

namespace Grimoire.EndToEnd;

/// <summary>
/// The course usage dashboard in a real browser (issue 13, X1, X7): after two demo students chat, the instructor sees
/// the totals, the charts and both tables, sets a per-student budget that puts the students at their limit (highlighted,
/// listed first), and downloads the students' CSV; a student asking for it gets 404, and sees their budget spent.
/// </summary>
public sealed class UsageDashboardTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_instructor_sees_chart_tables_and_a_near_limit_student_and_downloads_the_csv_X1_X7()
    {
        foreach (var who in new[] { "alex", "priya" })
        {
            var (studentContext, student, _) = await app.NewPageAsync();
            await using (studentContext)
            {
                await SignInAsync(student, who);
                await PlaygroundReadyAsync(student);
                var input = student.Locator("[data-testid=composer-input]");
                await input.FillAsync($"Hello from {who}");
                await input.PressAsync("Enter");
                await Assertions.Expect(student.Locator("[data-testid=message-card][data-role=assistant]").Last)
                    .ToHaveAttributeAsync("data-status", "complete", new() { Timeout = BrowserApp.AnswerTimeoutMs });
            }
        }

        var (context, page, consoleErrors) = await app.NewPageAsync();
        await using var _ = context;
        await SignInAsync(page, "instructor");
        await OpenCourseAdminAsync(page);
        await OpenTabAsync(page, "Usage");

        await Assertions.Expect(page.Locator("[data-testid=usage-total-turns-value]")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("[data-testid=usage-chart-cost] svg")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=usage-chart-tokens] svg")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=usage-models] [data-testid=usage-model-name]")).ToContainTextAsync("simulated/");
        await Assertions.Expect(page.Locator("[data-testid=usage-students] [data-testid=usage-student-name]").Filter(new() { HasText = "Alex Rivera" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=usage-near-limit]")).ToHaveCountAsync(0);

        // A per-student budget far below what each spent: both are at their limit now, highlighted and listed first.
        await page.Locator("input[data-testid=usage-budget-student], [data-testid=usage-budget-student] input").FillAsync("0.000001");
        await page.Locator("[data-testid=usage-budget-save]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Budgets saved.");
        await Assertions.Expect(page.Locator("[data-testid=usage-near-limit]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=usage-students] tbody tr").First.Locator("[data-testid=usage-near-limit]")).ToHaveCountAsync(1);

        var href = await page.Locator("[data-testid=usage-csv-students]").GetAttributeAsync("href");
        var csv = await context.APIRequest.GetAsync(app.BaseUrl + href);
        Assert.Equal(200, csv.Status);
        Assert.StartsWith("text/csv", csv.Headers["content-type"], StringComparison.Ordinal);
        var text = await csv.TextAsync();
        Assert.StartsWith("name,email,turns,tokens,cost_usd,", text, StringComparison.Ordinal);
        Assert.Contains("Alex Rivera,alex@demo.grimoire.test,1,", text, StringComparison.Ordinal);
        Assert.Empty(consoleErrors);

        // A student may not download it, and sees their own budget spent with what to do.
        var (otherContext, student2, _) = await app.NewPageAsync();
        await using var __ = otherContext;
        await SignInAsync(student2, "alex");
        Assert.Equal(404, (await otherContext.APIRequest.GetAsync(app.BaseUrl + href)).Status);
        await PlaygroundReadyAsync(student2);
        await Assertions.Expect(student2.Locator("[data-testid=student-budget-exhausted]")).ToContainTextAsync("Your budget is spent");
    }
}
