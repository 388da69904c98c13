using Grimoire.EndToEnd.Infrastructure;
using Microsoft.Playwright;

namespace Grimoire.EndToEnd;

/// <summary>
/// LTI 1.3 in Chromium (issue 15, X9): the fake LMS's launch link → the tool's login initiation → the platform's
/// authorize page, which form-posts the signed id_token cross-site → the tool's launch, which signs the person in and
/// lands them: an instructor on the course page (the course is created, the roster synced), a learner on the playground.
/// </summary>
public sealed class LtiLaunchTests(LtiBrowserApp app) : IClassFixture<LtiBrowserApp>
{
    [Fact]
    public async Task X9_an_instructor_launches_onto_the_new_course_page_and_a_learner_then_onto_the_playground()
    {
        var (staffContext, staff, staffErrors) = await app.NewPageAsync();
        await using (staffContext)
        {
            await staff.GotoAsync(app.Platform.BaseUrl.ToString());
            await staff.Locator("[data-testid='launch-fake-instructor-1']").ClickAsync();
            await staff.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/courses/[0-9a-f-]{36}$"));
            Assert.StartsWith(app.ToolUrl, staff.Url, StringComparison.Ordinal);
            await Assertions.Expect(staff.Locator("[data-testid=course-admin-heading]")).ToHaveTextAsync("LTI-101 · Language Models 101");
            await Assertions.Expect(staff.Locator("[data-testid=signed-in-as]")).ToHaveTextAsync("Ada Lovelace");
            Assert.True(staffErrors.Count == 0, string.Join("; ", staffErrors));
        }

        var (learnerContext, learner, learnerErrors) = await app.NewPageAsync();
        await using (learnerContext)
        {
            await learner.GotoAsync(app.Platform.BaseUrl.ToString());
            await learner.Locator("[data-testid='launch-fake-learner-1']").ClickAsync();
            await learner.WaitForURLAsync(app.ToolUrl + "playground");
            await Assertions.Expect(learner.Locator("[data-testid=signed-in-as]")).ToHaveTextAsync("Ben Okri");
            await Assertions.Expect(learner.Locator("[data-testid=playground-course]")).ToContainTextAsync("LTI-101");
            Assert.True(learnerErrors.Count == 0, string.Join("; ", learnerErrors));
        }
    }
}
