using Grimoire.Core.Accounts;
using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Grimoire.Core.Demo;
using Grimoire.Core.Tests.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.EndToEnd.Infrastructure;

using KeyTestsOpenRouter = Grimoire.Core.Tests.Keys.FakeOpenRouter;

/// <summary>
/// The real host on the key tests' fake OpenRouter (<c>Grimoire.Core.Tests.Keys.FakeOpenRouter</c>), whose key creations wait at a <see cref="StepGate"/>: a browser
/// test lets "Mint for all" go one student at a time and sees each count, without timing.
/// </summary>
public sealed class GatedKeysBrowserApp : BrowserApp
{
    private GatedKeysBrowserApp(KeyTestsOpenRouter fake, Dictionary<string, string?> settings)
        : base(settings, null)
    {
        Fake = fake;
        Fake.CreateGate = Gate;
    }

    public GatedKeysBrowserApp()
        : this(Start(out var settings), settings)
    {
    }

    public KeyTestsOpenRouter Fake { get; }

    public StepGate Gate { get; } = new();

    /// <summary>Adds <paramref name="count"/> students to DEMO-101 (student-001@uni.test, …).</summary>
    public async Task AddStudentsAsync(int count)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync();
        var course = await db.Courses.SingleAsync(c => c.Code == DemoData.CourseCode);
        for (var i = 1; i <= count; i++)
        {
            var user = new User { Email = $"student-{i:000}@uni.test", DisplayName = $"Student {i:000}", FirstName = "Student" };
            db.Users.Add(user);
            db.Enrollments.Add(new Enrollment { User = user, CourseId = course.Id, Role = CourseRole.Student });
        }

        await db.SaveChangesAsync();
    }

    public override async Task DisposeAsync()
    {
        Gate.Release(10_000); // nothing stays held when the host stops
        await base.DisposeAsync();
        await Fake.DisposeAsync();
    }

    private static KeyTestsOpenRouter Start(out Dictionary<string, string?> settings)
    {
        var fake = KeyTestsOpenRouter.StartAsync().GetAwaiter().GetResult();
        settings = new Dictionary<string, string?> { ["Grimoire:Secrets:EncryptionKey"] = StandInBrowserApp.EncryptionKey };
        fake.Configure(settings);
        return fake;
    }
}
