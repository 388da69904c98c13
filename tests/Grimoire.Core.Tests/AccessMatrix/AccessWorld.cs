using System.Globalization;
using System.Text;
using Grimoire.Core.Accounts;
using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Grimoire.Core.Demo;
using Grimoire.Core.Keys;
using Grimoire.Core.Playground;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Keys;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.AccessMatrix;

/// <summary>Who acts, relative to course A (the seeded demo course) and course B (a second course).</summary>
public enum Actor
{
    SiteAdmin,
    Instructor,
    Tutor,
    Student,
    Classmate,
    OtherInstructor,
    OtherTutor,
    OtherStudent,

    /// <summary>An id that is nobody's: what a forged or stale identity looks like to a service.</summary>
    Nobody,
}

/// <summary>
/// Everyone the access rules must tell apart, and something of theirs to reach for: course A (demo: site admin,
/// instructor, students Alex and Priya, plus a tutor) with key defaults, course B with its own instructor, tutor,
/// student Oscar, a model and Oscar's minted key; a conversation of Alex in A and of Oscar in B. Fresh targets for
/// each actor come from the <c>New…</c> methods; <see cref="FingerprintAsync"/> tells whether anything changed.
/// </summary>
public sealed class AccessWorld(TestDatabase db)
{
    private readonly Dictionary<Actor, User> people = [];
    private int counter;

    public Course Course { get; private set; } = default!;

    public Course OtherCourse { get; private set; } = default!;

    public CourseModelConfig OtherModel { get; private set; } = default!;

    public PlaygroundConversation AlexConversation { get; private set; } = default!;

    public PlaygroundConversation OscarConversation { get; private set; } = default!;

    public Guid OscarKeyId { get; private set; }

    public DateTime KeysExpireAt { get; } = DateTime.UtcNow.Date.AddDays(91);

    public User this[Actor actor] => people[actor];

    public T Get<T>() where T : notnull => db.Get<T>();

    public async Task SetUpAsync()
    {
        await db.Get<DemoSeeder>().SeedIfEmptyAsync(CancellationToken.None);
        await using var context = db.CreateContext();
        Course = await context.Courses.SingleAsync();
        Course.DefaultKeyBudget = 5m;
        Course.DefaultKeyBudgetReset = BudgetResetPeriod.Weekly;
        Course.DefaultKeyExpiresOn = DateOnly.FromDateTime(KeysExpireAt).AddDays(-1);
        foreach (var (actor, email) in new[] { (Actor.SiteAdmin, "admin"), (Actor.Instructor, "instructor"), (Actor.Student, "alex"), (Actor.Classmate, "priya") })
        {
            people[actor] = await context.Users.SingleAsync(u => u.Email == email + "@" + DemoData.Domain);
        }

        OtherCourse = new Course
        {
            Code = "BRAVO-200", Name = "Bravo Seminar", DefaultKeyBudget = 2m, EndsOn = DateOnly.FromDateTime(KeysExpireAt).AddDays(-1),
        };
        OtherModel = new CourseModelConfig { Course = OtherCourse, Provider = "simulated", ModelId = "simulated/swift", DisplayName = "Bravo Swift" };
        context.AddRange(OtherCourse, OtherModel);
        Enroll(context, Actor.Tutor, "tara.tutor@uni.test", Course, CourseRole.Tutor);
        Enroll(context, Actor.OtherInstructor, "olga.instructor@uni.test", OtherCourse, CourseRole.Instructor);
        Enroll(context, Actor.OtherTutor, "otto.tutor@uni.test", OtherCourse, CourseRole.Tutor);
        Enroll(context, Actor.OtherStudent, "oscar.student@uni.test", OtherCourse, CourseRole.Student);
        people[Actor.Nobody] = new User { Email = "nobody@uni.test", DisplayName = "Nobody", FirstName = "Nobody" };
        await context.SaveChangesAsync();

        AlexConversation = await ConversationAsync(this[Actor.Student], Course.Id);
        OscarConversation = await ConversationAsync(this[Actor.OtherStudent], OtherCourse.Id);
        OscarKeyId = await NewKeyAsync(this[Actor.OtherStudent], OtherCourse.Id);
    }

    /// <summary>A new person enrolled in <paramref name="courseId"/> with <paramref name="role"/>.</summary>
    public async Task<User> NewPersonAsync(Guid courseId, CourseRole role = CourseRole.Student)
    {
        var n = Interlocked.Increment(ref counter);
        await using var context = db.CreateContext();
        var user = new User { Email = $"fresh-{n:000}@uni.test", DisplayName = $"Fresh {n:000}", FirstName = "Fresh" };
        context.Enrollments.Add(new Enrollment { User = user, CourseId = courseId, Role = role });
        await context.SaveChangesAsync();
        return user;
    }

    /// <summary>A key minted through the provisioner (by the site admin) for <paramref name="student"/>.</summary>
    public async Task<Guid> NewKeyAsync(User student, Guid courseId)
    {
        var result = await db.Get<StudentKeyProvisioner>().MintAsync(this[Actor.SiteAdmin].Id, courseId, student.Id, "openrouter", CancellationToken.None);
        Assert.Equal(KeyMintOutcome.Minted, result.Outcome);
        return result.KeyId!.Value;
    }

