using Grimoire.Core.Accounts;
using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Grimoire.Core.Demo;
using Grimoire.Core.Keys;
using Grimoire.Core.Playground;
using Grimoire.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Web.Tests.Security.AccessMatrix;

/// <summary>
/// One real host for the page matrix: the seeded demo course (course A) with a tutor added, a second course (course B)
/// with its own instructor, tutor and student, and a conversation in each course plus a classmate's in course A. Every
/// conversation and course carries words found nowhere else, so a page that leaks it is caught by text. Alex holds a
/// stored (encrypted) provider key in course A that no response may ever contain (AC2.4).
/// </summary>
public sealed class AccessMatrixHost : IAsyncLifetime
{
    public const string Demo = "@" + DemoData.Domain;
    public const string CourseName = "Language Models in Practice (demo)";
    public const string OtherCourseCode = "BRAVO-200";
    public const string OtherCourseName = "Bravo Seminar on Machine Ethics";

    /// <summary>Alex's conversation in course A: title, question and system prompt.</summary>
    public static readonly string[] AlexConversationText = ["Alex asks about tides", "Why do tides follow the moon, quokka-7731?", "Answer as an oceanographer."];

    /// <summary>Priya's conversation in course A (a classmate's: never on Alex's pages).</summary>
    public static readonly string[] PriyaConversationText = ["Priya drafts an essay", "Help me outline my essay, wombat-4410."];

    /// <summary>Oscar's conversation in course B.</summary>
    public static readonly string[] OtherConversationText = ["Oscar on trolley problems", "Is the trolley problem useful, numbat-9902?"];

    /// <summary>Alex's provider key as the provider would have handed it over (obviously fake).</summary>
    public const string PlainKey = "sk-or-v1-FAKE-matrix-key-0f0f0f0f0f0f0f0f-never-shown";

    /// <summary>The provider's id for it: not a secret, but the UI has no reason to show it either.</summary>
    public const string KeyHash = "hash-matrix-alex-5c5c5c5c";

    private readonly Dictionary<MatrixRole, HttpClient> clients = [];
    private Dictionary<string, Guid> ids = [];

    public GrimoireAppFactory Factory { get; } = new();

    /// <summary>Alex's stored key exactly as the database holds it (base64 of the ciphertext, as JSON or HTML would carry it).</summary>
    public string StoredCiphertext { get; private set; } = "";

    public static string EmailOf(MatrixRole role) => role switch
    {
        MatrixRole.SiteAdmin => "admin" + Demo,
        MatrixRole.Instructor => "instructor" + Demo,
        MatrixRole.Tutor => "tara.tutor@uni.test",
        MatrixRole.Student => "alex" + Demo,
        MatrixRole.Classmate => "priya" + Demo,
        MatrixRole.OtherInstructor => "olga.instructor@uni.test",
        MatrixRole.OtherTutor => "otto.tutor@uni.test",
        MatrixRole.OtherStudent => "oscar.student@uni.test",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Anonymous has no e-mail."),
    };

    /// <summary>The address with its placeholders ({Course}, {OtherCourse}, {AlexConversation}, …) filled in.</summary>
    public string Resolve(string template) =>
        ids.Aggregate(template, (url, id) => url.Replace("{" + id.Key + "}", id.Value.ToString(), StringComparison.Ordinal));

    /// <summary>
    /// A client signed in as <paramref name="role"/> through the real sign-in form, kept for the class (xUnit runs one
    /// class's tests one at a time). Anonymous gets a client without a cookie.
    /// </summary>
    public async Task<HttpClient> ClientAsync(MatrixRole role)
    {
        if (!clients.TryGetValue(role, out var client))
        {
            clients[role] = client = role == MatrixRole.Anonymous
                ? SignedInClient.Anonymous(Factory)
                : await SignedInClient.SignInAsync(Factory, EmailOf(role));
        }

        return client;
    }

    public async Task InitializeAsync()
    {
        using (var client = SignedInClient.Anonymous(Factory))
        {
            (await client.GetAsync("/healthz")).Dispose(); // starts the host, which seeds the demo
        }

        await using var scope = Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync();
        var course = await db.Courses.SingleAsync();
        var alex = await db.Users.SingleAsync(u => u.Email == EmailOf(MatrixRole.Student));
        var priya = await db.Users.SingleAsync(u => u.Email == EmailOf(MatrixRole.Classmate));
        var tutor = Person(MatrixRole.Tutor, "Tara Tutor");
        var otherInstructor = Person(MatrixRole.OtherInstructor, "Olga Instructor");
        var otherTutor = Person(MatrixRole.OtherTutor, "Otto Tutor");
        var oscar = Person(MatrixRole.OtherStudent, "Oscar Student");
        var other = new Course { Code = OtherCourseCode, Name = OtherCourseName, Term = "Spring" };
        db.AddRange(tutor, otherInstructor, otherTutor, oscar, other,
            new Enrollment { User = tutor, Course = course, Role = CourseRole.Tutor },
            new Enrollment { User = otherInstructor, Course = other, Role = CourseRole.Instructor },
            new Enrollment { User = otherTutor, Course = other, Role = CourseRole.Tutor },
            new Enrollment { User = oscar, Course = other, Role = CourseRole.Student },
            new CourseModelConfig { Course = other, Provider = "simulated", ModelId = "simulated/swift", DisplayName = "Bravo Swift" });
        var key = new StudentApiKey
        {
            UserId = alex.Id, CourseId = course.Id, Provider = "openrouter", EncryptedKey = [], EncryptionKeyId = "",
            ProviderKeyHash = KeyHash, BudgetLimit = 5m,
        };
        scope.ServiceProvider.GetRequiredService<KeyVault>().EncryptInto(key, PlainKey);
        StoredCiphertext = Convert.ToBase64String(key.EncryptedKey);
        db.StudentApiKeys.Add(key);
        await db.SaveChangesAsync();

        var store = scope.ServiceProvider.GetRequiredService<ConversationStore>();
        ids = new Dictionary<string, Guid>
        {
            ["Course"] = course.Id,
            ["OtherCourse"] = other.Id,
            ["Unknown"] = Guid.NewGuid(),
            ["AlexConversation"] = await ConversationAsync(store, db, alex.Id, course.Id, AlexConversationText),
            ["PriyaConversation"] = await ConversationAsync(store, db, priya.Id, course.Id, PriyaConversationText),
            ["OtherConversation"] = await ConversationAsync(store, db, oscar.Id, other.Id, OtherConversationText),
        };
    }

    public Task DisposeAsync()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        Factory.Dispose();
        return Task.CompletedTask;
    }

    private static User Person(MatrixRole role, string name) =>
        new() { Email = EmailOf(role), DisplayName = name, FirstName = name.Split(' ')[0] };

    /// <summary>A conversation created the way the playground creates it, titled, with a system prompt and one question.</summary>
    private static async Task<Guid> ConversationAsync(ConversationStore store, GrimoireDbContext db, Guid ownerId, Guid courseId, string[] text)
    {
        var conversation = await store.CreateAsync(ownerId, courseId, CancellationToken.None);
        await store.RenameAsync(ownerId, conversation.Id, text[0], CancellationToken.None);
        if (text.Length > 2)
        {
            await store.SaveSystemPromptAsync(ownerId, conversation.Id, text[2], CancellationToken.None);
        }

        db.PlaygroundMessages.Add(PlaygroundMessage.Question(conversation.Id, 0, text[1], ownerId, DateTime.UtcNow));
        await db.SaveChangesAsync();
        return conversation.Id;
    }
}
