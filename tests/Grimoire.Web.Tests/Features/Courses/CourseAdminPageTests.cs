using System.Net;
using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Forking;
using Grimoire.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Web.Tests.Features.Courses;

/// <summary>
/// The course admin pages over HTTP on the real host: who gets the page, who gets the access-denied notice (status 403),
/// and that ids from another course open nothing (no IDOR). Pages are prerendered, so the HTML shows what each person sees.
/// </summary>
public sealed class CourseAdminPageTests : IClassFixture<CourseAdminPageTests.Host>
{
    private const string Demo = "@demo.grimoire.test";
    private readonly Host host;

    public CourseAdminPageTests(Host host) => this.host = host;

    [Fact]
    public async Task The_instructor_gets_the_course_admin_page_with_its_tabs_and_the_manage_link()
    {
        var ids = host.Ids;
        using var client = await SignedInClient.SignInAsync(host.Factory, "instructor" + Demo);

        var page = await GetOkAsync(client, $"/courses/{ids.Course}");
        Assert.Contains("data-testid=\"course-admin\"", page, StringComparison.Ordinal);
        Assert.Contains("DEMO-101", page, StringComparison.Ordinal);
        foreach (var tab in new[] { "Settings", "Models", "People", "Keys", "Conversations" })
        {
            Assert.Contains(tab, page, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("data-testid=\"access-denied\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"read-only\"", page, StringComparison.Ordinal);

        var courses = await GetOkAsync(client, "/courses");
        Assert.Contains($"href=\"/courses/{ids.Course}\"", courses, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tutor_gets_the_page_read_only()
    {
        var ids = host.Ids;
        using var client = await SignedInClient.SignInAsync(host.Factory, Host.TutorEmail);

        var page = await GetOkAsync(client, $"/courses/{ids.Course}");
        Assert.Contains("data-testid=\"course-admin\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"read-only\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alex" + Demo)]
    [InlineData(Host.OtherInstructorEmail)]
    public async Task A_student_and_another_courses_instructor_get_the_access_denied_notice(string email)
    {
        var ids = host.Ids;
        using var client = await SignedInClient.SignInAsync(host.Factory, email);

        await AssertDeniedAsync(client, $"/courses/{ids.Course}");
        await AssertDeniedAsync(client, $"/courses/{ids.Course}/conversations/{ids.Conversation}");
        await AssertDeniedAsync(client, $"/courses/{Guid.NewGuid()}");
    }

    [Fact]
    public async Task Another_courses_instructor_cannot_open_a_conversation_through_their_own_course()
    {
        var ids = host.Ids;
        using var client = await SignedInClient.SignInAsync(host.Factory, Host.OtherInstructorEmail);

        Assert.Contains("data-testid=\"course-admin\"", await GetOkAsync(client, $"/courses/{ids.OtherCourse}"), StringComparison.Ordinal);
        await AssertDeniedAsync(client, $"/courses/{ids.OtherCourse}/conversations/{ids.Conversation}");
    }

    [Fact]
    public async Task A_tutor_opens_a_students_conversation_read_only_without_a_composer_or_edit_actions()
    {
        var ids = host.Ids;
        using var client = await SignedInClient.SignInAsync(host.Factory, Host.TutorEmail);

        var page = await GetOkAsync(client, $"/courses/{ids.Course}/conversations/{ids.Conversation}");
        Assert.Contains("data-testid=\"course-conversation\"", page, StringComparison.Ordinal);
        Assert.Contains("Photosynthesis question", page, StringComparison.Ordinal);
        Assert.Contains("How do plants eat?", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"message-card\"", page, StringComparison.Ordinal);
        Assert.Contains("Alex Rivera", page, StringComparison.Ordinal);
        Assert.Contains(Host.SystemPrompt, page, StringComparison.Ordinal);
        Assert.DoesNotContain("composer-input", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"edit-message\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"regenerate-message\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task X2_A_branch_and_its_source_link_to_each_other_on_the_staff_read_only_pages()
    {
        var ids = host.Ids;
        Guid branchId;
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync();
            var question = await db.PlaygroundMessages.SingleAsync(m => m.ConversationId == ids.Conversation);
            var fork = await scope.ServiceProvider.GetRequiredService<ConversationForks>()
                .ForkAsync(question.AuthorUserId!.Value, question.Id, CancellationToken.None);
            branchId = fork.Conversation!.Id;
        }

        using var client = await SignedInClient.SignInAsync(host.Factory, "instructor" + Demo);
        var branch = await GetOkAsync(client, $"/courses/{ids.Course}/conversations/{branchId}");
        Assert.Contains("data-testid=\"fork-source\"", branch, StringComparison.Ordinal);
        Assert.Contains($"href=\"/courses/{ids.Course}/conversations/{ids.Conversation}\"", branch, StringComparison.Ordinal);

        var source = await GetOkAsync(client, $"/courses/{ids.Course}/conversations/{ids.Conversation}");
        Assert.Contains($"href=\"/courses/{ids.Course}/conversations/{branchId}\"", source, StringComparison.Ordinal);
        Assert.Contains("Photosynthesis question (branch)", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var ids = host.Ids;
        using var client = SignedInClient.Anonymous(host.Factory);

        using var response = await client.GetAsync($"/courses/{ids.Course}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private static async Task<string> GetOkAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        return body;
    }

    private static async Task AssertDeniedAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{url}: {(int)response.StatusCode}");
        Assert.Contains("data-testid=\"access-denied\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"course-admin\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"course-conversation\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("How do plants eat?", page, StringComparison.Ordinal);
        Assert.DoesNotContain("DEMO-101", page, StringComparison.Ordinal);
    }

    /// <summary>One host for the class: the demo course plus a tutor, another course with its instructor, and Alex's conversation.</summary>
    public sealed class Host : IAsyncLifetime
    {
        public const string TutorEmail = "tara.tutor@uni.test";
        public const string OtherInstructorEmail = "olga.other@uni.test";
        public const string SystemPrompt = "Answer like a botanist.";

        private (Guid Course, Guid OtherCourse, Guid Conversation)? ids;

        public GrimoireAppFactory Factory { get; } = new();

        public (Guid Course, Guid OtherCourse, Guid Conversation) Ids => ids ?? throw new InvalidOperationException("Not initialised.");

        public async Task InitializeAsync()
        {
            using (var client = SignedInClient.Anonymous(Factory))
            {
                (await client.GetAsync("/healthz")).Dispose(); // starts the host, which seeds the demo
            }

            await using var scope = Factory.Services.CreateAsyncScope();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync();
            var course = await db.Courses.SingleAsync();
            var alex = await db.Users.SingleAsync(u => u.Email == "alex" + Demo);
            var tutor = new Core.Accounts.User { Email = TutorEmail, DisplayName = "Tara Tutor", FirstName = "Tara" };
            var olga = new Core.Accounts.User { Email = OtherInstructorEmail, DisplayName = "Olga Other", FirstName = "Olga" };
            var other = new Course { Code = "OTHER-200", Name = "Another course" };
            db.AddRange(tutor, olga, other,
                new Enrollment { User = tutor, Course = course, Role = CourseRole.Tutor },
                new Enrollment { User = olga, Course = other, Role = CourseRole.Instructor });
            await db.SaveChangesAsync();

            var store = scope.ServiceProvider.GetRequiredService<ConversationStore>();
            var conversation = await store.CreateAsync(alex.Id, course.Id, CancellationToken.None);
            await store.RenameAsync(alex.Id, conversation.Id, "Photosynthesis question", CancellationToken.None);
            await store.SaveSystemPromptAsync(alex.Id, conversation.Id, SystemPrompt, CancellationToken.None);
            db.PlaygroundMessages.Add(PlaygroundMessage.Question(conversation.Id, 0, "How do plants eat?", alex.Id, DateTime.UtcNow));
            await db.SaveChangesAsync();
            ids = (course.Id, other.Id, conversation.Id);
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }
}
