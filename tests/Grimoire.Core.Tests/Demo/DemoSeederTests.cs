using Grimoire.Core.Courses;
using Grimoire.Core.Demo;
using Grimoire.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Demo;

public abstract class DemoSeederTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task Seeds_one_instructor_three_students_and_three_enabled_simulated_models_the_vision_one_for_attachments()
    {
        Assert.True(await Db.Get<DemoSeeder>().SeedIfEmptyAsync(Ct));

        await using var db = Db.CreateContext();
        var course = await db.Courses.Include(c => c.Enrollments).Include(c => c.Models).SingleAsync(Ct);
        Assert.Equal(DemoData.CourseCode, course.Code);
        Assert.Single(course.Enrollments, e => e.Role == CourseRole.Instructor);
        Assert.Equal(3, course.Enrollments.Count(e => e.Role == CourseRole.Student));
        Assert.Equal(3, course.Models.Count);
        Assert.All(course.Models, m => Assert.True(m.IsEnabled));
        Assert.Single(course.Models, m => m.SupportsVision && m.SupportsFiles); // the README's attachment walk-through (issue 10)
        Assert.All(course.Models, m => Assert.Equal("simulated", m.Provider));
        Assert.All(course.Models, m => Assert.StartsWith("Simulated ", m.DisplayName, StringComparison.Ordinal));
        Assert.Equal(course.Models.Single(m => m.ModelId == "simulated/thinker").Id, course.DefaultModelConfigId);
        Assert.Single(await db.Users.Where(u => u.IsSiteAdmin).ToListAsync(Ct));
    }

    [Fact]
    public async Task Never_seeds_a_database_that_has_people()
    {
        await using (var db = Db.CreateContext())
        {
            db.Users.Add(SampleData.User());
            await db.SaveChangesAsync(Ct);
        }

        Assert.False(await Db.Get<DemoSeeder>().SeedIfEmptyAsync(Ct));
        await using var reader = Db.CreateContext();
        Assert.Equal(0, await reader.Courses.CountAsync(Ct));
    }

    [Fact]
    public async Task The_picker_lists_only_enabled_models_in_order()
    {
        await Db.Get<DemoSeeder>().SeedIfEmptyAsync(Ct);
        await using var db = Db.CreateContext();
        var courseId = await db.Courses.Select(c => c.Id).SingleAsync(Ct);

        await db.CourseModelConfigs.Where(m => m.ModelId == "simulated/swift").ExecuteUpdateAsync(s => s.SetProperty(m => m.IsEnabled, false), Ct);

        var models = await Db.Get<CourseModels>().ListEnabledAsync(courseId, Ct);

        Assert.Equal(["simulated/thinker", "simulated/vision"], models.Select(m => m.ModelId));
    }
}

public sealed class DemoSeederTestsOnSqlite : DemoSeederTests<SqliteTestDatabase>;

public sealed class DemoSeederTestsOnPostgres : DemoSeederTests<PostgresTestDatabase>;
