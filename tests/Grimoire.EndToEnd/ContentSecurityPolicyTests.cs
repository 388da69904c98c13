using Grimoire.EndToEnd.Infrastructure;
using Microsoft.Playwright;

namespace Grimoire.EndToEnd;

/// <summary>
/// Issue 17 item 3 in a real browser: every kind of page loads under the Content-Security-Policy, with no violation
/// reported (neither the <c>securitypolicyviolation</c> event nor a console message), and still becomes interactive:
/// the import map, blazor.web.js, MudBlazor and the circuit's WebSocket are all allowed, and nothing else is needed.
/// </summary>
public sealed class ContentSecurityPolicyTests : IClassFixture<BrowserApp>
{
    private const string RecordViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} ${e.sample || ''}`));
        """;

    private readonly BrowserApp app;

    public ContentSecurityPolicyTests(BrowserApp app) => this.app = app;

    [Fact]
    public async Task The_sign_in_not_found_and_error_pages_load_under_the_policy_without_violations()
    {
        await using var visit = await CspVisit.StartAsync(app);

        await visit.OpenAsync("/account/signin", 200);
        await Assertions.Expect(visit.Page.Locator("[data-testid=demo-users]")).ToBeVisibleAsync();
        await visit.AssertCleanAsync();

        await visit.OpenAsync("/no/such/page", 404);
        await Assertions.Expect(visit.Page.GetByText("There is nothing at this address")).ToBeVisibleAsync();
        await visit.AssertCleanAsync();

        await visit.OpenAsync("/Error", 200);
        await Assertions.Expect(visit.Page.GetByRole(AriaRole.Heading, new() { Name = "Something went wrong" })).ToBeVisibleAsync();
        await visit.AssertCleanAsync();
    }

    [Fact]
    public async Task A_students_playground_conversations_and_refusals_load_under_the_policy_and_become_interactive()
    {
        await using var visit = await CspVisit.StartAsync(app);
        await DemoPages.SignInAsync(visit.Page, "alex");

        await visit.OpenAsync("/playground", 200);
        await DemoPages.PlaygroundReadyAsync(visit.Page); // composer.js came through the import map, over the circuit
        await visit.AssertCleanAsync();

        await visit.OpenAsync("/conversations", 200);
        await Assertions.Expect(visit.Page.Locator("[data-testid=no-conversations-yet]")).ToBeVisibleAsync();
        await visit.AssertCleanAsync();

        await visit.OpenAsync($"/playground/{Guid.NewGuid()}", 403);
        await DemoPages.PlaygroundReadyAsync(visit.Page);
        await visit.AssertCleanAsync();

        await visit.OpenAsync("/admin", 403); // redirected to the access-denied page
        Assert.Contains("/account/access-denied", visit.Page.Url, StringComparison.Ordinal);
        await visit.AssertCleanAsync();
    }

    [Fact]
    public async Task The_instructors_course_admin_tabs_load_under_the_policy_and_stay_interactive()
    {
        await using var visit = await CspVisit.StartAsync(app);
        await DemoPages.SignInAsync(visit.Page, "instructor");

        await visit.OpenAsync("/courses", 200);
        await Assertions.Expect(visit.Page.Locator("[data-testid=course-row][data-course-code=DEMO-101]")).ToBeVisibleAsync();
        await visit.AssertCleanAsync();

        await DemoPages.OpenCourseAdminAsync(visit.Page);
        foreach (var tab in new[] { "Models", "People", "Keys", "Conversations", "Settings" })
        {
            await DemoPages.OpenTabAsync(visit.Page, tab);
            await Assertions.Expect(visit.Page.Locator(".mud-tab.mud-tab-active")).ToContainTextAsync(tab);
        }

        await visit.AssertCleanAsync();
    }

    [Fact]
    public async Task The_site_admins_page_loads_under_the_policy_and_becomes_interactive()
    {
        await using var visit = await CspVisit.StartAsync(app);
        await DemoPages.SignInAsync(visit.Page, "admin");

        await visit.OpenAsync("/admin", 200);
        await Assertions.Expect(visit.Page.Locator("[data-testid=admin-root][data-interactive=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(visit.Page.Locator("[data-testid=admin-courses]")).ToContainTextAsync("DEMO-101");
        await visit.AssertCleanAsync();
    }

    /// <summary>One browser context that records CSP violations and console errors page by page.</summary>
    private sealed class CspVisit : IAsyncDisposable
    {
        private readonly IBrowserContext context;
        private readonly List<string> console = [];
        private readonly List<string> errors;
        private readonly List<string> expected = [];

        private CspVisit(IBrowserContext context, IPage page, List<string> errors)
        {
            this.context = context;
            this.errors = errors;
            Page = page;
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                    || message.Text.Contains("Permissions-Policy", StringComparison.OrdinalIgnoreCase))
                {
                    console.Add($"{message.Type}: {message.Text}");
                }
            };
        }

        public IPage Page { get; }

        public static async Task<CspVisit> StartAsync(BrowserApp app)
        {
            var (context, page, errors) = await app.NewPageAsync();
            await context.AddInitScriptAsync(RecordViolations);
            return new CspVisit(context, page, errors);
        }

        /// <summary>Loads a page as a whole document and checks it came with the policy.</summary>
        public async Task OpenAsync(string path, int status)
        {
            errors.Clear(); // AssertCleanAsync checked everything before this page
            var response = await Page.GotoAsync(path);
            Assert.NotNull(response);
            Assert.Equal(status, response.Status);
            expected.Clear();
            if (status >= 400)
            {
                // The document's own status, as the response listener and Chromium's console report it.
                expected.Add($"{status} {response.Url}");
                expected.Add($"Failed to load resource: the server responded with a status of {status} ({response.StatusText})");
            }

            var policy = await response.HeaderValueAsync("content-security-policy");
            Assert.True(policy is not null && policy.Contains("script-src 'self'", StringComparison.Ordinal), $"{path} came without the policy: {policy}");
        }

        /// <summary>No violation event, no CSP or Permissions-Policy console message, no other console error.</summary>
        public async Task AssertCleanAsync()
        {
            var violations = await Page.EvaluateAsync<string[]>("() => window.__cspViolations ?? []");
            var unexpected = errors.Where(e => !expected.Contains(e)).ToList();
            Assert.True(violations.Length == 0 && console.Count == 0 && unexpected.Count == 0,
                $"{Page.Url}:\nviolations: {string.Join("; ", violations)}\nconsole: {string.Join("; ", console)}\nerrors: {string.Join("; ", unexpected)}");
        }

        public ValueTask DisposeAsync() => context.DisposeAsync();
    }
}
