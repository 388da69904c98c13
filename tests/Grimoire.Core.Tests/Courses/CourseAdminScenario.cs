using Grimoire.Core.Accounts;
using Grimoire.Core.Courses;
using Grimoire.Core.Demo;
using Grimoire.Core.Playground;
using Grimoire.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

// Not "Tests.Courses": that namespace would hide Grimoire.Core.Courses from the sibling test namespaces.
namespace Grimoire.Core.Tests.CourseAdmin;

/// <summary>
/// The seeded demo course (instructor, three students, three simulated models, all enabled) plus a tutor
/// in it, and a second course with its own instructor and student: everyone the access rules must tell apart.
/// </summary>
public sealed class CourseAdminScenario(TestDatabase db)
{
    public Course Course { get; private set; } = default!;

    public Course OtherCourse { get; private set; } = default!;

    public User SiteAdmin { get; private set; } = default!;

    public User Instructor { get; private set; } = default!;

    public User Tutor { get; private set; } = default!;

    public User Student { get; private set; } = default!;

    public User Classmate { get; private set; } = default!;

    public User OtherInstructor { get; private set; } = default!;

    public User OtherStudent { get; private set; } = default!;

    /// <summary>Every person who may not manage the demo course, with a label for failure messages.</summary>
    public IEnumerable<(string Who, User User)> NonManagers =>
    [
        ("tutor", Tutor), ("student", Student), ("other course's instructor", OtherInstructor), ("other course's student", OtherStudent),
    ];

    /// <summary>Every person who may not even read the demo course's administration.</summary>
    public IEnumerable<(string Who, User User)> Outsiders =>
    [
        ("student", Student), ("other course's instructor", OtherInstructor), ("other course's student", OtherStudent),
    ];

    public async Task SetUpAsync()
    {
        await db.Get<DemoSeeder>().SeedIfEmptyAsync(CancellationToken.None);
        await using var context = db.CreateContext();
        Course = await context.Courses.SingleAsync();
        SiteAdmin = await context.Users.SingleAsync(u => u.Email == "admin@" + DemoData.Domain);
        Instructor = await context.Users.SingleAsync(u => u.Email == "instructor@" + DemoData.Domain);
        Student = await context.Users.SingleAsync(u => u.Email == "alex@" + DemoData.Domain);
        Classmate = await context.Users.SingleAsync(u => u.Email == "priya@" + DemoData.Domain);

        Tutor = Person("Tara Tutor", "tara@uni.test");
        OtherInstructor = Person("Olga Other", "olga@uni.test");
        OtherStudent = Person("Oscar Other", "oscar@uni.test");
        OtherCourse = new Course { Code = "OTHER-200", Name = "Another course", Term = "Spring" };
        context.Users.AddRange(Tutor, OtherInstructor, OtherStudent);
        context.Courses.Add(OtherCourse);
        context.Enrollments.AddRange(
            new Enrollment { User = Tutor, Course = Course, Role = CourseRole.Tutor },
            new Enrollment { User = OtherInstructor, Course = OtherCourse, Role = CourseRole.Instructor },
            new Enrollment { User = OtherStudent, Course = OtherCourse, Role = CourseRole.Student });
        context.CourseModelConfigs.Add(new CourseModelConfig
        {
            Course = OtherCourse, Provider = "simulated", ModelId = "simulated/swift", DisplayName = "Other Swift",
        });
        await context.SaveChangesAsync();
    }

    public async Task<List<CourseModelConfig>> ModelsAsync(Guid? courseId = null)
    {
        await using var context = db.CreateContext();
        return await context.CourseModelConfigs.AsNoTracking()
            .Where(m => m.CourseId == (courseId ?? Course.Id))
            .OrderBy(m => m.SortOrder)
            .ToListAsync();
    }

    public async Task<CourseModelConfig> ModelAsync(string modelId, Guid? courseId = null) =>
        (await ModelsAsync(courseId)).Single(m => m.ModelId == modelId);

    /// <summary>A conversation owned by <paramref name="owner"/> with one question and one answer from <paramref name="model"/>.</summary>
    public async Task<PlaygroundConversation> ConversationAsync(
        User owner, string title, CourseModelConfig model, DateTime lastActive, Guid? courseId = null)
    {
        var conversation = await db.Get<ConversationStore>().CreateAsync(owner.Id, courseId ?? Course.Id, CancellationToken.None);
        await using var context = db.CreateContext();
        context.PlaygroundMessages.AddRange(
            PlaygroundMessage.Question(conversation.Id, 0, $"Question about {title}", owner.Id, DateTime.UtcNow),
            AnswerOf(conversation.Id, 1, $"Answer about {title}", model, owner.Id));
        await context.SaveChangesAsync();
        await context.PlaygroundConversations.Where(c => c.Id == conversation.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Title, title).SetProperty(c => c.UpdatedAt, lastActive));
        return conversation;
    }

    private static PlaygroundMessage AnswerOf(Guid conversationId, int sequence, string text, CourseModelConfig model, Guid authorId)
    {
        var answer = PlaygroundMessage.StartAnswer(
            conversationId, sequence, new Core.Playground.Messages.AnswerRequest(model.Provider, model.ModelId, model.Id, null), authorId, DateTime.UtcNow);
        answer.Finish(new Core.Playground.Messages.AnswerOutcome { Status = MessageStatus.Complete, Text = text });
        return answer;
    }

    private static User Person(string name, string email) =>
        new() { Email = email, DisplayName = name, FirstName = name.Split(' ')[0] };
}
