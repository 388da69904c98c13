using Grimoire.Core.Lti;
using Grimoire.EndToEnd.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task X9_a_site_admin_links_an_lms_course_to_an_existing_course_on_the_admin_pages_lti_tab()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using (context)
        {
            await DemoPages.SignInAsync(page, "admin");
            await page.GotoAsync("/admin");
            await Assertions.Expect(page.Locator("[data-testid=admin-root][data-interactive=true]")).ToHaveCountAsync(1);
            await DemoPages.OpenTabAsync(page, "LTI");

            await page.Locator("[data-testid=lti-link-context]").FillAsync("moodle-course-7");
            await page.Locator("[data-testid=lti-link-course]").FillAsync("no-such-course");
            await page.Locator("[data-testid=lti-link-submit]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=lti-link-problem]")).ToContainTextAsync("No course has the code");

            await page.Locator("[data-testid=lti-link-course]").FillAsync("demo-101");
            await page.Locator("[data-testid=lti-link-submit]").ClickAsync();
            var row = page.Locator("[data-testid=lti-link-row][data-context=moodle-course-7]");
            await Assertions.Expect(row).ToContainTextAsync("DEMO-101");
            await Assertions.Expect(row).ToContainTextAsync("Fake LMS");
            Assert.True(errors.Count == 0, string.Join("; ", errors));
        }

        var platform = (await app.Services.GetRequiredService<LtiPlatforms>().ListAsync(CancellationToken.None)).Single(p => p.Issuer == app.Platform.Issuer);
        var links = await app.Services.GetRequiredService<LtiContextLinks>().ListAsync(CancellationToken.None);
        Assert.Contains(links, l => l.ContextId == "moodle-course-7" && l.CourseCode == "DEMO-101" && l.PlatformId == platform.Id);
    }

    [Fact]
    public async Task X9_a_launch_embedded_in_the_lms_frame_offers_a_new_window_which_signs_the_learner_in()
    {
        // A learner's launch needs the course set up by an instructor's launch first (whichever test runs first).
        var (staffContext, staff, _) = await app.NewPageAsync();
        await using (staffContext)
        {
            await staff.GotoAsync(app.Platform.BaseUrl.ToString());
            await staff.Locator("[data-testid='launch-fake-instructor-1']").ClickAsync();
            await staff.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/courses/[0-9a-f-]{36}$"));
        }

        var (context, page, errors) = await app.NewPageAsync();
        await using (context)
        {
            await page.GotoAsync(new Uri(app.Platform.BaseUrl, "embed/fake-learner-1").ToString());
            var frame = page.FrameLocator("[data-testid=tool-frame]");
            await Assertions.Expect(frame.Locator("[data-testid=lti-new-window]")).ToContainTextAsync("opens in its own window");

            var window = await page.RunAndWaitForPopupAsync(() => frame.Locator("[data-testid=lti-open-new-window]").ClickAsync());
            await window.WaitForURLAsync(app.ToolUrl + "playground");
            await Assertions.Expect(window.Locator("[data-testid=signed-in-as]")).ToHaveTextAsync("Ben Okri");
            Assert.True(errors.Count == 0, string.Join("; ", errors));
        }
    }
}