    /// <summary>A key for a new student of <paramref name="courseId"/>.</summary>
    public async Task<Guid> NewKeyAsync(Guid courseId) => await NewKeyAsync(await NewPersonAsync(courseId), courseId);

    /// <summary>A course job row marked running in <paramref name="courseId"/> (nothing runs it: a target for Cancel).</summary>
    public async Task<Guid> NewRunningJobAsync(Guid courseId)
    {
        await using var context = db.CreateContext();
        var job = new Core.Jobs.CourseJob
        {
            CourseId = courseId, Kind = Core.Jobs.CourseJobKind.RotateKeys, StartedById = this[Actor.SiteAdmin].Id, StartedAt = DateTime.UtcNow, Total = 1,
        };
        context.CourseJobs.Add(job);
        await context.SaveChangesAsync();
        return job.Id;
    }

    /// <summary>An extra model row on <paramref name="courseId"/>'s allowlist.</summary>
    public async Task<Guid> NewModelAsync(Guid courseId)
    {
        var n = Interlocked.Increment(ref counter);
        await using var context = db.CreateContext();
        var model = new CourseModelConfig { CourseId = courseId, Provider = "simulated", ModelId = $"simulated/extra-{n}", DisplayName = $"Extra {n}", SortOrder = 10 + n };
        context.CourseModelConfigs.Add(model);
        await context.SaveChangesAsync();
        return model.Id;
    }

    /// <summary>A conversation of <paramref name="owner"/>, made by the playground's own store, with one question.</summary>
    public async Task<PlaygroundConversation> ConversationAsync(User owner, Guid courseId)
    {
        var conversation = await db.Get<ConversationStore>().CreateAsync(owner.Id, courseId, CancellationToken.None);
        await using var context = db.CreateContext();
        context.PlaygroundMessages.Add(PlaygroundMessage.Question(conversation.Id, 0, $"{owner.FirstName} asks something", owner.Id, DateTime.UtcNow));
        await context.SaveChangesAsync();
        return conversation;
    }

    public async Task<CourseModelConfig> ModelAsync(string modelId, Guid? courseId = null)
    {
        await using var context = db.CreateContext();
        return await context.CourseModelConfigs.AsNoTracking().SingleAsync(m => m.CourseId == (courseId ?? Course.Id) && m.ModelId == modelId);
    }

    /// <summary>Changes rows directly (setting up a target, never the thing under test).</summary>
    public async Task ArrangeAsync(Func<GrimoireDbContext, Task> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var context = db.CreateContext();
        await change(context);
    }

    /// <summary>Every row an action could touch, as text: equal before and after means nothing changed.</summary>
    public async Task<string> FingerprintAsync()
    {
        await using var c = db.CreateContext();
        var text = new StringBuilder();
        void Add(IEnumerable<object> rows) => text.AppendJoin('\n', rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r}"))).Append("\n--\n");
        Add(await c.Users.AsNoTracking().OrderBy(u => u.Email).Select(u => new { u.Id, u.Email, u.DisplayName, u.IsSiteAdmin }).ToListAsync());
        Add(await c.Courses.AsNoTracking().OrderBy(x => x.Id).Select(x => new
        {
            x.Id, x.Code, x.Name, x.Term, x.StartsOn, x.EndsOn, x.IsArchived, x.DefaultSystemPrompt, x.DefaultModelConfigId,
        }).ToListAsync());
        Add(await c.Enrollments.AsNoTracking().OrderBy(e => e.CourseId).ThenBy(e => e.UserId).Select(e => new { e.CourseId, e.UserId, e.Role }).ToListAsync());
        Add(await c.CourseModelConfigs.AsNoTracking().OrderBy(m => m.Id).Select(m => new
        {
            m.Id, m.CourseId, m.ModelId, m.DisplayName, m.IsEnabled, m.SortOrder, m.PrivacyNotes, m.ContextLength, m.CatalogueSnapshotAt,
        }).ToListAsync());
        Add(await c.StudentApiKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => new
        {
            k.Id, k.CourseId, k.UserId, k.IsDisabled, k.BudgetLimit, k.BudgetResetPeriod, k.ExpiresAt, k.RevokedAt,
        }).ToListAsync());
        Add(await c.CourseJobs.AsNoTracking().OrderBy(j => j.Id).Select(j => new
        {
            j.Id, j.CourseId, j.Kind, j.State, j.Total, j.Succeeded, j.Skipped, j.Failed, j.CancelRequestedById, Items = j.Items.Count,
        }).ToListAsync());
        Add(await c.Workspaces.AsNoTracking().OrderBy(w => w.Id).Select(w => new { w.Id, w.CourseId, Members = w.Members.Count }).ToListAsync());
        Add(await c.PlaygroundConversations.AsNoTracking().OrderBy(x => x.Id).Select(x => new { x.Id, x.Title, x.SystemPrompt, x.UpdatedAt }).ToListAsync());
        Add(await c.PlaygroundMessages.AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.Id, m.ConversationId, m.Content, m.Status }).ToListAsync());
        return text.ToString();
    }

    private void Enroll(GrimoireDbContext context, Actor actor, string email, Course course, CourseRole role)
    {
        var user = new User { Email = email, DisplayName = email.Split('@')[0], FirstName = email.Split('.')[0] };
        people[actor] = user;
        context.Enrollments.Add(new Enrollment { User = user, Course = course, Role = role });
    }
}
