using System.Diagnostics.Metrics;

namespace Grimoire.Core.Jobs;

/// <summary>Course jobs on the "Grimoire" meter: started by kind, finished by kind and state, steps by kind and outcome.</summary>
public sealed class CourseJobMetrics
{
    public const string MeterName = "Grimoire";

    private readonly Counter<long> started;
    private readonly Counter<long> finished;
    private readonly Counter<long> steps;

    public CourseJobMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        started = meter.CreateCounter<long>("grimoire.course_jobs.started", "{job}", "Course jobs started (mint keys for a class, rotate every key).");
        finished = meter.CreateCounter<long>("grimoire.course_jobs.finished", "{job}", "Course jobs finished, by how they ended.");
        steps = meter.CreateCounter<long>("grimoire.course_jobs.steps", "{step}", "Students (or keys) a course job went through, by outcome.");
    }

    internal void Started(CourseJobKind kind) => started.Add(1, new KeyValuePair<string, object?>("kind", Name(kind)));

    internal void Finished(CourseJobKind kind, CourseJobState state) =>
        finished.Add(1, new KeyValuePair<string, object?>("kind", Name(kind)), new KeyValuePair<string, object?>("state", Name(state)));

    internal void Step(CourseJobKind kind, CourseJobItemOutcome outcome) =>
        steps.Add(1, new KeyValuePair<string, object?>("kind", Name(kind)), new KeyValuePair<string, object?>("outcome", Name(outcome)));

    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
