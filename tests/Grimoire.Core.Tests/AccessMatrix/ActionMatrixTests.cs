using Grimoire.Core.Courses.Admin;
using Grimoire.Core.Keys;
using Grimoire.Core.Playground;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Keys;

namespace Grimoire.Core.Tests.AccessMatrix;

/// <summary>
/// The action half of the access matrix (AC2.1–AC2.6, AC3.6, AC8.6): every service action, called by every actor with
/// ids of their own course and of the other one. Each row checks, per actor, the outcome; that a refusal (or a read)
/// changed nothing and never reached the provider; and that an allowed change really changed something.
/// </summary>
public abstract class ActionMatrixTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private FakeOpenRouter fake = default!;
    private AccessWorld world = default!;

    public override async Task InitializeAsync()
    {
        fake = await FakeOpenRouter.StartAsync();
        fake.Configure(Db.Settings);
        await base.InitializeAsync();
        world = new AccessWorld(Db);
        await world.SetUpAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await fake.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(ActionMatrix.CourseAdminCases), MemberType = typeof(ActionMatrix))]
    public Task AC2_1_AC2_2_AC2_6_course_admin_actions_by_every_actor(string action) =>
        RunAsync(CourseAdminActions.All.Single(c => c.Name == action));

    [Theory]
    [MemberData(nameof(ActionMatrix.KeyCases), MemberType = typeof(ActionMatrix))]
    public Task AC2_3_AC2_4_AC2_5_key_actions_by_every_actor(string action) =>
        RunAsync(KeyActions.All.Single(c => c.Name == action));

    [Theory]
    [MemberData(nameof(ActionMatrix.SiteAndPlaygroundCases), MemberType = typeof(ActionMatrix))]
    public Task AC2_6_AC3_6_AC8_6_site_admin_and_playground_actions_by_every_actor(string action) =>
        RunAsync(SiteAndPlaygroundActions.All.Single(c => c.Name == action));

    private async Task RunAsync(ActionCase action)
    {
        var problems = new List<string>();
        foreach (var actor in Enum.GetValues<Actor>())
        {
            var target = await action.Arrange(world);
            var before = await world.FingerprintAsync();
            var calls = fake.Calls.Count;

            var (outcome, detail) = await OutcomeOfAsync(action, actor, target);

            var expected = action.ExpectedFor(actor);
            var changed = before != await world.FingerprintAsync();
            if (outcome != expected)
            {
                problems.Add($"{actor}: expected {expected}, got {outcome}{detail}");
            }
            else if (outcome == Outcome.Allowed && action.Mutates && !changed)
            {
                problems.Add($"{actor}: allowed, but nothing changed");
            }
            else if ((outcome != Outcome.Allowed || !action.Mutates) && changed)
            {
                problems.Add($"{actor}: {outcome}, yet the data changed");
            }

            if (outcome != Outcome.Allowed && fake.Calls.Count != calls)
            {
                problems.Add($"{actor}: {outcome}, yet the provider was called ({string.Join(", ", fake.Calls.Skip(calls))})");
            }
        }

        Assert.True(problems.Count == 0, $"{action.Name}:\n{string.Join('\n', problems)}");
    }

    private async Task<(Outcome Outcome, string Detail)> OutcomeOfAsync(ActionCase action, Actor actor, Guid target)
    {
        try
        {
            return (await action.Act(world, world[actor], target), "");
        }
        catch (Exception ex) when (ex is CourseAccessDeniedException or KeyAccessDeniedException or PlaygroundAccessDeniedException)
        {
            return (Outcome.Denied, $" ({ex.GetType().Name}: {ex.Message})");
        }
        catch (Exception ex) when (ex is CourseValidationException or KeyProvisioningException)
        {
            return (Outcome.NotFound, $" ({ex.GetType().Name}: {ex.Message})");
        }
    }
}

/// <summary>The matrix's rows by name, for the theories (xUnit shows each action as its own case).</summary>
public static class ActionMatrix
{
    public static TheoryData<string> CourseAdminCases => Names(CourseAdminActions.All);

    public static TheoryData<string> KeyCases => Names(KeyActions.All);

    public static TheoryData<string> SiteAndPlaygroundCases => Names(SiteAndPlaygroundActions.All);

    private static TheoryData<string> Names(IEnumerable<ActionCase> cases)
    {
        var names = new TheoryData<string>();
        foreach (var action in cases)
        {
            names.Add(action.Name);
        }

        return names;
    }
}

public sealed class ActionMatrixTestsOnSqlite : ActionMatrixTests<SqliteTestDatabase>;

public sealed class ActionMatrixTestsOnPostgres : ActionMatrixTests<PostgresTestDatabase>;
