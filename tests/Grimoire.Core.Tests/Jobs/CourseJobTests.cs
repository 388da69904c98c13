using System.Diagnostics.Metrics;
using Grimoire.Core.Courses.Admin;
using Grimoire.Core.Jobs;
using Grimoire.Core.Keys;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Keys;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Jobs;

/// <summary>
/// Issue 17 item 13: minting for a class (and rotating every key) runs as a course job that shows its progress step by
/// step, keeps going without the page that started it, can be cancelled between students, and leaves its result and
/// each student's outcome behind. The fake OpenRouter's gate holds each key creation, so every count is deterministic.
/// </summary>
public abstract class CourseJobTests<TDatabase> : KeyDatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private readonly StepGate gate = new();

    private CourseJobs Jobs => Db.Get<CourseJobs>();

    [Fact]
    public async Task Minting_for_the_class_shows_each_step_as_it_goes_and_keeps_every_students_result()
    {
        using var measurements = new JobMeasurements(Db.Get<IMeterFactory>());
        var added = await AddStudentsAsync(7);
        var failing = added[2].Email;
        Fake.FailCreateFor.Add(failing);
        Fake.CreateGate = gate;

        await Jobs.StartAsync(Instructor.Id, Course.Id, CourseJobKind.MintMissingKeys, Ct);

        var started = await LatestAsync();
        Assert.Equal((CourseJobState.Running, 10, 0, "Dr. Morgan Lee"), (started.State, started.Total, started.Processed, started.StartedBy));
        gate.Release(4);
        var four = await WhenAsync(v => v.Processed == 4);
        Assert.Equal((CourseJobState.Running, 4, 0, 0), (four.State, four.Succeeded, four.Skipped, four.Failed));
        Assert.Equal([1, 2, 3, 4], four.Items.Select(i => i.Position));
        Assert.Equal(4, Fake.LiveKeys.Count);

        gate.Release(6);
        var done = await WhenAsync(v => !v.IsRunning);
        Assert.Equal((CourseJobState.Completed, 10, 9, 0, 1, 0), (done.State, done.Total, done.Succeeded, done.Skipped, done.Failed, done.NotAttempted));
        Assert.Equal(10, done.Items.Count);
        var failed = Assert.Single(done.Items, i => i.Outcome == CourseJobItemOutcome.Failed);
        Assert.Equal((added[2].Id, failing), (failed.UserId, failed.Subject));
        Assert.Contains("OpenRouter had a problem (500)", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(9, Fake.LiveKeys.Count);

        Assert.Contains(Logs.Lines, l => l.Contains("(MintMissingKeys) started in course", StringComparison.Ordinal) && l.Contains("10 to go", StringComparison.Ordinal));
        Assert.Contains(Logs.Lines, l => l.Contains("ended Completed: 9 succeeded, 0 skipped, 1 failed, 0 not attempted of 10", StringComparison.Ordinal));
        AssertNoSecretsLogged();
        Assert.Equal(1, measurements.Count("grimoire.course_jobs.started kind=mintmissingkeys"));
        Assert.Equal(1, measurements.Count("grimoire.course_jobs.finished kind=mintmissingkeys state=completed"));
        Assert.Equal(9, measurements.Count("grimoire.course_jobs.steps kind=mintmissingkeys outcome=succeeded"));
        Assert.Equal(1, measurements.Count("grimoire.course_jobs.steps kind=mintmissingkeys outcome=failed"));
    }

    [Fact]
    public async Task Cancelling_stops_further_minting_after_the_student_in_hand_and_reports_what_was_done()
    {
        using var measurements = new JobMeasurements(Db.Get<IMeterFactory>());
        await AddStudentsAsync(7);
        Fake.CreateGate = gate;
        var id = await Jobs.StartAsync(Instructor.Id, Course.Id, CourseJobKind.MintMissingKeys, Ct);
        gate.Release(2);
        await WhenAsync(v => v.Processed == 2);
        await gate.HoldingAsync(1); // the third student's key is being minted

        await Jobs.CancelAsync(Instructor.Id, id, Ct);

        var cancelling = await LatestAsync();
        Assert.Equal((CourseJobState.Running, true), (cancelling.State, cancelling.CancelRequested));
        gate.Release(1);
        var done = await WhenAsync(v => !v.IsRunning);
        Assert.Equal((CourseJobState.Cancelled, 3, 0, 7), (done.State, done.Succeeded, done.Failed, done.NotAttempted));
        Assert.Equal(3, done.Items.Count);
        gate.Release(20);
        Assert.Equal(3, Fake.Calls.Count(c => c == "POST /api/v1/keys"));
        Assert.Equal(3, Fake.LiveKeys.Count);
        Assert.Equal(1, measurements.Count("grimoire.course_jobs.finished kind=mintmissingkeys state=cancelled"));

        // Starting again finishes the class: the three who got a key are skipped.
        await Jobs.StartAsync(Instructor.Id, Course.Id, CourseJobKind.MintMissingKeys, Ct);
        var again = await WhenAsync(v => v.Id != id && !v.IsRunning);
        Assert.Equal((CourseJobState.Completed, 7, 3), (again.State, again.Succeeded, again.Skipped));
        Assert.Equal(10, Fake.LiveKeys.Count);
    }

    [Fact]
    public async Task The_job_keeps_going_when_the_page_that_started_it_is_gone_and_its_result_stays()
    {
        Fake.CreateGate = gate;
        using var circuit = new CancellationTokenSource();
        var id = await Jobs.StartAsync(Instructor.Id, Course.Id, CourseJobKind.MintMissingKeys, circuit.Token);
        await gate.HoldingAsync(1);

        await circuit.CancelAsync(); // the instructor closed the page
        gate.Release(3);

        var comingBack = await WhenAsync(v => !v.IsRunning);
        Assert.Equal((id, CourseJobState.Completed, 3), (comingBack.Id, comingBack.State, comingBack.Succeeded));
        Assert.Equal([Alex.Email, Priya.Email, Sam.Email], comingBack.Items.Select(i => i.Subject).Order(StringComparer.Ordinal));
        Assert.All(comingBack.Items, i => Assert.Equal(CourseJobItemOutcome.Succeeded, i.Outcome));
        Assert.Equal(3, Fake.LiveKeys.Count);
    }

    [Fact]
    public async Task Only_the_courses_instructors_start_cancel_or_read_jobs_and_one_runs_at_a_time()
    {
        await Assert.ThrowsAsync<KeyAccessDeniedException>(() => Jobs.StartAsync(Alex.Id, Course.Id, CourseJobKind.MintMissingKeys, Ct));
        await Assert.ThrowsAsync<KeyAccessDeniedException>(() => Jobs.StartAsync(OtherInstructor.Id, Course.Id, CourseJobKind.RotateKeys, Ct));
        await Assert.ThrowsAsync<KeyAccessDeniedException>(() => Jobs.LatestAsync(Alex.Id, Course.Id, Ct));

        Fake.CreateGate = gate;
        var id = await Jobs.StartAsync(Admin.Id, Course.Id, CourseJobKind.MintMissingKeys, Ct);
        await Assert.ThrowsAsync<KeyAccessDeniedException>(() => Jobs.CancelAsync(OtherInstructor.Id, id, Ct));
        var busy = await Assert.ThrowsAsync<CourseAdminException>(() => Jobs.StartAsync(Instructor.Id, Course.Id, CourseJobKind.RotateKeys, Ct));
        Assert.Contains("Minting keys for the class is still running", busy.Message, StringComparison.Ordinal);
        Assert.False((await LatestAsync()).CancelRequested);
        gate.Release(3);
        await WhenAsync(v => !v.IsRunning);

        await using (var db = Db.CreateContext())
        {
            await db.Courses.Where(c => c.Id == Course.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.DefaultKeyBudget, (decimal?)null), Ct);
        }

        var refused = await Assert.ThrowsAsync<KeyProvisioningException>(() => Jobs.StartAsync(Instructor.Id, Course.Id, CourseJobKind.MintMissingKeys, Ct));
        Assert.Contains("default key budget", refused.Message, StringComparison.Ordinal);
        Assert.Equal(id, (await LatestAsync()).Id);
    }

    [Fact]
    public async Task A_rejected_management_key_stops_the_job_and_marks_the_rest_not_attempted()
    {
        Db.Get<Microsoft.Extensions.Options.IOptions<Grimoire.Llm.GrimoireProvidersOptions>>().Value.OpenRouter.ManagementKey = "sk-or-v1-wrong";

        await Jobs.StartAsync(Instructor.Id, Course.Id, CourseJobKind.MintMissingKeys, Ct);

        var done = await WhenAsync(v => !v.IsRunning);
        Assert.Equal((CourseJobState.Failed, 0, 3), (done.State, done.Succeeded, done.Failed));
        Assert.Contains("rejected the management key", done.Message, StringComparison.Ordinal);
        Assert.All(done.Items.Skip(1), i => Assert.StartsWith("Not attempted:", i.Reason, StringComparison.Ordinal));
        Assert.Single(Fake.Calls);
    }

    [Fact]
    public async Task Stopping_the_server_interrupts_a_running_job_and_start_up_marks_jobs_left_running()
    {
        Fake.CreateGate = gate;
        await Jobs.StartAsync(Instructor.Id, Course.Id, CourseJobKind.MintMissingKeys, Ct);
        gate.Release(1);
        await WhenAsync(v => v.Processed == 1);
        await gate.HoldingAsync(1);

        await Db.Get<CourseJobRunner>().ShutdownAsync(Ct);

        var interrupted = await LatestAsync();
        Assert.Equal((CourseJobState.Interrupted, 1, 2), (interrupted.State, interrupted.Succeeded, interrupted.NotAttempted));
        Assert.Equal(CourseJobRunner.InterruptedMessage, interrupted.Message);

        // A job a crashed process left "running" is marked interrupted at the next start.
        await using (var db = Db.CreateContext())
        {
            db.CourseJobs.Add(new CourseJob { CourseId = OtherCourse.Id, Kind = CourseJobKind.RotateKeys, StartedById = OtherInstructor.Id, StartedAt = DateTime.UtcNow, Total = 5 });
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(1, await Db.Get<CourseJobRunner>().RecoverAsync(Ct));
        var recovered = await Jobs.LatestAsync(OtherInstructor.Id, OtherCourse.Id, Ct);
        Assert.Equal((CourseJobState.Interrupted, 5), (recovered!.State, recovered.NotAttempted));
    }

    [Fact]
    public async Task Rotating_every_key_replaces_each_live_key_and_reports_each_student()
    {
        await Keys.MintMissingAsync(Instructor.Id, Course.Id, "openrouter", Ct);
        var before = Fake.LiveKeys.Select(k => k.Hash).ToHashSet();

        await Jobs.StartAsync(Instructor.Id, Course.Id, CourseJobKind.RotateKeys, Ct);

        var done = await WhenAsync(v => !v.IsRunning);
        Assert.Equal((CourseJobKind.RotateKeys, CourseJobState.Completed, 3, 3), (done.Kind, done.State, done.Total, done.Succeeded));
        Assert.Equal(3, Fake.LiveKeys.Count);
        Assert.DoesNotContain(Fake.LiveKeys, k => before.Contains(k.Hash));
        foreach (var student in new[] { Alex, Priya, Sam })
        {
            var keys = await KeysOfAsync(student.Id);
            Assert.Equal(2, keys.Count);
            Assert.Single(keys, k => k.RevokedAt is null);
        }

        AssertNoSecretsLogged();
    }

    [Fact]
    public async Task Refreshing_spend_reads_each_key_and_keeps_it_for_the_next_visit()
    {
        var alex = await MintedKeyAsync(Alex);
        var priya = await MintedKeyAsync(Priya);
        Fake.Key(alex.ProviderKeyHash).Usage = 1.5m;
        Fake.Key(priya.ProviderKeyHash).Deleted = true; // deleted on the provider's dashboard
        Fake.CreateGate = gate; // not used: reading spend mints nothing

        await Jobs.StartAsync(Instructor.Id, Course.Id, CourseJobKind.RefreshSpend, Ct);

        var done = await WhenAsync(v => !v.IsRunning);
        Assert.Equal((CourseJobState.Completed, 2, 1, 1), (done.State, done.Total, done.Succeeded, done.Failed));
        var missing = Assert.Single(done.Items, i => i.Outcome == CourseJobItemOutcome.Failed);
        Assert.Equal(Priya.Email, missing.Subject);
        Assert.Contains("no longer lists this key", missing.Reason, StringComparison.Ordinal);
        Assert.Equal(2, Fake.Calls.Count(c => c.StartsWith("GET /api/v1/keys/", StringComparison.Ordinal)));

        // The next visit shows what was read, without asking the provider again.
        var calls = Fake.Calls.Count;
        var list = await Keys.ListAsync(Instructor.Id, Course.Id, "openrouter", refreshSpend: false, Ct);
        var rows = list.Rows.Where(r => r.KeyId is not null).ToDictionary(r => r.StudentId);
        Assert.Equal((1.5m, 0.75m, 3.5m, false), (rows[Alex.Id].Spend, rows[Alex.Id].SpendThisPeriod, rows[Alex.Id].LimitRemaining, rows[Alex.Id].MissingAtProvider));
        Assert.True(rows[Priya.Id].MissingAtProvider);
        Assert.NotNull(list.SpendAsOf);
        Assert.Equal(calls, Fake.Calls.Count);
    }

    private async Task<CourseJobView> LatestAsync() =>
        await Jobs.LatestAsync(Instructor.Id, Course.Id, Ct) ?? throw new InvalidOperationException("The course has no job.");

    /// <summary>Reads the course's latest job each time it signals a step, until <paramref name="condition"/> holds.</summary>
    private async Task<CourseJobView> WhenAsync(Func<CourseJobView, bool> condition)
    {
        using var watch = Jobs.Watch(Course.Id);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // bounds a failing test only
        while (true)
        {
            if (await Jobs.LatestAsync(Instructor.Id, Course.Id, Ct) is { } view && condition(view))
            {
                return view;
            }

            await watch.Changes.ReadAsync(limit.Token);
        }
    }

    public override async Task DisposeAsync()
    {
        gate.Release(1000); // nothing stays held when the fake stops
        await base.DisposeAsync();
    }
}

public sealed class CourseJobTestsOnSqlite : CourseJobTests<SqliteTestDatabase>;

public sealed class CourseJobTestsOnPostgres : CourseJobTests<PostgresTestDatabase>;
