using Grimoire.Core.Courses;
using Grimoire.Core.Lti;
using Grimoire.Core.Tests.Infrastructure;

namespace Grimoire.Core.Tests.Lti;

/// <summary>LTI state, keys and registrations on both databases (issue 15, X9).</summary>
public abstract class LtiCoreTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task X9_a_login_state_is_consumed_once_and_an_unknown_one_finds_nothing()
    {
        var platform = await Db.Get<LtiPlatforms>().AddAsync(Registration(), Ct);
        var states = Db.Get<LtiLoginStates>();
        var login = await states.BeginAsync(platform.Id, "https://grimoire.test/", Ct);

        var first = await states.ConsumeAsync(login.State, Ct);
        Assert.NotNull(first);
        Assert.Equal(login.Nonce, first.Nonce);
        Assert.Null(await states.ConsumeAsync(login.State, Ct));
        Assert.Null(await states.ConsumeAsync("never-issued", Ct));
    }

    [Fact]
    public async Task X9_a_platform_is_registered_once_per_issuer_and_client_id_with_clear_problems()
    {
        var platforms = Db.Get<LtiPlatforms>();
        await platforms.AddAsync(Registration(), Ct);

        var duplicate = await Assert.ThrowsAsync<LtiRegistrationException>(() => platforms.AddAsync(Registration(), Ct));
        Assert.Contains(duplicate.Problems, p => p.Contains("already registered", StringComparison.Ordinal));
        var bad = await Assert.ThrowsAsync<LtiRegistrationException>(() => platforms.AddAsync(
            Registration() with { ClientId = "other", JwksUrl = "http://lms.example/jwks", DeploymentIds = [] }, Ct));
        Assert.Contains(bad.Problems, p => p.Contains("public keyset", StringComparison.Ordinal));
        Assert.Contains(bad.Problems, p => p.Contains("deployment id", StringComparison.Ordinal));
        Assert.Single(await platforms.ListAsync(Ct));
    }

    [Fact]
    public async Task X9_the_tool_key_is_sealed_at_rest_and_a_rotation_keeps_the_old_key_published()
    {
        var keys = Db.Get<LtiToolKeys>();
        var first = await keys.GetSigningKeyAsync(Ct);
        var rotated = await keys.RotateAsync(Ct);
        var jwks = await keys.GetJwksJsonAsync(Ct);

        Assert.Contains(first.KeyId, jwks, StringComparison.Ordinal);
        Assert.Contains(rotated, jwks, StringComparison.Ordinal);
        Assert.Equal(rotated, (await keys.GetSigningKeyAsync(Ct)).KeyId);
        await using var db = Db.CreateContext();
        var stored = db.LtiToolKeys.ToList();
        Assert.All(stored, k => Assert.DoesNotContain("PRIVATE", System.Text.Encoding.ASCII.GetString(k.PrivateKeyCiphertext), StringComparison.Ordinal));
    }

    private static LtiPlatformRegistration Registration() => new(
        "Moodle", "https://lms.example", "client-1", "https://lms.example/auth", "https://lms.example/token", "https://lms.example/jwks", ["1"]);
}

public sealed class LtiCoreTestsOnSqlite : LtiCoreTests<SqliteTestDatabase>;

public sealed class LtiCoreTestsOnPostgres : LtiCoreTests<PostgresTestDatabase>;

/// <summary>LMS roles to course roles (issue 15, X9).</summary>
public sealed class LtiRolesTests
{
    [Theory]
    [InlineData(LtiClaims.RoleInstructor, CourseRole.Instructor)]
    [InlineData(LtiClaims.RoleTeachingAssistant, CourseRole.Tutor)]
    [InlineData("http://purl.imsglobal.org/vocab/lis/v2/membership#TeachingAssistant", CourseRole.Tutor)]
    [InlineData(LtiClaims.RoleLearner, CourseRole.Student)]
    [InlineData("Learner", CourseRole.Student)]
    public void X9_a_context_role_maps_to_its_course_role(string role, CourseRole expected) => Assert.Equal(expected, LtiRoles.Map([role]));

    [Fact]
    public void X9_a_teaching_assistant_sub_role_wins_over_the_instructor_role_it_comes_with() =>
        Assert.Equal(CourseRole.Tutor, LtiRoles.Map([LtiClaims.RoleInstructor, LtiClaims.RoleTeachingAssistant]));

    [Fact]
    public void X9_an_lms_administrator_maps_to_no_course_role() =>
        Assert.Null(LtiRoles.Map([LtiClaims.RoleSystemAdministrator, LtiClaims.RoleInstitutionAdministrator]));
}
