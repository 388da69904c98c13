using Grimoire.Core.Accounts;
using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Demo;

/// <summary>
/// Seeds the demo course: one site admin, one instructor, three students, and two enabled plus one disabled
/// model on the offline simulated provider. Runs only on an empty database, so it never touches real data.
/// </summary>
public sealed class DemoSeeder(IDbContextFactory<GrimoireDbContext> contextFactory, TimeProvider time, ILogger<DemoSeeder> logger)
{
    /// <returns>True when it seeded, false when the database already had users.</returns>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return false;
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var users = DemoData.Users.Select(u => new User
        {
            Email = u.Email,
            DisplayName = u.DisplayName,
            FirstName = u.FirstName,
            IsSiteAdmin = u.Role is null,
        }).ToList();
        var course = new Course
        {
            Code = DemoData.CourseCode,
            Name = "Language Models in Practice (demo)",
            Term = "Demo term",
            StartsOn = today,
            EndsOn = today.AddDays(120),
            DefaultSystemPrompt = DemoData.DefaultSystemPrompt,
            DefaultKeyBudget = 5m,
            DefaultKeyBudgetReset = Keys.BudgetResetPeriod.Monthly,
        };
        course.Models.AddRange(DemoData.Models());
        foreach (var (user, demoUser) in users.Zip(DemoData.Users))
        {
            if (demoUser.Role is { } role)
            {
                course.Enrollments.Add(new Enrollment { User = user, Role = role });
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Users.AddRange(users);
        db.Courses.Add(course);
        await db.SaveChangesAsync(cancellationToken);

        // Set after the first save: course and model reference each other.
        course.DefaultModelConfigId = course.Models[0].Id;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        logger.LogInformation("Seeded demo course {Course} with {Users} users", course.Code, users.Count);
        return true;
    }
}
