using System.Security.Cryptography;
using System.Text;
using Grimoire.Core.Accounts;
using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Grimoire.Core.Demo;
using Grimoire.Core.Keys;
using Grimoire.Llm;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.EndToEnd.Infrastructure;

/// <summary>
/// Key values the test knows before anything runs (the stand-in picks its own when it mints), sealed into the database
/// through the host's own <see cref="KeyVault"/> so the pages that list keys have them at hand: one revoked key of a
/// DEMO-101 student (listed until the class is minted), and the live key of the only student of a second course
/// that DEMO-101's instructor also teaches, with an OpenRouter model to chat with. Each row's provider hash is
/// SHA-256 of its key, as OpenRouter's is.
/// </summary>
public sealed record CanaryKeys(string Revoked, string OtherCourse)
{
    public const string OtherCourseCode = "LEAK-202";

    public const string OtherStudentEmail = "casey@leak.grimoire.test";

    public const string RevokedHolderEmail = "priya@" + DemoData.Domain;

    public const string OtherCourseModelId = "anthropic/claude-haiku-4.5";

    public const string OtherCourseModelName = "Claude Haiku (canary course)";

    public IReadOnlyList<string> All => [Revoked, OtherCourse];

    public static async Task<CanaryKeys> SeedAsync(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var vault = services.GetRequiredService<KeyVault>();
        await using var db = await services.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync();
        var canaries = new CanaryKeys(NewKey(), NewKey());
        var now = DateTime.UtcNow;

        var demo = await db.Courses.SingleAsync(c => c.Code == DemoData.CourseCode);
        var priya = await db.Users.SingleAsync(u => u.Email == RevokedHolderEmail);
        var instructor = await db.Users.SingleAsync(u => u.Email == "instructor@" + DemoData.Domain);
        var revoked = Sealed(vault, demo.Id, priya.Id, canaries.Revoked);
        revoked.CreatedAt = now.AddDays(-10);
        revoked.RevokedAt = now.AddDays(-9);
        db.StudentApiKeys.Add(revoked);

        var other = new Course
        {
            Code = OtherCourseCode,
            Name = "Leak canaries",
            Term = "Autumn 2026",
            DefaultKeyBudget = 5m,
            DefaultKeyBudgetReset = BudgetResetPeriod.Monthly,
        };
        var casey = new User { Email = OtherStudentEmail, DisplayName = "Casey Canary", FirstName = "Casey" };
        db.Courses.Add(other);
        db.Users.Add(casey);
        db.Enrollments.Add(new Enrollment { CourseId = other.Id, UserId = casey.Id, Role = CourseRole.Student });
        db.Enrollments.Add(new Enrollment { CourseId = other.Id, UserId = instructor.Id, Role = CourseRole.Instructor });
        db.StudentApiKeys.Add(Sealed(vault, other.Id, casey.Id, canaries.OtherCourse));
        // Casey can chat with it: the stand-in never minted it, so it refuses the call, and the refusal's way back
        // (provider error, failed message, logs, archive) is walked with a known key in the request.
        db.CourseModelConfigs.Add(new CourseModelConfig
        {
            CourseId = other.Id,
            Provider = ProviderKinds.OpenRouter,
            ModelId = OtherCourseModelId,
            DisplayName = OtherCourseModelName,
            CostTier = CostTier.Low,
            ContextLength = 200_000,
            MaxOutputTokens = 8_000,
            InputPricePerMillion = 1m,
            OutputPricePerMillion = 5m,
        });
        await db.SaveChangesAsync();
        return canaries;
    }

    /// <summary>The provider-side identifier of a key: SHA-256 of it in lower-case hex, as OpenRouter (and its stand-in) gives it.</summary>
    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string NewKey() => "sk-or-v1-canary-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static StudentApiKey Sealed(KeyVault vault, Guid courseId, Guid userId, string plain)
    {
        var row = new StudentApiKey
        {
            CourseId = courseId,
            UserId = userId,
            Provider = ProviderKinds.OpenRouter,
            EncryptedKey = [],
            EncryptionKeyId = "",
            ProviderKeyHash = HashOf(plain),
            BudgetLimit = 5m,
            BudgetResetPeriod = BudgetResetPeriod.Monthly,
        };
        vault.EncryptInto(row, plain);
        return row;
    }
}
