using System.Globalization;
using Grimoire.Core.Jobs;

namespace Grimoire.Web.Features.Courses.Keys;

/// <summary>How the Keys tab words a course job: "37 of 300 minted, 1 failed" as it goes, and how it ended.</summary>
internal static class JobFormat
{
    public static string Title(CourseJobKind kind) => CourseJobs.Describe(kind);

    /// <summary>The counts as they stand, e.g. "37 of 300 minted, 1 failed, 5 already had a key".</summary>
    public static string Progress(CourseJobView job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var verb = job.Kind switch
        {
            CourseJobKind.RotateKeys => "rotated",
            CourseJobKind.RefreshSpend => "read",
            _ => "minted",
        };
        var text = $"{N(job.Succeeded)} of {N(job.Total)} {verb}, {N(job.Failed)} failed";
        if (job.Skipped > 0)
        {
            text += job.Kind == CourseJobKind.MintMissingKeys ? $", {N(job.Skipped)} already had a key" : $", {N(job.Skipped)} skipped";
        }

        return text;
    }

    /// <summary>How a finished job ended, with its counts.</summary>
    public static string Result(CourseJobView job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.State switch
        {
            CourseJobState.Completed => $"{Title(job.Kind)}: done. {Progress(job)}.",
            CourseJobState.Cancelled => $"{Title(job.Kind)}: cancelled. {Progress(job)}; {N(job.NotAttempted)} not attempted.",
            CourseJobState.Failed => $"{Title(job.Kind)}: stopped. {Progress(job)}. {job.Message}",
            CourseJobState.Interrupted => $"{Title(job.Kind)}: interrupted. {Progress(job)}; {N(job.NotAttempted)} not attempted. {job.Message}",
            _ => Progress(job),
        };
    }

    /// <summary>"mint", "rotate" or "spend": names the result's test id (mint-results, rotate-results, spend-results).</summary>
    public static string Slug(CourseJobKind kind) => kind switch
    {
        CourseJobKind.RotateKeys => "rotate",
        CourseJobKind.RefreshSpend => "spend",
        _ => "mint",
    };

    public static string When(CourseJobView job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var at = (job.FinishedAt ?? job.StartedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return $"Started by {job.StartedBy}; {(job.FinishedAt is null ? "started" : "ended")} {at} UTC.";
    }

    private static string N(int count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
